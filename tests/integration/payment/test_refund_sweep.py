"""A payment that could not become an order is refunded even when its refund
task is lost (issue #17, review).

payment_attempt_reject retries itself while Stripe does not answer, but
Celery publishes those retries straight to the broker, not through the
outbox: a retry lost with the broker, or retries run out during a Stripe
outage, left the money with the shop and nothing looked for it again. The
payment-events-retry beat task now queues the refund again, through the
outbox, for every attempt still owing it 10 minutes later."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from shop.outbox.models import OutboxMessage
from shop.payment.models import PaymentAttempt
from shop.payment.services import payment_intent_sync
from shop.payment.tasks import payment_attempt_reject, payment_events_retry

pytestmark = pytest.mark.django_db

REJECT = payment_attempt_reject.name


def attempts_refund_retry_due(**kwargs) -> int:
    # Imported when called: the first test runs the beat task alone.
    from shop.payment.services import attempts_refund_retry_due as sweep

    return sweep(**kwargs)


def _refund_queued() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(task_name=REJECT, sent_at__isnull=True))


def _refund_task_lost() -> None:
    """The queued refund left the outbox and was lost (a broker without
    persistence restarted, or its retries ran out while Stripe was down)."""
    OutboxMessage.objects.filter(task_name=REJECT, sent_at__isnull=True).update(sent_at=timezone.now())


@pytest.fixture
def unusable_payment(fake_stripe, attempt, django_capture_on_commit_callbacks):
    """Money for less than the order total came in: no order, the attempt
    needs a refund, and its refund task is queued but never runs."""
    with django_capture_on_commit_callbacks(execute=False):
        payment_intent_sync(
            payment_intent=fake_stripe.succeed(attempt.stripe_payment_intent, amount=100)["data"]["object"]
        )
    attempt.refresh_from_db()
    assert attempt.needs_refund and attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert len(_refund_queued()) == 1
    _refund_task_lost()
    mail.outbox.clear()
    return attempt


def test_a_refund_whose_task_was_lost_is_made_by_the_beat_sweep_ten_minutes_later(
    fake_stripe, unusable_payment, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        with django_capture_on_commit_callbacks(execute=True):
            payment_events_retry()

    unusable_payment.refresh_from_db()
    assert unusable_payment.status == PaymentAttempt.Status.REFUNDED
    [refund] = fake_stripe.refunds.values()
    assert refund["payment_intent"] == unusable_payment.stripe_payment_intent and refund["amount"] == 100
    [email] = mail.outbox
    assert "refund" in email.subject.lower()


def test_a_refund_is_not_queued_again_within_its_grace_nor_while_its_task_waits_in_the_outbox(
    unusable_payment,
):
    start = timezone.now()

    assert attempts_refund_retry_due(now=start + timedelta(minutes=1)) == 0  # its task may still be retrying
    assert attempts_refund_retry_due(now=start + timedelta(minutes=11)) == 1
    assert attempts_refund_retry_due(now=start + timedelta(minutes=11)) == 0  # a second sweep at once
    assert [m.args for m in _refund_queued()] == [[unusable_payment.pk]]

    _refund_task_lost()  # lost again, e.g. its retries ran out with Stripe still down
    # The next try waits a grace period from the last queueing, not from
    # the payment: one refund call per attempt every 10 minutes, not per sweep.
    assert attempts_refund_retry_due(now=start + timedelta(minutes=18)) == 0
    assert attempts_refund_retry_due(now=start + timedelta(minutes=22)) == 1
    # A message that waits in the outbox (the broker down) is not doubled.
    assert attempts_refund_retry_due(now=start + timedelta(minutes=45)) == 0
    assert [m.args for m in _refund_queued()] == [[unusable_payment.pk]]


def test_a_refund_made_at_stripe_but_never_recorded_is_not_made_twice_by_the_sweep(
    fake_stripe, unusable_payment, django_capture_on_commit_callbacks
):
    from shop.payment.services import payment_attempt_reject as reject

    with django_capture_on_commit_callbacks(execute=True):
        reject(attempt_id=unusable_payment.pk)
    assert len(fake_stripe.refunds) == 1
    # The worker died after Stripe refunded and before its commit (and the
    # charge.refunded event is not processed yet): the attempt still owes.
    PaymentAttempt.objects.filter(pk=unusable_payment.pk).update(
        status=PaymentAttempt.Status.SUCCEEDED, amount_refunded_satang=0
    )

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        with django_capture_on_commit_callbacks(execute=True):
            assert attempts_refund_retry_due() == 1

    unusable_payment.refresh_from_db()
    assert unusable_payment.status == PaymentAttempt.Status.REFUNDED
    assert unusable_payment.amount_refunded_satang == 100
    assert len(fake_stripe.refunds) == 1  # same idempotency key: Stripe answered with the first refund
    assert len(mail.outbox) == 1


def test_refunded_payments_and_placed_orders_are_left_alone(fake_stripe, attempt, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        payment_intent_sync(payment_intent=fake_stripe.succeed(attempt.stripe_payment_intent)["data"]["object"])
    attempt.refresh_from_db()
    assert attempt.order_id is not None

    assert attempts_refund_retry_due(now=timezone.now() + timedelta(minutes=11)) == 0
    assert _refund_queued() == []


def test_a_refund_owed_for_days_is_left_to_staff(unusable_payment):
    assert attempts_refund_retry_due(now=timezone.now() + timedelta(days=3)) == 0
    assert _refund_queued() == []
