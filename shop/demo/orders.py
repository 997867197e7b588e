"""Demo order history: a year of sales for the reports, the producer portal,
payments and settlements to show.

Every order is placed the way the checkout places it (a basket priced by
the strategy, a checkout snapshot, ``order_place_from_snapshot`` with its
stock reservation), paid through shop.payment (test-mode payments, or cash /
PromptPay at the counter) and moved on through the order lifecycle services;
stock arrives and leaves through inventory.services only. Afterwards each
order's dates are moved back into the period it stands for (the services
stamp "now"), so the office report has a current quarter, a previous quarter
and the same quarter last year to compare.

Idempotent: the orders carry the ``DEMO-`` number prefix, and if any exists
the whole history is taken as loaded (the command runs this section in one
transaction, so it is never half there).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from inventory.models import StockBalance
from inventory.selectors import center_get_default
from inventory.services import counter_sale_record, stock_write_off
from shop.checkout.services import order_place_from_snapshot
from shop.checkout.snapshot import snapshot_build
from shop.common import fiscal
from shop.order import services as order_services
from shop.order import statuses
from shop.order.models import Order
from shop.payment import services as payment_services
from shop.payment.models import PaymentAttempt
from shop.payment.selectors import payment_test_mode_enabled
from shop.reports.services import settlement_approve, settlement_generate

from .accounts import DEMO_PRODUCER_SLUG
from .shipping import seed_shipping_rates
from .stock import LOW_STOCK_THRESHOLD, PendingDelivery, deliveries_post

Basket = get_model("basket", "Basket")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
StockRecord = get_model("partner", "StockRecord")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")
PaymentEvent = get_model("order", "PaymentEvent")
OrderStatusChange = get_model("order", "OrderStatusChange")
WeightBased = get_model("shipping", "WeightBased")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")

DEMO_ORDER_PREFIX = "DEMO-"
PICKUP = "pickup"
POSTAL_METHOD = "Registered mail (Thailand Post)"
OFFICE_EMAIL = "office@demo.otop"
CENTER_EMAIL = "center@demo.otop"
CUSTOMER_EMAIL = "customer@demo.otop"
# Orders per period: (period name, count). ≈40 in all, fast on SQLite.
ORDERS_PER_PERIOD = (("year_before", 8), ("previous", 10), ("last_month", 6), ("current", 14))
PRODUCERS_USED = 5
PRODUCTS_PER_PRODUCER = 3
# Units delivered for each product used, so the history never runs short
# (and the storefront keeps its stock).
RESTOCK_UNITS = 25
COUNTER_SALES = 3

GUESTS = (
    ("Ananya", "Srisuk", "ananya.s@example.com", "12/3 Nimmanhaemin Rd", "สุเทพ", "เมืองเชียงใหม่", "50200"),
    ("Kenji", "Tanaka", "kenji.t@example.com", "88 Moo 2", "ออนใต้", "สันกำแพง", "50130"),
    ("Lina", "Wong", "lina.w@example.com", "5 Chang Klan Rd", "ช้างคลาน", "เมืองเชียงใหม่", "50100"),
    ("Prasert", "Boonmee", "prasert.b@example.com", "41 Moo 7", "ริมใต้", "แม่ริม", "50180"),
)


@dataclass(frozen=True)
class HistoryResult:
    created: bool
    orders: int = 0
    counter_sales: int = 0
    statement: str = ""

    def __str__(self) -> str:
        if not self.created:
            return "already loaded"
        return f"{self.orders} orders, {self.counter_sales} counter sales, statement {self.statement or 'none'}"


def _address(guest) -> dict:
    first, last, _email, line1, tambon, amphoe, postcode = guest
    return {
        "title": "",
        "first_name": first,
        "last_name": last,
        "line1": line1,
        "line2": "",
        "line3": tambon,
        "line4": amphoe,
        "state": "เชียงใหม่",
        "postcode": postcode,
        "country_id": "TH",
        "phone_number": "+66812345678",
        "notes": "",
    }


def _sellable_products(producer) -> list:
    return list(
        Product.objects.filter(
            producer=producer,
            is_public=True,
            listing_status=Product.ListingStatus.PUBLISHED,
            structure=Product.STANDALONE,
            # Sold-out and low-stock products stay as the catalogue's examples.
            stockrecords__num_in_stock__gt=LOW_STOCK_THRESHOLD,
        )
        .distinct()
        .order_by("pk")[:PRODUCTS_PER_PRODUCER]
    )


def _producers(demo_producer) -> list:
    """The demo producer first, then producers of other districts (one per
    district) that have something to sell."""
    chosen, districts = [demo_producer], {demo_producer.district_id}
    for producer in (
        Producer.objects.filter(status=Producer.Status.APPROVED).exclude(pk=demo_producer.pk).order_by("pk")
    ):
        if len(chosen) >= PRODUCERS_USED:
            break
        if producer.district_id in districts or not _sellable_products(producer):
            continue
        chosen.append(producer)
        districts.add(producer.district_id)
    return chosen


def _moments(*, start: dt.datetime, end: dt.datetime, count: int, rng: random.Random) -> list[dt.datetime]:
    """`count` times between start and end, in shop hours (Bangkok), oldest first."""
    span = max((end - start).total_seconds() - 4 * 3600, 3600)
    out = []
    for index in range(count):
        moment = start + dt.timedelta(seconds=span * (index + rng.random()) / count)
        local = timezone.localtime(moment, fiscal.bangkok())
        out.append(local.replace(hour=9 + rng.randrange(9), minute=rng.randrange(60)))
    return sorted(out)


def _schedule(*, now: dt.datetime, rng: random.Random) -> list[tuple[str, dt.datetime]]:
    quarter = fiscal.fiscal_quarter_of(now)
    last_month = fiscal.month_of(now).previous()
    ranges = {
        "year_before": (quarter.year_before().start, quarter.year_before().end),
        "previous": (quarter.previous().start, min(quarter.previous().end, last_month.start)),
        "last_month": (last_month.start, last_month.end),
        # Orders of this month only, so last month's statement is complete.
        "current": (max(quarter.start, fiscal.month_of(now).start), now - dt.timedelta(hours=2)),
    }
    plan = []
    for name, count in ORDERS_PER_PERIOD:
        start, end = ranges[name]
        if end <= start:  # the quarter began today: its orders go to last month
            start, end = ranges["last_month"]
        plan.extend((name, moment) for moment in _moments(start=start, end=end, count=count, rng=rng))
    return plan


def _basket(*, lines, owner):
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy(user=owner)
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def _snapshot(*, basket, user, guest, shipping_code: str, number: str):
    method = Repository().method_by_code(code=shipping_code, basket=basket)
    snapshot = snapshot_build(
        basket=basket,
        user=user or AnonymousUser(),
        email=user.email if user else guest[2],
        language="th" if user is None else "en",
        shipping_address=_address(guest),
        billing_address=None,
        shipping_method=method,
    )
    # A fixed prefix marks demo orders (and makes the load idempotent).
    return dataclasses.replace(snapshot, order_number=f"{DEMO_ORDER_PREFIX}{number}")


def _place_and_pay(*, lines, user, guest, shipping_code: str, number: str, payment: str, staff) -> Order:
    basket = _basket(lines=lines, owner=user)
    snapshot = _snapshot(basket=basket, user=user, guest=guest, shipping_code=shipping_code, number=number)
    if payment == "test":
        # The test-mode "Pay now" path: reservation at payment start, the
        # order placed when the (test) money arrives, Source "Test payment".
        attempt = payment_services.payment_start(
            basket=basket, snapshot=snapshot, method=PaymentAttempt.Method.TEST, user=user
        )
        attempt = payment_services.payment_complete_in_test_mode(attempt=attempt)
        return Order.objects.get(pk=attempt.order_id)
    order = order_place_from_snapshot(snapshot=snapshot, basket=basket, status=statuses.PENDING_PAYMENT)
    if shipping_code == PICKUP:
        # Pay at pickup: picked and packed unpaid, paid at the counter on collection.
        order_services.order_picking_start(order=order, user=staff)
        order_services.order_packed(order=order, user=staff)
        order_services.order_ready_for_pickup(order=order, user=staff)
    payment_services.offline_payment_record(
        order=order, amount=order.total_incl_tax, method=payment, user=staff, reference=f"demo {number}"
    )
    order.refresh_from_db()
    return order


def _fulfil(*, order: Order, stage: str, staff, number: str) -> None:
    """Move a paid order on to `stage` (paid / picking / packed / dispatched / completed)."""
    if order.status == statuses.COMPLETED or stage == statuses.PAID:
        return
    order_services.order_picking_start(order=order, user=staff)
    if stage == statuses.PICKING:
        return
    order_services.order_packed(order=order, user=staff)
    if stage == statuses.PACKED:
        return
    if order_services.order_is_pickup(order):
        order_services.order_ready_for_pickup(order=order, user=staff)
        order_services.order_picked_up(order=order, user=staff)
        return
    order_services.order_dispatched(order=order, carrier="Thailand Post", tracking_number=f"RD{number}TH", user=staff)
    if stage == statuses.COMPLETED:
        order_services.order_completed(order=order, user=staff)


def _backdate(*, order: Order, placed: dt.datetime) -> None:
    """Move the order's own timestamps back to `placed` (+ minutes for each
    later step). Stock ledger rows keep their real times: the ledger is
    append-only and its times say when the units really moved."""
    paid = placed + dt.timedelta(minutes=7)
    Order.objects.filter(pk=order.pk).update(date_placed=placed, paid_at=paid)
    if order.dispatched_at:
        Order.objects.filter(pk=order.pk).update(dispatched_at=placed + dt.timedelta(days=1))
    Transaction.objects.filter(source__order=order).update(date_created=paid)
    PaymentEvent.objects.filter(order=order).update(date_created=paid)
    for step, change in enumerate(OrderStatusChange.objects.filter(order=order).order_by("pk"), start=1):
        OrderStatusChange.objects.filter(pk=change.pk).update(date_created=paid + dt.timedelta(hours=step))
    PaymentAttempt.objects.filter(order=order).update(created_at=placed)


def _restock(*, products) -> None:
    deliveries_post(
        deliveries=[PendingDelivery(product=p, producer=p.producer, quantity=RESTOCK_UNITS) for p in products],
        center=center_get_default(),
    )


def _write_off(*, product, user) -> None:
    balance = (
        StockBalance.objects.filter(product=product, on_hand__gt=1, reserved=0)
        .select_related("lot", "location")
        .first()
    )
    if balance is not None:
        stock_write_off(
            product=product,
            lot=balance.lot,
            quantity=1,
            from_location=balance.location,
            user=user,
            reason="Demo: one piece water-damaged in storage",
            reference="writeoff:demo-1",
        )


def _counter_sales(*, products, user, rng: random.Random) -> int:
    count = 0
    for index in range(COUNTER_SALES):
        product = products[index % len(products)]
        price = StockRecord.objects.filter(product=product).order_by("pk").values_list("price", flat=True).first()
        quantity = 1 + index % 2
        _sale, created = counter_sale_record(
            # Fixed tokens: a re-run finds the sale already posted.
            token=f"00000000-0000-4000-8000-{2570_0000_0000 + index:012d}",
            payment_method="cash" if index % 2 == 0 else "promptpay",
            payment_reference="" if index % 2 == 0 else f"PP{rng.randrange(10**8):08d}",
            lines={product.pk: quantity},
            total=(price or Decimal("0")) * quantity,
            user=user,
        )
        count += created
    return count


def _refund(*, order: Order, user, when: dt.datetime) -> None:
    payment_services.payment_refund(
        order=order, amount=order.total_incl_tax, user=user, reason="Demo: parcel damaged in transit"
    )
    Transaction.objects.filter(source__order=order, txn_type=Transaction.REFUND).update(date_created=when)


def _bank_account(*, producer, user) -> None:
    if not ProducerBankAccount.objects.filter(producer=producer).exists():
        from catalog.producers.services import producer_bank_account_set

        producer_bank_account_set(
            producer=producer,
            actor=user,
            bank=ProducerBankAccount.Bank.KBANK,
            account_name=producer.name_th,
            account_number="123-4-56789-0",
        )


def seed_order_history(*, now: dt.datetime | None = None) -> HistoryResult:
    """≈40 paid orders over this quarter, the previous one and the same
    quarter last year, a refund, counter sales, a write-off, the demo
    producer's bank account and its approved statement for last month."""
    if Order.objects.filter(number__startswith=DEMO_ORDER_PREFIX).exists():
        return HistoryResult(created=False)
    demo_producer = Producer.objects.filter(slug=DEMO_PRODUCER_SLUG).first()
    User = get_user_model()
    office = User.objects.filter(email__iexact=OFFICE_EMAIL).first()
    staff = User.objects.filter(email__iexact=CENTER_EMAIL).first()
    customer = User.objects.filter(email__iexact=CUSTOMER_EMAIL).first()
    if demo_producer is None or office is None or staff is None:
        return HistoryResult(created=False)
    now = now or timezone.now()
    rng = random.Random(2570)
    seed_shipping_rates()
    postal_code = WeightBased.objects.get(name=POSTAL_METHOD).code

    producers = _producers(demo_producer)
    catalogue = {producer.pk: _sellable_products(producer) for producer in producers}
    products = [product for items in catalogue.values() for product in items]
    own = catalogue[demo_producer.pk]
    if not own or len(producers) < 2:
        return HistoryResult(created=False)
    # Demo emails go nowhere: a demo load must not print ≈150 order and receipt emails
    # to the console (or send them through a configured mail server). The
    # order services send them on commit, so the switch is flipped on commit
    # too: on before this section's emails run, off after them (callbacks
    # run in the order registered; outside a transaction, immediately).
    silence = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    transaction.on_commit(silence.enable)
    try:
        _restock(products=products)
        orders = _orders(
            now=now,
            rng=rng,
            own=own,
            products=products,
            staff=staff,
            customer=customer,
            postal_code=postal_code,
            office=office,
        )
        counter = _counter_sales(products=[p for p in products if p not in own], user=staff, rng=rng)
        _write_off(product=products[-1], user=office)
    finally:
        transaction.on_commit(silence.disable)

    _bank_account(producer=demo_producer, user=office)
    statement = settlement_generate(producer=demo_producer, month=fiscal.month_of(now).previous(), now=now)
    if statement is not None and statement.status == statement.Status.DRAFT:
        statement = settlement_approve(statement=statement, user=office)
    return HistoryResult(
        created=True, orders=orders, counter_sales=counter, statement=statement.number if statement else ""
    )


