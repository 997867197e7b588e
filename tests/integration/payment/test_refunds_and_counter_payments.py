"""Refunds through Stripe and payments at the counter are recorded once as
Oscar Sources and Transactions."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.order import statuses
from shop.payment.models import PaymentAttempt
from shop.payment.services import (
    PaymentError,
    charge_refunded_apply,
    offline_payment_record,
    payment_intent_sync,
    payment_refund,
    payment_start,
)
from tests.factories.catalog import UserFactory
from tests.factories.order import order_place

Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


def _paid(fake, checkout, method="card"):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method=method)
    payment_intent_sync(payment_intent=fake.succeed(attempt.stripe_payment_intent)["data"]["object"])
    attempt.refresh_from_db()
    return attempt


def test_a_partial_card_refund_goes_through_stripe_and_is_recorded_once(fake_stripe, checkout, staff):
    attempt = _paid(fake_stripe, checkout)
    order = attempt.order

    txn = payment_refund(order=order, amount=Decimal("100.00"), user=staff, reason="one scarf damaged")
    # Stripe's charge.refunded for the same refund arrives afterwards.
    charge = fake_stripe.events_of("charge.refunded")[-1]["data"]["object"]
    charge_refunded_apply(charge=charge)

    order.refresh_from_db()
    attempt.refresh_from_db()
    assert txn.txn_type == "Refund" and txn.amount == Decimal("100.00")
    assert Transaction.objects.filter(txn_type="Refund").count() == 1
    assert order.status == statuses.PARTLY_REFUNDED and order.refunded_total == Decimal("100.00")
    assert attempt.status == PaymentAttempt.Status.PARTLY_REFUNDED
    assert [r["amount"] for r in fake_stripe.refunds.values()] == [10000]


def test_a_promptpay_refund_waits_for_the_customers_bank_details(fake_stripe, checkout, staff):
    attempt = _paid(fake_stripe, checkout, method="promptpay")

    txn = payment_refund(order=attempt.order, amount=attempt.order.total_incl_tax, user=staff, reason="cancelled")

    assert txn.status == "requires_action"
    attempt.order.refresh_from_db()
    assert attempt.order.status == statuses.REFUNDED


def test_refunding_more_than_was_paid_is_refused_and_stripe_is_not_called(fake_stripe, checkout, staff):
    attempt = _paid(fake_stripe, checkout)

    with pytest.raises(PaymentError, match="At most"):
        payment_refund(order=attempt.order, amount=attempt.order.total_incl_tax + 1, user=staff, reason="x")

    assert fake_stripe.refunds == {}


def test_a_refund_needs_a_reason(fake_stripe, checkout, staff):
    attempt = _paid(fake_stripe, checkout)

    with pytest.raises(PaymentError, match="reason"):
        payment_refund(order=attempt.order, amount=Decimal("10"), user=staff, reason="  ")


def test_a_counter_payment_is_recorded_as_a_cash_source_and_marks_the_order_paid(product, staff):
    order = order_place(lines=[(product, 1)])

    txn = offline_payment_record(order=order, amount=order.total_incl_tax, method="cash", user=staff, reference="R-17")

    order.refresh_from_db()
    assert txn.txn_type == "Debit" and txn.amount == order.total_incl_tax
    assert txn.source.source_type.code == "cash"
    assert order.paid_at is not None


def test_a_counter_payment_for_a_paid_order_or_the_wrong_amount_is_refused(product, staff):
    order = order_place(lines=[(product, 1)])

    with pytest.raises(PaymentError, match="exactly"):
        offline_payment_record(order=order, amount=Decimal("1.00"), method="cash", user=staff)
    offline_payment_record(order=order, amount=order.total_incl_tax, method="promptpay_counter", user=staff)
    with pytest.raises(PaymentError, match="already paid"):
        offline_payment_record(order=order, amount=order.total_incl_tax, method="cash", user=staff)

    assert Transaction.objects.count() == 1
