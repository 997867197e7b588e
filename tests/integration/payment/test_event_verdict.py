"""One place decides whether what Stripe reports may change an attempt:
the PaymentIntent must be the attempt's own, in its currency, for its
amount, in our mode (live or test). Anything else changes nothing, or, when
our own PaymentIntent took money we cannot use, refunds it (issue #16,
items 3 and 4)."""

import pytest
from oscar.core.loading import get_model

from shop.payment import stripe_client
from shop.payment.models import PaymentAttempt, StripeEvent
from tests.fakestripe.fixtures import webhook_post

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def _deliver(client, fake_stripe, event, capture):
    with capture(execute=True):
        response = webhook_post(client, fake_stripe, event)
    assert response.status_code == 200
    return StripeEvent.objects.get(event_id=event["id"])


def test_a_success_in_another_currency_with_the_right_number_places_no_order_and_is_refunded(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    event["data"]["object"]["currency"] = "vnd"  # same amount number, worth a fraction of it

    _deliver(client, fake_stripe, event, django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    assert Order.objects.count() == 0
    assert attempt.needs_refund is True and "VND" in attempt.needs_refund_reason
    assert attempt.status == PaymentAttempt.Status.REFUNDED
    [refund] = fake_stripe.refunds.values()
    assert refund["payment_intent"] == attempt.stripe_payment_intent


def test_an_event_for_a_payment_intent_that_is_not_the_attempts_own_changes_nothing(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    # Another PaymentIntent whose metadata names this open attempt.
    foreign = stripe_client.payment_intent_create(
        params={
            "amount": attempt.amount_satang,
            "currency": "thb",
            "metadata": {"attempt": str(attempt.public_id), "order_number": attempt.order_number},
        },
        idempotency_key="someone-else-1",
    )
    event = fake_stripe.succeed(foreign.id)

    row = _deliver(client, fake_stripe, event, django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    assert Order.objects.count() == 0
    assert attempt.status == PaymentAttempt.Status.CREATED and attempt.order_id is None
    assert attempt.stripe_payment_intent != foreign.id and not attempt.needs_refund
    assert row.status == StripeEvent.Status.REFUSED and "not the attempt's" in row.outcome
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "requires_payment_method"


def test_a_cancellation_of_a_foreign_payment_intent_does_not_close_the_attempt(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    foreign = stripe_client.payment_intent_create(
        params={"amount": attempt.amount_satang, "currency": "thb", "metadata": {"attempt": str(attempt.public_id)}},
        idempotency_key="someone-else-2",
    )
    stripe_client.payment_intent_cancel(payment_intent_id=foreign.id, idempotency_key="someone-else-2-cancel")
    [event] = fake_stripe.events_of("payment_intent.canceled")

    _deliver(client, fake_stripe, event, django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    assert attempt.is_open


def test_a_success_from_the_other_mode_live_or_test_changes_nothing(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    event["livemode"] = True
    event["data"]["object"]["livemode"] = True  # our key is a test key

    row = _deliver(client, fake_stripe, event, django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    assert Order.objects.count() == 0 and attempt.is_open
    assert row.status == StripeEvent.Status.REFUSED


def test_a_refund_of_a_charge_in_another_currency_does_not_place_the_order(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    fake_stripe.succeed(attempt.stripe_payment_intent)
    event = fake_stripe.refund(attempt.stripe_payment_intent)
    event["data"]["object"]["currency"] = "usd"

    _deliver(client, fake_stripe, event, django_capture_on_commit_callbacks)

    assert Order.objects.count() == 0
    attempt.refresh_from_db()
    assert attempt.amount_refunded_satang == 0


def test_the_status_poll_applies_the_same_rules(fake_stripe, attempt, django_capture_on_commit_callbacks):
    from shop.payment.services import attempt_refresh

    fake_stripe.succeed(attempt.stripe_payment_intent, amount=100)

    with django_capture_on_commit_callbacks(execute=True):
        attempt = attempt_refresh(attempt=attempt, min_interval_seconds=0)

    attempt.refresh_from_db()
    assert Order.objects.count() == 0 and attempt.needs_refund
