"""Starting a payment: stock reserved first, then one PaymentIntent per
attempt at Stripe, however often the create is retried."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from inventory.exceptions import InsufficientStock
from inventory.models import Reservation
from shop.payment.models import PaymentAttempt
from shop.payment.services import PaymentError, payment_intent_ensure, payment_start
from tests.factories.payment import checkout_ready, stocked_product

pytestmark = pytest.mark.django_db


def test_a_card_payment_reserves_the_stock_and_creates_a_payment_intent_in_satang(fake_stripe, checkout):
    basket, snapshot = checkout

    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    pi = fake_stripe.payment_intent(attempt.stripe_payment_intent)
    assert pi["amount"] == attempt.amount_satang == int(snapshot.order_total_incl_tax * 100)
    assert pi["currency"] == "thb"
    assert pi["metadata"] == {
        "order_number": snapshot.order_number,
        "attempt": str(attempt.public_id),
        "basket_id": str(basket.id),
    }
    assert attempt.client_secret == pi["client_secret"]
    assert attempt.snapshot == snapshot.to_json()
    held = Reservation.objects.filter(reference=f"order:{snapshot.order_number}", status="active")
    assert sum(r.quantity for r in held) == 2


def test_a_promptpay_payment_keeps_the_qr_and_its_expiry(fake_stripe, checkout):
    basket, snapshot = checkout

    attempt = payment_start(basket=basket, snapshot=snapshot, method="promptpay")

    assert attempt.status == PaymentAttempt.Status.REQUIRES_ACTION
    assert attempt.qr_image_url.endswith(f"/qr/{attempt.stripe_payment_intent}.png")
    assert attempt.qr_data and attempt.qr_expires_at is not None


def test_creating_the_payment_intent_retried_five_times_leaves_one_at_stripe(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    first = attempt.stripe_payment_intent

    for _ in range(5):
        # As if each create's answer had been lost on the way back.
        PaymentAttempt.objects.filter(pk=attempt.pk).update(stripe_payment_intent=None, client_secret="")
        attempt.refresh_from_db()
        attempt = payment_intent_ensure(attempt=attempt)

    assert attempt.stripe_payment_intent == first
    assert len(fake_stripe.payment_intents) == 1
    assert fake_stripe.requests.count(("POST", "/v1/payment_intents")) == 6


def test_a_short_line_stops_the_payment_before_stripe_is_called(fake_stripe):
    product = stocked_product(quantity=1)
    basket, snapshot = checkout_ready(lines=[(product, 2)])

    with pytest.raises(InsufficientStock):
        payment_start(basket=basket, snapshot=snapshot, method="promptpay")

    assert PaymentAttempt.objects.count() == 0
    assert fake_stripe.payment_intents == {}


def test_a_new_attempt_with_another_method_replaces_the_hold_and_cancels_the_previous_payment_intent(
    fake_stripe, checkout
):
    # The same method and checkout joins the open attempt instead
    # (tests/functional/payment/test_interrupted_checkout.py).
    basket, snapshot = checkout
    first = payment_start(basket=basket, snapshot=snapshot, method="promptpay")

    second = payment_start(basket=basket, snapshot=snapshot, method="card")

    first.refresh_from_db()
    assert (first.attempt_no, second.attempt_no) == (1, 2)
    assert first.status == PaymentAttempt.Status.CANCELED
    assert fake_stripe.payment_intent(first.stripe_payment_intent)["status"] == "canceled"
    held = Reservation.objects.filter(reference=f"order:{snapshot.order_number}", status="active")
    assert sum(r.quantity for r in held) == 2


def test_test_payments_are_refused_when_debug_is_off(settings, checkout):
    settings.DEBUG, settings.STRIPE_SECRET_KEY = False, ""
    basket, snapshot = checkout

    with pytest.raises(PaymentError, match="switched off"):
        payment_start(basket=basket, snapshot=snapshot, method="test")

    assert PaymentAttempt.objects.count() == 0 and Reservation.objects.count() == 0


def test_card_payments_without_a_secret_key_are_refused_with_a_message(settings, checkout):
    settings.STRIPE_SECRET_KEY = ""
    basket, snapshot = checkout

    with pytest.raises(PaymentError, match="not available"):
        payment_start(basket=basket, snapshot=snapshot, method="card")


def test_the_stripe_client_refuses_to_run_without_a_key(settings):
    from shop.payment.stripe_client import stripe_client

    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        stripe_client()


def test_when_stripe_is_down_the_attempt_waits_and_the_payment_page_creates_the_same_one_later(
    fake_stripe, checkout, client
):
    basket, snapshot = checkout
    fake_stripe.fail_next(3)  # the first try and the library's two retries

    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    assert attempt.stripe_payment_intent is None and fake_stripe.payment_intents == {}
    held = Reservation.objects.filter(reference=f"order:{snapshot.order_number}", status="active")
    assert sum(r.quantity for r in held) == 2
    attempt = payment_intent_ensure(attempt=attempt)
    assert attempt.stripe_payment_intent in fake_stripe.payment_intents
    assert len(fake_stripe.payment_intents) == 1


def test_the_payment_intent_description_is_in_the_attempts_language_whatever_the_request_language(fake_stripe):
    from django.utils import translation

    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language="th")
    with translation.override("en"):
        attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    first_id = attempt.stripe_payment_intent
    description = fake_stripe.payment_intent(first_id)["description"]
    assert description == f"คำสั่งซื้อ OTOP เชียงใหม่ {attempt.order_number}"

    # The create's answer was lost: the retry, from a page under another
    # language prefix, sends the same idempotency key and the same params.
    PaymentAttempt.objects.filter(pk=attempt.pk).update(stripe_payment_intent=None)
    attempt.refresh_from_db()
    with translation.override("zh-hans"):
        retried = payment_intent_ensure(attempt=attempt)

    assert retried.stripe_payment_intent == first_id
