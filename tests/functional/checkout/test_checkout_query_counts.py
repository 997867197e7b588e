"""SQL queries per request of a logged-in customer's card checkout (issues
#5 and #10): the basket page, add to basket and every checkout step make a
fixed number of queries, whether the basket holds one line or five. A query
per line (a product, its stock record or image read again for each line)
shows up as a count that grows with the basket."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.demo.shipping import seed_shipping_rates
from shop.payment.models import PaymentAttempt
from tests.factories.catalog import ProductImageFactory, UserFactory
from tests.factories.order import stocked_product
from tests.fakestripe.fixtures import fake_stripe, webhook_post  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Emily",
    "last_name": "Carter",
    "line1": "99/1 Moo 3",
    "line2": "",
    "line3": "ต้นเปา",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
    "country": "TH",
    "phone_number": "+66812345678",
    "notes": "",
}


@pytest.fixture
def products(db):
    seed_shipping_rates()
    made = [stocked_product(price="250.00", quantity=5) for _n in range(5)]
    for product in made:
        ProductImageFactory(product=product)
    return made


def _customer_client(email: str):
    client = Client()
    client.force_login(UserFactory(email=email), backend="oscar.apps.customer.auth_backends.EmailBackend")
    return client


def _counted(counts: dict, name: str, send, capture):
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = send()
    counts[name] = len(queries)
    return response


def _checkout_query_counts(client, fake, products, capture) -> dict[str, int]:
    """Fill the basket with one unit of each product, then count the queries
    of adding a second unit of the last one, the basket page and each step
    of a card checkout. (The first add into a one-line basket is also the
    customer's first: it creates the basket and their analytics record, and
    an empty basket skips the offers; a fifth add does none of that. Those
    are not queries per line, so the counted add is one into a basket that
    already holds all its lines.)"""
    counts: dict[str, int] = {}
    for product in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    last = products[-1]
    _counted(
        counts,
        "add to basket",
        lambda: client.post(reverse("basket:add", kwargs={"pk": last.pk}), {"quantity": 1}),
        capture,
    )
    _counted(counts, "basket page", lambda: client.get(reverse("basket:summary")), capture)
    _counted(counts, "checkout index", lambda: client.get(reverse("checkout:index")), capture)
    _counted(counts, "shipping address", lambda: client.post(reverse("checkout:shipping-address"), ADDRESS), capture)
    _counted(
        counts,
        "shipping method",
        lambda: client.post(reverse("checkout:shipping-method"), {"method_code": "ems-thailand"}),
        capture,
    )
    _counted(
        counts, "payment method", lambda: client.post(reverse("checkout:payment-method"), {"method": "card"}), capture
    )
    preview = _counted(counts, "preview", lambda: client.get(reverse("checkout:preview")), capture)
    assert preview.status_code == 200
    placed = _counted(
        counts, "place order", lambda: client.post(reverse("checkout:preview"), {"action": "place_order"}), capture
    )
    assert placed.status_code == 302
    _counted(counts, "payment page", lambda: client.get(placed.url), capture)
    attempt = PaymentAttempt.objects.latest("pk")
    event = fake.succeed(attempt.stripe_payment_intent)
    _counted(counts, "webhook", lambda: webhook_post(client, fake, event), capture)
    back = _counted(
        counts, "return", lambda: client.get(reverse("pay:return", kwargs={"public_id": attempt.public_id})), capture
    )
    assert back.status_code == 302 and back.url == reverse("checkout:thank-you")
    thanks = _counted(counts, "thank you", lambda: client.get(back.url), capture)
    assert thanks.status_code == 200 and thanks.context["order"].lines.count() == len(products)
    return counts


def test_each_checkout_request_makes_as_many_queries_for_five_lines_as_for_one(
    fake_stripe, products, django_capture_on_commit_callbacks
):
    # A first checkout of every product fills the caches (content types,
    # source types, each product's analytics record and line thumbnail...).
    _checkout_query_counts(
        _customer_client("warm@example.com"), fake_stripe, products, django_capture_on_commit_callbacks
    )
    one = _checkout_query_counts(
        _customer_client("one@example.com"), fake_stripe, products[:1], django_capture_on_commit_callbacks
    )
    five = _checkout_query_counts(
        _customer_client("five@example.com"), fake_stripe, products, django_capture_on_commit_callbacks
    )

    assert five == one
