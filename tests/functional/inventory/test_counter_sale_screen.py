"""Walk-in sales at the center."""

import datetime
import io
import re
import uuid
from decimal import Decimal

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

from inventory.models import CounterSale, StockMovement
from inventory.selectors import stock_available
from tests.factories.inventory import stock_receive

from .conftest import messages_of

Selector = get_class("partner.strategy", "Selector")


def _sale(*lines, method="cash", token=None, reference="", total=6):
    data = {
        "lines-TOTAL_FORMS": str(total),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
        "token": str(token or uuid.uuid4()),
        "payment_method": method,
        "payment_reference": reference,
    }
    for i, (code, quantity) in enumerate(lines):
        data[f"lines-{i}-code"] = code
        data[f"lines-{i}-quantity"] = str(quantity)
    return data


URL = "inventory:counter-sale-create"


def test_selling_the_last_unit_at_the_counter_makes_the_product_unavailable_online_at_once(staff_client, product):
    stock_receive(product=product, quantity=1)
    strategy = Selector().strategy()
    assert strategy.fetch_for_product(product).availability.is_available_to_buy

    response = staff_client.post(reverse(URL), _sale(("8850000000101", 1)))

    sale = CounterSale.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:counter-sale-detail", kwargs={"pk": sale.pk})
    product.refresh_from_db()
    assert not Selector().strategy().fetch_for_product(product).availability.is_available_to_buy
    assert stock_available(product_id=product.pk) == 0


def test_a_sale_by_sku_records_the_payment_and_shows_a_receipt(staff_client, product, other_product):
    stock_receive(product=product, quantity=3)
    stock_receive(product=other_product, quantity=3)

    response = staff_client.post(
        reverse(URL), _sale(("SILK-1", 2), ("umb-1", 1), method="promptpay", reference="PP-123"), follow=True
    )

    sale = CounterSale.objects.get()
    assert (sale.payment_method, sale.payment_reference, sale.total) == ("promptpay", "PP-123", Decimal("1250.00"))
    moves = StockMovement.objects.filter(kind="counter_sale", reference_id=str(sale.pk))
    assert sorted((m.product_id, m.quantity) for m in moves) == sorted([(product.pk, 2), (other_product.pk, 1)])
    page = response.content.decode()
    assert sale.number in page and ("1,250.00" in page or "1250.00" in page)


def test_not_enough_stock_names_the_line_and_sells_nothing(staff_client, product, other_product):
    stock_receive(product=product, quantity=5)
    stock_receive(product=other_product, quantity=1)

    response = staff_client.post(reverse(URL), _sale(("SILK-1", 1), ("UMB-1", 2)))

    assert response.status_code == 200
    [(level, text)] = messages_of(response)
    assert level == "error"
    assert other_product.get_title() in text and product.get_title() not in text
    assert CounterSale.objects.count() == 0
    assert not StockMovement.objects.filter(kind="counter_sale").exists()


def test_an_unknown_code_or_a_zero_quantity_is_a_form_error(staff_client, product):
    stock_receive(product=product, quantity=5)

    response = staff_client.post(reverse(URL), _sale(("NO-SUCH-CODE", 1), ("SILK-1", 0)))

    errors = response.context["formset"].errors
    assert errors[0]["code"] and errors[1]["quantity"]
    assert CounterSale.objects.count() == 0 and not StockMovement.objects.filter(kind="counter_sale").exists()


def test_a_double_submitted_sale_form_sells_once(staff_client, product):
    stock_receive(product=product, quantity=5)
    data = _sale(("SILK-1", 1))

    staff_client.post(reverse(URL), data)
    response = staff_client.post(reverse(URL), data, follow=True)

    assert messages_of(response)[-1][0] == "error"
    assert CounterSale.objects.count() == 1
    assert stock_available(product_id=product.pk) == 4


def test_a_payment_method_is_required(staff_client, product):
    stock_receive(product=product, quantity=5)
    response = staff_client.post(reverse(URL), _sale(("SILK-1", 1), method=""))
    assert response.context["payment"].errors["payment_method"]
    assert stock_available(product_id=product.pk) == 5


# --- Issue 19, point 10: the sale's page, cash and change, money format, the buyer's receipt


def _h1(response) -> str:
    html = response.content.decode()
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


def _sold(staff_client, product, other_product, **payment):
    """Three silk (3 × 450) and one umbrella (350): ฿1,700.00."""
    stock_receive(product=product, quantity=5)
    stock_receive(product=other_product, quantity=5)
    data = _sale(("SILK-1", 3), ("UMB-1", 1), method=payment.pop("method", "cash"))
    data.update({key: str(value) for key, value in payment.items()})
    return staff_client.post(reverse(URL), data, follow=True)


