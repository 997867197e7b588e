"""The webhook trusts nothing it cannot verify: every bad signature is a 400
and writes no row; a good event is stored once and processed once."""

import time

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.payment.models import PaymentAttempt, StripeEvent
from shop.payment.services import payment_start
from tests.fakestripe.fixtures import WEBHOOK_PATH, webhook_post

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")


def _row_counts():
    return (StripeEvent.objects.count(), Order.objects.count(), Transaction.objects.count())


@pytest.fixture
def paid_event(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    return attempt, fake_stripe.succeed(attempt.stripe_payment_intent)


def test_a_tampered_body_is_refused_and_nothing_is_written(client, fake_stripe, paid_event):
    _attempt, event = paid_event
    body, header = fake_stripe.signed(event)
    before = _row_counts()

    response = client.post(
        WEBHOOK_PATH,
        data=body.replace(b'"amount": ', b'"amount": 1'),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )

    assert response.status_code == 400
    assert _row_counts() == before == (0, 0, 0)


def test_a_missing_signature_header_is_refused_and_nothing_is_written(client, fake_stripe, paid_event):
    _attempt, event = paid_event
    body, _header = fake_stripe.signed(event)

    response = client.post(WEBHOOK_PATH, data=body, content_type="application/json")

    assert response.status_code == 400
    assert _row_counts() == (0, 0, 0)


def test_a_signature_made_with_another_secret_is_refused_and_nothing_is_written(client, fake_stripe, paid_event):
    _attempt, event = paid_event

    response = webhook_post(client, fake_stripe, event, secret="whsec_someone_else")

    assert response.status_code == 400
    assert _row_counts() == (0, 0, 0)


def test_a_signature_older_than_five_minutes_is_refused_and_nothing_is_written(client, fake_stripe, paid_event):
    _attempt, event = paid_event

    response = webhook_post(client, fake_stripe, event, timestamp=int(time.time()) - 301)

    assert response.status_code == 400
    assert _row_counts() == (0, 0, 0)


def test_a_get_is_not_allowed(client):
    assert client.get(WEBHOOK_PATH).status_code == 405
    assert StripeEvent.objects.count() == 0


def test_a_valid_event_is_stored_processed_and_places_the_order(
    client, fake_stripe, paid_event, django_capture_on_commit_callbacks
):
    attempt, event = paid_event

    with django_capture_on_commit_callbacks(execute=True):
        response = webhook_post(client, fake_stripe, event, timestamp=int(time.time()) - 290)

    assert response.status_code == 200
    row = StripeEvent.objects.get()
    assert row.event_id == event["id"] and row.processed_at is not None
    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert attempt.order.status == "paid"


def test_the_same_event_delivered_again_is_acknowledged_without_any_work(
    client, fake_stripe, paid_event, django_capture_on_commit_callbacks
):
    _attempt, event = paid_event
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, fake_stripe, event)
    emails = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = webhook_post(client, fake_stripe, event)

    assert response.status_code == 200 and response.json()["duplicate"] is True
    assert callbacks == []  # nothing queued
    assert StripeEvent.objects.count() == 1 and Order.objects.count() == 1
    assert len(mail.outbox) == emails
