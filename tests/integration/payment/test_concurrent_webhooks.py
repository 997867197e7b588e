"""Real threads on PostgreSQL: Stripe delivering one event ten times at
once, and the webhook racing the customer's return from 3-D Secure, place
one order, change its state once and send one payment email.

Each thread has its own database connection (closed when it is done); the
tests commit for real (transaction=True) and serialized_rollback puts the
migrated data (center layout, payment source types) back afterwards.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order import statuses
from shop.payment.models import PaymentAttempt, StripeEvent
from shop.payment.services import payment_start, stripe_event_process
from tests.fakestripe.fixtures import WEBHOOK_PATH

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Order = get_model("order", "Order")
OrderNotification = get_model("order", "OrderNotification")
Transaction = get_model("payment", "Transaction")

THREADS = 10


def _race(calls) -> list:
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except Exception as exc:
            return f"error: {exc!r}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _paid_emails() -> int:
    return OrderNotification.objects.filter(event="paid").count()


def test_the_same_event_delivered_ten_times_at_once_places_one_order_and_sends_one_email(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    body, header = fake_stripe.signed(fake_stripe.succeed(attempt.stripe_payment_intent))

    def deliver():
        response = Client().post(WEBHOOK_PATH, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
        return response.status_code

    outcomes = _race([deliver] * THREADS)

    assert outcomes == [200] * THREADS
    assert StripeEvent.objects.count() == 1
    order = Order.objects.get()
    assert order.status == statuses.PAID
    assert order.status_changes.filter(new_status=statuses.PAID).count() == 1
    assert _paid_emails() == 1
    assert len([m for m in mail.outbox if order.number in m.subject]) == 2  # received + paid, once each
    assert Transaction.objects.filter(txn_type="Debit").count() == 1


def test_ten_workers_processing_the_same_stored_event_apply_it_once(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    # Stored without queueing, as if the broker handed it to ten workers.
    row = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event)

    outcomes = _race([lambda: stripe_event_process(event_row_id=row.pk)] * THREADS)

    assert outcomes.count("already processed") == THREADS - 1
    assert Order.objects.count() == 1 and _paid_emails() == 1
    assert Transaction.objects.filter(txn_type="Debit").count() == 1


def test_the_webhook_racing_the_customers_return_places_exactly_one_order_for_the_amount_charged(fake_stripe, checkout):
    guest = Client()
    session_key = guest.session.session_key
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card", session_key=session_key)
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    body, header = fake_stripe.signed(event)
    return_url = reverse("pay:return", kwargs={"public_id": attempt.public_id})
    cookie = guest.cookies

    def webhook():
        return (
            Client()
            .post(WEBHOOK_PATH, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
            .status_code
        )

    def customer_returns():
        browser = Client()
        browser.cookies = cookie
        response = browser.get(return_url)
        return response.status_code, response.headers.get("Location", "")

    outcomes = _race([webhook, customer_returns] * (THREADS // 2))

    thank_you = reverse("checkout:thank-you")
    assert [o for o in outcomes if o != 200 and o != (302, thank_you)] == []
    order = Order.objects.get()
    attempt.refresh_from_db()
    assert attempt.order == order and attempt.status == PaymentAttempt.Status.SUCCEEDED
    charge = event["data"]["object"]["amount_received"]
    source = order.sources.get()
    assert source.amount_debited * 100 == charge == attempt.amount_satang
    assert Transaction.objects.filter(txn_type="Debit").count() == 1
    assert _paid_emails() == 1
