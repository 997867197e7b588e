"""PromptPay QR expiry gives the stock back; a changed basket or amount is
caught before any order is placed (a payment that arrives after the stock
was sold: test_late_payments.py)."""

from datetime import timedelta

import pytest
from oscar.core.loading import get_model

from inventory.models import StockBalance
from shop.order import statuses
from shop.payment.models import PaymentAttempt
from shop.payment.services import (
    attempt_refresh,
    attempts_expire_due,
    payment_intent_sync,
    payment_retry,
    payment_start,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _reserved(product) -> int:
    return sum(StockBalance.objects.filter(product=product).values_list("reserved", flat=True))


def test_an_expired_qr_releases_the_stock_and_cancels_the_payment_intent(fake_stripe, product, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="promptpay")
    assert _reserved(product) == 2

    expired = attempts_expire_due(now=attempt.qr_expires_at + timedelta(seconds=1))

    attempt.refresh_from_db()
    assert expired == 1
    assert attempt.status == PaymentAttempt.Status.EXPIRED
    assert _reserved(product) == 0
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "canceled"
    assert Order.objects.count() == 0


def test_the_status_poll_after_expiry_expires_the_qr_and_a_new_qr_reserves_again(fake_stripe, product, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="promptpay")

    attempt = attempt_refresh(attempt=attempt, now=attempt.qr_expires_at + timedelta(seconds=1))
    assert attempt.status == PaymentAttempt.Status.EXPIRED and _reserved(product) == 0

    again = payment_retry(attempt=attempt)

    assert again.attempt_no == 2 and again.status == PaymentAttempt.Status.REQUIRES_ACTION
    assert again.stripe_payment_intent != attempt.stripe_payment_intent
    assert _reserved(product) == 2


def test_stripes_qr_expiry_event_releases_the_stock_too(fake_stripe, product, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="promptpay")

    payment_intent_sync(payment_intent=fake_stripe.expire_qr(attempt.stripe_payment_intent)["data"]["object"])

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.EXPIRED
    assert _reserved(product) == 0


def test_a_qr_paid_at_the_last_second_is_not_expired_but_placed(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="promptpay")
    fake_stripe.succeed(attempt.stripe_payment_intent)

    attempts_expire_due(now=attempt.qr_expires_at + timedelta(seconds=1))

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert attempt.order.status == statuses.PAID


def test_a_basket_changed_after_the_payment_intent_was_created_places_no_order_and_is_refunded(
    fake_stripe, product, checkout, django_capture_on_commit_callbacks
):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    # The customer goes back to the basket in another tab (Oscar thaws it)
    # and adds a unit while the payment page is still open.
    basket.thaw()
    basket.add_product(product, 1)
    basket.freeze()

    with django_capture_on_commit_callbacks(execute=True):
        payment_intent_sync(payment_intent=fake_stripe.succeed(attempt.stripe_payment_intent)["data"]["object"])

    attempt.refresh_from_db()
    assert Order.objects.count() == 0
    assert attempt.needs_refund is True and "basket changed" in attempt.needs_refund_reason
    assert attempt.status == PaymentAttempt.Status.REFUNDED
    [refund] = fake_stripe.refunds.values()
    assert refund["amount"] == attempt.amount_satang
    assert _reserved(product) == 0


def test_a_charge_that_does_not_match_the_snapshot_total_places_no_order(
    fake_stripe, checkout, django_capture_on_commit_callbacks
):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    with django_capture_on_commit_callbacks(execute=True):
        event = fake_stripe.succeed(attempt.stripe_payment_intent, amount=100)
        payment_intent_sync(payment_intent=event["data"]["object"])

    attempt.refresh_from_db()
    assert Order.objects.count() == 0
    assert attempt.needs_refund is True and "not the order total" in attempt.needs_refund_reason
    assert sum(r["amount"] for r in fake_stripe.refunds.values()) == 100