def test_the_sale_page_is_titled_as_a_counter_sale_not_as_a_goods_receipt(staff_client, product, other_product):
    response = _sold(staff_client, product, other_product)

    sale = CounterSale.objects.get()
    title = _h1(response)
    with translation.override("th"):
        goods_receipt = translation.gettext("Receipt")  # รับสินค้าเข้า: goods received from a producer
    assert sale.number in title
    assert goods_receipt not in title and "Receipt" not in title


def test_the_sale_page_shows_amounts_with_thousands_separators(staff_client, product, other_product):
    response = _sold(staff_client, product, other_product)

    html = response.content.decode()
    assert "1,700.00" in html and "1,350.00" in html  # the total, 3 × 450
    assert "1700.00" not in html and "1350.00" not in html


def test_a_cash_sale_records_the_cash_received_and_shows_the_change(staff_client, product, other_product):
    response = _sold(staff_client, product, other_product, cash_tendered="2,000")

    sale = CounterSale.objects.get()
    assert (sale.total, sale.cash_tendered, sale.change_given) == (
        Decimal("1700.00"),
        Decimal("2000.00"),
        Decimal("300.00"),
    )
    html = response.content.decode()
    assert "2,000.00" in html and "300.00" in html


def test_a_cash_sale_without_an_amount_received_is_paid_exactly(staff_client, product, other_product):
    _sold(staff_client, product, other_product)

    sale = CounterSale.objects.get()
    assert (sale.cash_tendered, sale.change_given) == (Decimal("1700.00"), Decimal("0.00"))


def test_cash_received_short_of_the_total_is_refused_and_sells_nothing(staff_client, product, other_product):
    response = _sold(staff_client, product, other_product, cash_tendered="1500")

    assert response.status_code == 200
    assert response.context["payment"].errors["cash_tendered"]
    assert "1,500.00" in response.content.decode() and "1,700.00" in response.content.decode()
    assert CounterSale.objects.count() == 0
    assert not StockMovement.objects.filter(kind="counter_sale").exists()
    assert stock_available(product_id=product.pk) == 5


def test_a_promptpay_sale_records_no_cash(staff_client, product, other_product):
    _sold(staff_client, product, other_product, method="promptpay", payment_reference="PP-9", cash_tendered="2000")

    sale = CounterSale.objects.get()
    assert (sale.cash_tendered, sale.change_given, sale.payment_reference) == (None, None, "PP-9")


def test_the_sale_page_keeps_the_prices_charged_after_a_price_change(staff_client, product, other_product):
    _sold(staff_client, product, other_product)
    sale = CounterSale.objects.get()
    product.stockrecords.update(price=Decimal("999.00"))

    html = staff_client.get(reverse("inventory:counter-sale-detail", kwargs={"pk": sale.pk})).content.decode()

    assert "1,350.00" in html and "999.00" not in html


def _pdf_text(pdf: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf))


@time_machine.travel(datetime.datetime(2026, 12, 7, 7, 5, tzinfo=datetime.UTC), tick=False)  # 14:05 in Bangkok
def test_the_buyers_receipt_is_a_pdf_with_the_center_the_lines_the_cash_and_the_change(
    staff_client, product, other_product
):
    _sold(staff_client, product, other_product, cash_tendered="2000")
    sale = CounterSale.objects.get()
    link = reverse("inventory:counter-sale-receipt", kwargs={"pk": sale.pk})
    assert link in staff_client.get(reverse("inventory:counter-sale-detail", kwargs={"pk": sale.pk})).content.decode()

    response = staff_client.get(link)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    assert settings.SHOP_CENTER["name_en"] in text and settings.SHOP_CENTER["address_en"] in text
    assert sale.number in text
    assert "2569 14:05" in text and "2026 14:05" in text  # B.E. for the Thai half, C.E. for the English
    for amount in ("฿450.00", "฿1,350.00", "฿350.00", "฿1,700.00", "฿2,000.00", "฿300.00"):
        assert amount in text
    assert "Silk brocade" in text or "ผ้าไหมยกดอก" in text


def test_the_buyers_receipt_sets_thai_marks_on_their_consonants(staff_client, product, other_product):
    from tests.pdf_glyphs import find_word, misplaced_marks, pdf_glyphs

    _sold(staff_client, product, other_product)
    sale = CounterSale.objects.get()
    with translation.override("th"):
        pdf = staff_client.get(reverse("inventory:counter-sale-receipt", kwargs={"pk": sale.pk})).content

    glyphs = [g for page in pdf_glyphs(pdf) for g in page]
    words = ["ศูนย์", "สินค้า", "สันกำแพง", "ร่มบ่อสร้าง"]
    found = {word: find_word(glyphs, word) for word in words}
    assert all(found.values()), [w for w, g in found.items() if not g]
    assert {w: misplaced_marks(g) for w, g in found.items() if misplaced_marks(g)} == {}
