"""Money that arrives for stock that is gone is refunded, not turned into a
paid order; card holds that expire cancel their PaymentIntent; the buyer is
told in their own language (issue #16, items 5 and 6)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from oscar.core.loading import get_model

from inventory.models import StockBalance
from inventory.services import reservations_expire
from shop.order import statuses
from shop.payment.models import PaymentAttempt
from shop.payment.services import attempts_expire_due, payment_intent_sync, payment_start, stripe_event_store
from tests.factories.payment import checkout_ready, snapshot_with, stocked_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def _reserved(product) -> int:
    return sum(StockBalance.objects.filter(product=product).values_list("reserved", flat=True))


def _hold_over() -> timedelta:
    return timedelta(minutes=settings.INVENTORY_RESERVATION_MINUTES, seconds=1)


def test_a_card_payment_after_the_hold_expired_and_the_units_were_sold_is_refunded_and_no_order_is_placed(
    fake_stripe, django_capture_on_commit_callbacks
):
    product = stocked_product(quantity=2)
    basket_a, snapshot_a = checkout_ready(lines=[(product, 2)], email="first@example.com", language="en")
    first = payment_start(basket=basket_a, snapshot=snapshot_a, method="card")
    # First's hold runs out (the inventory sweep) before they pay...
    reservations_expire(now=timezone.now() + _hold_over())
    # ...and a second customer buys the two units.
    basket_b, snapshot_b = checkout_ready(lines=[(product, 2)], email="second@example.com")
    second = payment_start(basket=basket_b, snapshot=snapshot_b, method="card")
    with django_capture_on_commit_callbacks(execute=True):
        payment_intent_sync(payment_intent=fake_stripe.succeed(second.stripe_payment_intent)["data"]["object"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        stripe_event_store(event=fake_stripe.succeed(first.stripe_payment_intent))

    first.refresh_from_db()
    assert list(Order.objects.values_list("number", flat=True)) == [second.order_number]
    assert Order.objects.get().status == statuses.PAID
    assert first.order_id is None and first.needs_refund is True
    assert first.status == PaymentAttempt.Status.REFUNDED
    [refund] = fake_stripe.refunds.values()
    assert refund["payment_intent"] == first.stripe_payment_intent and refund["amount"] == first.amount_satang
    assert any(key.startswith("otop-refund-") for key in fake_stripe.idempotency_keys)
    # No "received"/"paid" emails for an order that does not exist; one
    # email telling the buyer their money is on its way back.
    [email] = mail.outbox
    assert email.to == ["first@example.com"]
    assert "refund" in email.subject.lower() and first.order_number in email.body
    assert _reserved(product) == 2  # the second order's units only


def test_the_refund_email_is_sent_once_even_if_the_refund_task_runs_twice(
    fake_stripe, django_capture_on_commit_callbacks
):
    from shop.payment.services import payment_attempt_reject

    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 2)], language="en")
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    with django_capture_on_commit_callbacks(execute=True):
        payment_intent_sync(
            payment_intent=fake_stripe.succeed(attempt.stripe_payment_intent, amount=100)["data"]["object"]
        )

    payment_attempt_reject(attempt_id=attempt.pk)

    assert len(fake_stripe.refunds) == 1
    assert len(mail.outbox) == 1


def test_a_card_hold_that_expires_cancels_its_payment_intent_and_releases_the_stock(fake_stripe, product, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    assert _reserved(product) == 2

    expired = attempts_expire_due(now=timezone.now() + _hold_over())

    attempt.refresh_from_db()
    assert expired == 1
    assert attempt.status == PaymentAttempt.Status.EXPIRED
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "canceled"
    assert _reserved(product) == 0
    assert attempt.failure_message


def test_a_card_hold_that_has_not_expired_is_left_alone(fake_stripe, checkout):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    assert attempts_expire_due(now=timezone.now() + timedelta(minutes=1)) == 0
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "requires_payment_method"


def test_a_card_paid_just_before_its_hold_is_expired_is_placed_not_cancelled(
    fake_stripe, checkout, django_capture_on_commit_callbacks
):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    fake_stripe.succeed(attempt.stripe_payment_intent)  # the webhook is still on its way

    with django_capture_on_commit_callbacks(execute=True):
        attempts_expire_due(now=timezone.now() + _hold_over())

    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.SUCCEEDED
    assert attempt.order.status == statuses.PAID


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "is not the order total"), ("zh-hans", "与订单总额")],
)
def test_a_message_written_by_a_task_is_in_the_buyers_language_not_the_workers(
    fake_stripe, language, expected, django_capture_on_commit_callbacks
):
    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language=language)
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    event = fake_stripe.succeed(attempt.stripe_payment_intent, amount=100)

    # A Celery worker runs in the site's default language (Thai).
    with translation.override(settings.LANGUAGE_CODE):
        with django_capture_on_commit_callbacks(execute=True):
            stripe_event_store(event=event)

    attempt.refresh_from_db()
    assert attempt.language == language
    assert expected in attempt.needs_refund_reason
    assert attempt.status == PaymentAttempt.Status.REFUNDED


def test_the_refund_email_is_in_the_buyers_language(fake_stripe, django_capture_on_commit_callbacks):
    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language="en", email="anna@example.com")
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    with translation.override(settings.LANGUAGE_CODE):
        with django_capture_on_commit_callbacks(execute=True):
            stripe_event_store(event=fake_stripe.succeed(attempt.stripe_payment_intent, amount=100))

    [email] = mail.outbox
    assert email.to == ["anna@example.com"]
    assert "Your payment was refunded" in email.subject
    assert "not the order total" in email.body


def test_an_attempt_remembers_the_language_its_checkout_started_in(fake_stripe):
    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language="zh-hans")

    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    assert attempt.language == "zh-hans"


def test_a_changed_total_is_refused_in_the_buyers_language_too(fake_stripe, django_capture_on_commit_callbacks):
    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language="en")
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    # The attempt's snapshot is not what it charges (a tampered snapshot).
    PaymentAttempt.objects.filter(pk=attempt.pk).update(snapshot=snapshot_with(snapshot, total="1.00").to_json())

    with translation.override(settings.LANGUAGE_CODE):
        with django_capture_on_commit_callbacks(execute=True):
            stripe_event_store(event=fake_stripe.succeed(attempt.stripe_payment_intent))

    attempt.refresh_from_db()
    assert "not the order total" in attempt.needs_refund_reason


def test_the_refund_email_of_a_chinese_checkout_is_in_chinese(fake_stripe, django_capture_on_commit_callbacks):
    # Needs the payments .po entries merged and compiled (locale/zh_Hans).
    product = stocked_product(quantity=2)
    basket, snapshot = checkout_ready(lines=[(product, 1)], language="zh-hans")
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")

    with translation.override(settings.LANGUAGE_CODE):
        with django_capture_on_commit_callbacks(execute=True):
            stripe_event_store(event=fake_stripe.succeed(attempt.stripe_payment_intent, amount=100))

    [email] = mail.outbox
    assert "您的付款已退还" in email.subject
    assert "与订单总额" in email.body


def test_an_expiring_card_attempt_whose_payment_is_processing_stays_open_and_keeps_its_stock(
    fake_stripe, product, checkout, monkeypatch
):
    import stripe

    from shop.payment import stripe_client

    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    fake_stripe.processing(attempt.stripe_payment_intent)

    def cancel_refused(**kwargs):
        # What Stripe answers for a PaymentIntent whose money is in flight.
        raise stripe.InvalidRequestError("You cannot cancel this PaymentIntent because it is processing.", None)

    monkeypatch.setattr(stripe_client, "payment_intent_cancel", cancel_refused)

    attempts_expire_due(now=timezone.now() + _hold_over())

    attempt.refresh_from_db()
    assert attempt.status in PaymentAttempt.OPEN
    assert _reserved(product) == 2
    assert fake_stripe.payment_intent(attempt.stripe_payment_intent)["status"] == "processing"


def test_the_refund_email_shows_product_titles_as_written_not_html_escaped(
    fake_stripe, django_capture_on_commit_callbacks
):
    product = stocked_product(quantity=2, title="Mae's Tea & Honey", title_en="Mae's Tea & Honey")
    basket_a, snapshot_a = checkout_ready(lines=[(product, 2)], email="first@example.com", language="en")
    first = payment_start(basket=basket_a, snapshot=snapshot_a, method="card")
    reservations_expire(now=timezone.now() + _hold_over())
    basket_b, snapshot_b = checkout_ready(lines=[(product, 2)], email="second@example.com")
    second = payment_start(basket=basket_b, snapshot=snapshot_b, method="card")
    with django_capture_on_commit_callbacks(execute=True):
        payment_intent_sync(payment_intent=fake_stripe.succeed(second.stripe_payment_intent)["data"]["object"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        stripe_event_store(event=fake_stripe.succeed(first.stripe_payment_intent))

    [email] = mail.outbox
    assert "Mae's Tea & Honey" in email.body
    assert "&amp;" not in email.body and "&#x27;" not in email.body
