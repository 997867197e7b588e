"""The buyer cancels a payment (to change the basket) while another tab's
payment page is creating its PaymentIntent (issue #17, review).

payment_abandon skips the cancel at Stripe for an attempt without a
PaymentIntent id. Whichever way the two tabs interleave, the PaymentIntent
the other tab creates must end cancelled at Stripe, so nobody can pay it."""

import pytest

from shop.payment import services, stripe_client
from shop.payment.models import PaymentAttempt
from shop.payment.services import payment_abandon, payment_intent_ensure, payment_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt_without_intent(fake_stripe, checkout):
    """A card attempt whose create call failed (Stripe had a bad minute):
    its payment page will create the PaymentIntent."""
    basket, snapshot = checkout
    fake_stripe.fail_next(3)  # the first try and the library's two retries
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    assert attempt.stripe_payment_intent is None and attempt.is_open
    return attempt


def test_a_payment_intent_created_while_the_buyer_cancels_in_another_tab_is_cancelled_at_stripe(
    fake_stripe, attempt_without_intent, monkeypatch
):
    create = stripe_client.payment_intent_create
    outcome = {}

    def create_while_the_other_tab_cancels(**kwargs):
        payment_intent = create(**kwargs)
        # Stripe has answered, the id is not stored yet: the buyer presses
        # "Cancel the payment and change the basket" in the other tab.
        outcome["abandon"] = payment_abandon(attempt=PaymentAttempt.objects.get(pk=attempt_without_intent.pk))
        return payment_intent

    monkeypatch.setattr(stripe_client, "payment_intent_create", create_while_the_other_tab_cancels)

    attempt = payment_intent_ensure(attempt=attempt_without_intent)

    [(pi_id, pi)] = fake_stripe.payment_intents.items()
    assert pi["status"] == "canceled"
    assert attempt.status == PaymentAttempt.Status.CANCELED
    assert attempt.stripe_payment_intent is None and attempt.client_secret == ""
    _cancelled, basket = outcome["abandon"]
    assert basket is not None and basket.status == "Open"


def test_a_payment_intent_stored_after_the_cancel_request_read_the_attempt_is_cancelled_at_stripe(
    fake_stripe, attempt_without_intent
):
    # The cancel request read the attempt (no PaymentIntent yet)...
    read_by_the_cancel = PaymentAttempt.objects.get(pk=attempt_without_intent.pk)
    # ...then the other tab's payment page created and stored it, and shows
    # its card form with the client secret.
    shown = payment_intent_ensure(attempt=attempt_without_intent)
    assert shown.stripe_payment_intent and shown.client_secret

    attempt, basket = payment_abandon(attempt=read_by_the_cancel)

    assert fake_stripe.payment_intent(shown.stripe_payment_intent)["status"] == "canceled"
    assert attempt.status == PaymentAttempt.Status.CANCELED
    assert basket is not None and basket.status == "Open"


def test_a_payment_made_in_the_other_tab_before_the_cancel_is_placed_not_cancelled(
    fake_stripe, attempt_without_intent, django_capture_on_commit_callbacks
):
    read_by_the_cancel = PaymentAttempt.objects.get(pk=attempt_without_intent.pk)
    shown = payment_intent_ensure(attempt=attempt_without_intent)
    fake_stripe.succeed(shown.stripe_payment_intent)  # paid in the other tab; its event not here yet

    with django_capture_on_commit_callbacks(execute=True):
        attempt, basket = payment_abandon(attempt=read_by_the_cancel)

    assert attempt.order_id is not None and attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert basket is None
    assert services.Order.objects.filter(number=attempt.order_number).count() == 1
