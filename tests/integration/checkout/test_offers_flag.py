"""The basket middleware skips Oscar's offer queries while the shop has no
offer (shop/checkout/offers.py), and applies an offer from the request after
the one that created it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.test.factories import create_offer

from tests.factories.catalog import UserFactory
from tests.factories.order import stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(db):
    client = Client()
    client.force_login(
        UserFactory(email="offers@example.com"), backend="oscar.apps.customer.auth_backends.EmailBackend"
    )
    client.post(reverse("basket:add", kwargs={"pk": stocked_product(price="500.00").pk}), {"quantity": 1})
    return client


def _offer_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if 'FROM "offer_' in q["sql"] or 'FROM "voucher_' in q["sql"]]


def test_a_checkout_step_reads_no_offers_or_vouchers_while_the_shop_has_no_offer(customer):
    customer.get(reverse("checkout:index"))  # the flag is read and kept

    _response, offer_queries = _offer_queries(customer, reverse("checkout:index"))

    assert offer_queries == []


def test_an_offer_created_after_the_flag_was_kept_discounts_the_next_request(
    customer, django_capture_on_commit_callbacks
):
    before = customer.get(reverse("basket:summary"))
    assert before.context["basket"].total_incl_tax == Decimal("500.00")

    with django_capture_on_commit_callbacks(execute=True):
        create_offer(name="Songkran 20%")  # 20% off every product
    after, offer_queries = _offer_queries(customer, reverse("basket:summary"))

    assert after.context["basket"].total_incl_tax == Decimal("400.00")
    assert offer_queries
