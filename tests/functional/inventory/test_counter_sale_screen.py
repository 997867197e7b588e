"""Walk-in sales at the center."""

import uuid
from decimal import Decimal

from django.urls import reverse
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
