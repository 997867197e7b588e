"""A Stripe redelivery of an event that is stored but not processed queues
its processing again (issue 17: the first delivery's row was committed, its
task lost with the broker, the webhook answered 500; Stripe's retry found
the row, answered 200 and did nothing, so the paid order was never
processed). A processed event redelivered still queues nothing."""

import pytest
from oscar.core.loading import get_model

from shop.outbox.models import OutboxMessage
from shop.payment.models import PaymentAttempt, StripeEvent
from tests.fakestripe.fixtures import webhook_post

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
PROCESS = "shop.payment.tasks.payment_event_process"


def test_a_redelivered_event_stored_but_never_processed_is_queued_again_and_places_the_order(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    # First delivery: stored, but its processing never ran (the test's
    # transaction does not commit, as a broker outage would lose the task).
    assert webhook_post(client, fake_stripe, event).status_code == 200
    row = StripeEvent.objects.get()
    OutboxMessage.objects.filter(task_name=PROCESS).update(sent_at=row.received_at)  # published, then lost
    assert row.processed_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = webhook_post(client, fake_stripe, event)

    assert response.status_code == 200 and response.json()["duplicate"] is True
    row.refresh_from_db()
    assert row.status == StripeEvent.Status.PROCESSED and row.processed_at is not None
    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert Order.objects.filter(number=attempt.order_number).count() == 1


def test_a_redelivered_event_already_processed_queues_nothing(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, fake_stripe, event)
    queued = OutboxMessage.objects.filter(task_name=PROCESS).count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = webhook_post(client, fake_stripe, event)

    assert response.status_code == 200 and response.json()["duplicate"] is True
    assert callbacks == []
    assert OutboxMessage.objects.filter(task_name=PROCESS).count() == queued == 1


def test_the_event_and_its_queued_processing_are_written_in_one_transaction(
    client, fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)

    webhook_post(client, fake_stripe, event)

    row = StripeEvent.objects.get()
    assert list(OutboxMessage.objects.filter(task_name=PROCESS).values_list("args", flat=True)) == [[row.pk]]
