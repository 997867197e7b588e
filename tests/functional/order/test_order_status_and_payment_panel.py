"""What the thank-you and order pages say about an order's status and its
payment (issue #19, point 4): the status once, the payment as the customer
reads it, and "no payment was required" only when nothing is due."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.order import statuses
from tests.factories.catalog import UserFactory
from tests.factories.order import order_place, stocked_product

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


def _thank_you(client, order, language="th"):
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    with translation.override(language):
        return client.get(reverse("checkout:thank-you")).content.decode()


def _paid_by_test_payment(order):
    source_type, _ = SourceType.objects.get_or_create(code="test", defaults={"name": "Test payment"})
    source = Source.objects.create(
        order=order,
        source_type=source_type,
        currency="THB",
        amount_allocated=order.total_incl_tax,
        reference="test-090f1c2a",
        label="Test payment",
    )
    source.debit(order.total_incl_tax, reference="test", status="succeeded")
    order.paid_at, order.status = timezone.now(), statuses.PAID
    order.save()
    return order


def test_an_unpaid_pickup_order_asks_for_payment_at_the_counter_and_never_says_none_is_needed(client):
    order = order_place(lines=[(stocked_product(price="1910.00"), 1)], language="th")

    page = _thank_you(client, order)

    with translation.override("th"):
        assert translation.gettext("No payment was required for this order.") not in page
    assert "ชำระที่เคาน์เตอร์" in page or "Pay at the counter" in page
    assert "1,910.00" in page


def test_a_paid_order_shows_its_status_once_and_a_customer_payment_summary(client):
    user = UserFactory()
    order = _paid_by_test_payment(
        order_place(lines=[(stocked_product(price="1900.00"), 1)], user=user, shipping_code="ems-thailand")
    )
    client.force_login(user)

    with translation.override("en"):
        order_page = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()

    for page in (_thank_you(client, order, "en"), order_page):
        assert page.count(">Paid<") == 1, "the status shows once, without a second 'Paid' badge"
        assert "Allocation of" not in page and "test-090f1c2a" not in page
        assert "Test payment – no money moved" in page and "1,960.00" in page
