"""A small, fully known shop history around Q1 FY2568 (Oct–Dec 2024) whose
report figures are computed by hand in the tests.

    producer A (San Kamphaeng, tambon ต้นเปา, community enterprise, rate 15 %)
        silk scarf, textiles, 4 stars, 450.00
    producer B (Mae Rim, household, no own rate → default 15 %)
        chilli paste, food, 5 stars, 120.00

    2023-11-15  o6  u2      chilli ×2 = 240.00  card            (Q1 FY2567: year before)
    2024-09-01  receipt: 10 scarves, 10 chilli pastes
    2024-09-30 23:59  o3  u1  scarf ×1 = 450.00  card        (Q4 FY2567: previous quarter)
    2024-10-01 00:00  o1  u1  scarf ×2 = 900.00  card        (Q1)
    2024-11-10  counter sale: scarf ×1 + chilli ×2 = 690.00 cash (Q1)
    2024-11-20  write-off: 1 chilli paste (Q1)
    2024-12-01  refund 450.00 on o1 (Q1)
    2024-12-31 23:59  o2  guest  chilli ×3 + scarf ×1 = 810.00 PromptPay, shipping 50 (Q1)
    2024-12-15  o5  pending payment, scarf ×5 (never a sale)
    2025-01-01 00:00  o4  u2  chilli ×1 = 120.00  (Q2: outside)
    2025-01-05  refund 120.00 on o2 (Q2: outside)
"""

from decimal import Decimal

import pytest
import time_machine

from shop.order import statuses
from tests.factories.catalog import DistrictFactory, OtopProductTypeFactory, ProducerFactory, UserFactory
from tests.factories.inventory import location, stock_receive
from tests.factories.reports import bkk, counter_sale, paid_order, priced_product, refund


@pytest.fixture
def shop_history(db):
    from inventory.services import stock_write_off

    producer_model = ProducerFactory._meta.model
    san_kamphaeng = DistrictFactory(code="5013")
    mae_rim = DistrictFactory(code="5007", slug="mae-rim", name_th="แม่ริม", name_en="Mae Rim")
    textiles = OtopProductTypeFactory(code="textiles")
    food = OtopProductTypeFactory(code="food", name_th="อาหาร", name_en="Food")
    a = ProducerFactory(district=san_kamphaeng, tambon="ต้นเปา", commission_rate=Decimal("0.15"))
    b = ProducerFactory(district=mae_rim, tambon="ริมใต้", kind=producer_model.Kind.HOUSEHOLD)
    producer_model.objects.filter(pk__in=[a.pk, b.pk]).update(created_at=bkk(2023, 1, 1))
    scarf = priced_product(
        "450.00", producer=a, otop_type=textiles, otop_stars=4, title="ผ้าพันคอไหม", title_en="Silk scarf"
    )
    chilli = priced_product(
        "120.00", producer=b, otop_type=food, otop_stars=5, title="น้ำพริกหนุ่ม", title_en="Chilli paste"
    )
    u1 = UserFactory(username="u1")
    u2 = UserFactory(username="u2")

    o6 = paid_order(placed=bkk(2023, 11, 15, 10), user=u2, lines=[(chilli, 2, "120.00", "0.15")])
    with time_machine.travel(bkk(2024, 9, 1, 9), tick=False):
        scarf_lot = stock_receive(product=scarf, quantity=10)
        chilli_lot = stock_receive(product=chilli, quantity=10)
    o3 = paid_order(placed=bkk(2024, 9, 30, 23, 59, 59), user=u1, lines=[(scarf, 1, "450.00", "0.15")])
    o1 = paid_order(placed=bkk(2024, 10, 1, 0, 0), user=u1, lines=[(scarf, 2, "450.00", "0.15")])
    sale = counter_sale(lines={scarf: 1, chilli: 2}, when=bkk(2024, 11, 10, 14))
    with time_machine.travel(bkk(2024, 11, 20, 10), tick=False):
        stock_write_off(
            product=chilli, lot=chilli_lot, quantity=1, from_location=location("SKP-A-01"), reason="jar broken"
        )
    r1 = refund(order=o1, amount="450.00", when=bkk(2024, 12, 1, 11))
    o2 = paid_order(
        placed=bkk(2024, 12, 31, 23, 59),
        guest_email="Guest@Example.com",
        lines=[(chilli, 3, "120.00", "0.15"), (scarf, 1, "450.00", "0.15")],
        method="stripe-promptpay",
        shipping=Decimal("50.00"),
        language="en",
    )
    o5 = paid_order(
        placed=bkk(2024, 12, 15), user=u2, lines=[(scarf, 5, "450.00", "0.15")], status=statuses.PENDING_PAYMENT
    )
    o4 = paid_order(placed=bkk(2025, 1, 1, 0, 0), user=u2, lines=[(chilli, 1, "120.00", "0.15")])
    r2 = refund(order=o2, amount="120.00", when=bkk(2025, 1, 5, 9))
    return {
        "a": a,
        "b": b,
        "scarf": scarf,
        "chilli": chilli,
        "u1": u1,
        "u2": u2,
        "orders": {"o1": o1, "o2": o2, "o3": o3, "o4": o4, "o5": o5, "o6": o6},
        "counter_sale": sale,
        "refunds": (r1, r2),
        "lots": (scarf_lot, chilli_lot),
        "districts": (san_kamphaeng, mae_rim),
    }
