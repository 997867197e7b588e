"""Payment integration tests: the real stripe library against the fake
Stripe server (tests/fakestripe/), stocked products and frozen baskets."""

import pytest

from shop.payment.services import payment_start
from tests.factories.payment import checkout_ready, stocked_product
from tests.fakestripe.fixtures import fake_stripe  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def product(db):
    return stocked_product(price="450.00", quantity=5)


@pytest.fixture
def checkout(product):
    """(basket, snapshot) for two units of the product, shipped by EMS."""
    return checkout_ready(lines=[(product, 2)])


@pytest.fixture
def attempt(fake_stripe, checkout):
    """A card payment started for the checkout (its PaymentIntent at the fake Stripe)."""
    basket, snapshot = checkout
    return payment_start(basket=basket, snapshot=snapshot, method="card")