def _orders(*, now, rng, own, products, staff, customer, postal_code: str, office) -> int:
    others = [p for p in products if p not in own]
    refund_done = False
    count = 0
    for index, (period, placed) in enumerate(_schedule(now=now, rng=rng)):
        number = f"{fiscal.to_be(placed.year)}{index + 1:04d}"
        lines = []
        # Half the orders (all of last month's) include the demo producer's goods.
        if period == "last_month" or index % 2 == 0:
            lines.append((own[index % len(own)], 1 + index % 2))
        for product in rng.sample(others, k=min(len(others), 1 + index % 2)):
            lines.append((product, 1 + rng.randrange(2)))
        user = customer if customer is not None and index % 4 == 0 else None
        shipping_code = PICKUP if index % 5 == 0 else postal_code
        payment = ("test", "cash", "promptpay_counter")[index % 3]
        if shipping_code == PICKUP and payment == "test":
            payment = "cash"
        if payment == "test" and not payment_test_mode_enabled():
            # Test payments exist only in development without Stripe keys
            # (a load with DEBUG off, or with keys): paid at the counter instead.
            payment = "promptpay_counter"
        order = _place_and_pay(
            lines=lines,
            user=user,
            guest=GUESTS[index % len(GUESTS)],
            shipping_code=shipping_code,
            number=number,
            payment=payment,
            staff=staff,
        )
        age = now - placed
        if age > dt.timedelta(days=10):
            stage = statuses.COMPLETED
        else:
            stage = (statuses.PAID, statuses.PICKING, statuses.PACKED, statuses.DISPATCHED)[index % 4]
        _fulfil(order=order, stage=stage, staff=staff, number=number)
        order.refresh_from_db()
        _backdate(order=order, placed=placed)
        if period == "last_month" and not refund_done and lines[0][0] in own and order.status == statuses.COMPLETED:
            # The first of last month's orders: its refund falls in last month too.
            _refund(order=order, user=office, when=placed + dt.timedelta(days=1))
            refund_done = True
        count += 1
    return count
