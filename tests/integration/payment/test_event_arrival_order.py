"""Stripe delivers events in any order: whatever the order of processing,
succeeded, payment_failed and charge.refunded for one PaymentIntent, the
order ends in the right state, placed once, with every baht recorded once."""

import itertools

import pytest
from django.db import transaction
from oscar.core.loading import get_model

from inventory.models import Reservation
from shop.order import statuses
from shop.payment.models import PaymentAttempt
from shop.payment.services import payment_start, stripe_event_process, stripe_event_store

Order = get_model("order", "Order")
Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db


def _events(fake, pi_id, *, refund: bool) -> dict:
    """One PaymentIntent's life at Stripe: a declined try, then processing,
    success and (optionally) a full refund, each as Stripe emits it."""
    events = {
        "payment_failed": fake.fail(pi_id),
        "processing": fake.processing(pi_id),
        "succeeded": fake.succeed(pi_id),
    }
    if refund:
        events["refunded"] = fake.refund(pi_id)
    return events


def _deliver(events_in_order, django_capture_on_commit_callbacks):
    for event in events_in_order:
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                stripe_event_store(event=event)


@pytest.mark.parametrize(
    "order_of_arrival", list(itertools.permutations(["processing", "succeeded", "payment_failed", "refunded"]))
)
def test_every_arrival_order_with_a_refund_ends_refunded(
    order_of_arrival, fake_stripe, checkout, django_capture_on_commit_callbacks
):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    events = _events(fake_stripe, attempt.stripe_payment_intent, refund=True)

    _deliver([events[name] for name in order_of_arrival], django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    order = Order.objects.get()
    assert attempt.status == PaymentAttempt.Status.REFUNDED and attempt.order == order
    assert order.status == statuses.REFUNDED
    debits = Transaction.objects.filter(txn_type="Debit")
    refunds = Transaction.objects.filter(txn_type="Refund")
    assert [t.amount for t in debits] == [snapshot.order_total_incl_tax]
    assert sum(t.amount for t in refunds) == snapshot.order_total_incl_tax
    # A refunded order that never left the center holds no stock.
    assert not Reservation.objects.filter(status__in=Reservation.HOLDING).exists()


@pytest.mark.parametrize(
    "order_of_arrival", list(itertools.permutations(["processing", "succeeded", "payment_failed"]))
)
def test_every_arrival_order_without_a_refund_ends_paid(
    order_of_arrival, fake_stripe, checkout, django_capture_on_commit_callbacks
):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    events = _events(fake_stripe, attempt.stripe_payment_intent, refund=False)

    _deliver([events[name] for name in order_of_arrival], django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    order = Order.objects.get()
    assert attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert order.status == statuses.PAID
    assert order.sources.get().amount_debited == snapshot.order_total_incl_tax
    held = Reservation.objects.filter(reference=f"order:{order.number}", status="confirmed")
    assert sum(r.quantity for r in held) == 2


def test_a_processed_event_row_is_not_applied_twice(fake_stripe, checkout, django_capture_on_commit_callbacks):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    with django_capture_on_commit_callbacks(execute=True):
        row, _created = stripe_event_store(event=event)

    assert stripe_event_process(event_row_id=row.pk) == "already processed"
    assert Order.objects.count() == 1 and Transaction.objects.count() == 1
