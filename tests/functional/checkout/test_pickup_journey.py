"""A guest buys two products from two producers and collects them at the
center: the whole checkout through the Django test client."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from shop.demo.shipping import seed_shipping_rates
from shop.order import statuses
from tests.factories.order import stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_products(db):
    seed_shipping_rates()
    silk = stocked_product(price="450.00", quantity=3, title_en="Silk scarf")
    umbrella = stocked_product(price="350.00", quantity=3, title_en="Bo Sang umbrella")
    assert silk.producer != umbrella.producer
    return silk, umbrella


def _fill_basket(client, products):
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        assert response.status_code == 302


def _guest_to_payment_step(client, *, pickup_only=True, address=None):
    client.post(reverse("checkout:index"), {"username": "tourist@example.com", "options": "anonymous"})
    data = {"first_name": "Anna", "last_name": "Berg", "phone_number": "+46701234567", "country": "TH"}
    if pickup_only:
        data["pickup_only"] = "on"
    data.update(address or {})
    response = client.post(reverse("checkout:shipping-address"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def test_a_guest_collecting_at_the_center_places_an_order_with_a_pickup_code(
    client, two_products, django_capture_on_commit_callbacks
):
    _fill_basket(client, two_products)
    _guest_to_payment_step(client)

    methods = client.get(reverse("checkout:shipping-method"))
    assert methods.status_code == 302 and methods.url == reverse("checkout:payment-method")
    choice = client.post(reverse("checkout:payment-method"), {"method": "pickup"})
    assert choice.url == reverse("checkout:preview")
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and placed.url == reverse("checkout:thank-you")

    thanks = client.get(placed.url)
    order = thanks.context["order"]
    assert order.status == statuses.PENDING_PAYMENT and order.shipping_code == "pickup"
    assert re.fullmatch(r"[A-Z0-9]{6}", order.pickup_code)
    assert order.pickup_code in thanks.content.decode()
    assert order.lines.count() == 2 and order.guest_email == "tourist@example.com"
    qr = client.get(thanks.context["pickup_qr_url"])
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    [email] = mail.outbox
    assert order.number in email.subject and order.pickup_code in email.body


def test_the_pickup_qr_needs_the_signed_hash(client, two_products):
    from tests.factories.order import order_place

    order = order_place(lines=[(two_products[0], 1)])

    response = client.get(reverse("checkout:pickup-qr", kwargs={"order_number": order.number, "hash": "forged"}))

    assert response.status_code == 404


def test_pay_at_pickup_is_not_offered_for_delivered_orders(client, two_products):
    _fill_basket(client, two_products[:1])
    _guest_to_payment_step(
        client,
        pickup_only=False,
        address={
            "line1": "1 Charoen Rat Rd",
            "line3": "วัดเกต",
            "line4": "เมืองเชียงใหม่",
            "state": "เชียงใหม่",
            "postcode": "50000",
        },
    )
    client.post(reverse("checkout:shipping-method"), {"method_code": "ems-thailand"})

    response = client.post(reverse("checkout:payment-method"), {"method": "pickup"})

    assert response.status_code == 200
    assert response.context["form"].errors["method"]


def _sell_out_before_placing(client, two_products):
    from inventory.services import reservation_create

    silk, umbrella = two_products
    _fill_basket(client, two_products)
    _guest_to_payment_step(client)
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "pickup"})
    reservation_create(reference="counter:1", lines=[(silk.pk, 3)])  # a walk-in buyer took them all


def test_a_line_sold_out_before_the_preview_sends_the_customer_back_to_the_basket_naming_it(client, two_products):
    _sell_out_before_placing(client, two_products)

    response = client.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)

    silk = two_products[0]
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert any(silk.title in str(m) for m in response.context["messages"]), list(response.context["messages"])


def test_a_line_sold_out_between_the_checks_and_placement_is_named_and_nothing_is_placed(
    client, two_products, monkeypatch
):
    from oscar.core.loading import get_model

    from shop.checkout.views import PaymentDetailsView

    _sell_out_before_placing(client, two_products)
    # The other buyer wins the race after Oscar's basket check has passed.
    monkeypatch.setattr(PaymentDetailsView, "check_basket_is_valid", lambda self, request: None)

    response = client.post(reverse("checkout:preview"), {"action": "place_order"})

    assert response.status_code == 200
    assert any(two_products[0].title in line for line in response.context["short_lines"])
    assert not get_model("order", "Order").objects.exists()
    assert get_model("basket", "Basket").objects.get().status == "Open"


def test_a_guest_finds_the_order_by_number_and_email(client, two_products):
    from tests.factories.order import order_place

    order = order_place(lines=[(two_products[0], 1)], email="tourist@example.com")

    wrong = client.post(reverse("checkout:order-lookup"), {"order_number": order.number, "email": "x@example.com"})
    right = client.post(
        reverse("checkout:order-lookup"), {"order_number": order.number, "email": "Tourist@example.com"}, follow=True
    )

    assert wrong.status_code == 200 and wrong.context["form"].non_field_errors()
    assert right.status_code == 200 and order.pickup_code in right.content.decode()


def test_a_customer_with_an_account_checks_out_and_sees_the_order_in_their_account(client, two_products):
    from tests.factories.catalog import UserFactory

    customer = UserFactory(email="somchai@example.com")
    client.force_login(customer)
    _fill_basket(client, two_products[:1])
    assert client.get(reverse("checkout:index")).url == reverse("checkout:shipping-address")
    client.post(
        reverse("checkout:shipping-address"),
        {
            "pickup_only": "on",
            "first_name": "Somchai",
            "last_name": "Jaidee",
            "phone_number": "0812345678",
            "country": "TH",
        },
    )
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "pickup"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})

    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.get()
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert order.user == customer and order.language == "th"
    assert page.status_code == 200 and order.pickup_code in page.content.decode()
    assert str(statuses.status_label(statuses.PENDING_PAYMENT)) in page.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en", "/zh-hans"])
def test_the_checkout_pages_render_in_every_language(client, two_products, prefix):
    _fill_basket(client, two_products[:1])
    _guest_to_payment_step(client)
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method": "pickup"})
    urls = [reverse(name) for name in ("checkout:shipping-address", "checkout:payment-method", "checkout:preview")]

    for url in urls:  # reversed in Thai (no prefix), then prefixed
        response = client.get(prefix + url)
        assert response.status_code == 200, (url, response.status_code)
