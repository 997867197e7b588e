"""payment_verdict, on its own: which reports about a PaymentIntent may
change an attempt (no database: an unsaved attempt is enough)."""

import pytest

from shop.payment.models import PaymentAttempt
from shop.payment.verdict import StripeFacts, payment_verdict


@pytest.fixture(autouse=True)
def _test_key(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"


def _attempt(**fields) -> PaymentAttempt:
    return PaymentAttempt(stripe_payment_intent="pi_own", amount_satang=90000, currency="THB", language="en", **fields)


def _pi(**changes) -> dict:
    pi = {
        "id": "pi_own",
        "currency": "thb",
        "amount": 90000,
        "amount_received": 90000,
        "livemode": False,
        "status": "succeeded",
    }
    return {**pi, **changes}


def _verdict(pi: dict, attempt=None, **kwargs):
    return payment_verdict(attempt=attempt or _attempt(), facts=StripeFacts.from_payment_intent(pi, **kwargs))


def test_the_attempts_own_payment_intent_in_its_currency_amount_and_mode_is_accepted():
    assert _verdict(_pi()).accept is True


def test_another_payment_intent_is_refused_without_a_refund():
    verdict = _verdict(_pi(id="pi_other"))
    assert (verdict.accept, verdict.refund) == (False, False)


def test_an_attempt_without_its_payment_intent_yet_asks_for_a_retry():
    verdict = _verdict(_pi(), attempt=PaymentAttempt(amount_satang=90000, currency="THB"))
    assert (verdict.accept, verdict.retry) == (False, True)


@pytest.mark.parametrize("livemode", [True, None, "false", 0])
def test_a_report_from_the_other_mode_or_without_a_mode_is_refused(livemode):
    verdict = _verdict(_pi(livemode=livemode))
    assert (verdict.accept, verdict.refund) == (False, False)


def test_an_event_whose_livemode_differs_from_its_objects_is_refused():
    assert _verdict(_pi(), event_livemode=True).accept is False


@pytest.mark.parametrize(
    "changes",
    [
        {"currency": "vnd"},
        {"currency": ""},
        {"amount_received": 100},
        {"amount": 100, "amount_received": 100},
        {"amount_received": "90000"},
        {"amount_received": True},
    ],
)
def test_a_success_on_our_own_payment_intent_that_does_not_match_is_refunded(changes):
    verdict = _verdict(_pi(**changes))
    assert (verdict.accept, verdict.refund) == (False, True) and verdict.reason


def test_a_mismatch_on_a_payment_intent_not_paid_is_refused_not_refunded():
    verdict = _verdict(_pi(status="processing", amount_received=0, currency="usd"))
    assert (verdict.accept, verdict.refund) == (False, False)
