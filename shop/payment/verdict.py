"""The one place that decides whether what Stripe reports (a webhook event,
an API answer, a refunded charge) may change a payment attempt.

A report may change an attempt only if it is about the attempt's own
PaymentIntent (the id Stripe gave us when we created it, never one found
through metadata, which anyone creating a PaymentIntent can set), in our
mode (live or test), in the attempt's currency and for its amount. When the
attempt's own PaymentIntent took money that does not match, the money is
real and ours to give back: the verdict says "refund" and the success path
refunds it instead of placing the order. Everything else is refused and
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import stripe_client
from .models import PaymentAttempt


class EventRefused(Exception):
    """What Stripe reported may not change the attempt. ``retry``: it may
    later (the attempt does not know its PaymentIntent yet)."""

    def __init__(self, reason: str, *, retry: bool = False) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass(frozen=True)
class StripeFacts:
    """What a report says about the money, whatever object carried it."""

    payment_intent_id: str
    currency: str
    amount: int | None
    amount_received: int | None
    livemode: bool | None
    succeeded: bool

    @classmethod
    def from_payment_intent(cls, pi: dict, *, event_livemode: bool | None = None) -> StripeFacts:
        return cls(
            payment_intent_id=str(pi.get("id") or ""),
            currency=str(pi.get("currency") or ""),
            amount=_int(pi.get("amount")),
            amount_received=_int(pi.get("amount_received")),
            livemode=_mode(pi.get("livemode"), event_livemode),
            succeeded=pi.get("status") == "succeeded",
        )

    @classmethod
    def from_charge(cls, charge: dict, *, event_livemode: bool | None = None) -> StripeFacts:
        captured = _int(charge.get("amount_captured"))
        return cls(
            payment_intent_id=str(charge.get("payment_intent") or ""),
            currency=str(charge.get("currency") or ""),
            amount=_int(charge.get("amount")),
            amount_received=captured if captured else _int(charge.get("amount")),
            livemode=_mode(charge.get("livemode"), event_livemode),
            succeeded=True,
        )


def _int(value) -> int | None:
    # bool is an int in Python; Stripe never sends one for an amount.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mode(object_livemode, event_livemode) -> bool | None:
    # An event and the object it carries must agree; None refuses.
    if not isinstance(object_livemode, bool):
        return None
    if event_livemode is not None and event_livemode != object_livemode:
        return None
    return object_livemode


@dataclass(frozen=True)
class Verdict:
    accept: bool
    refund: bool = False
    reason: str = ""
    retry: bool = False

    def raise_if_refused(self) -> None:
        if not self.accept and not self.refund:
            raise EventRefused(self.reason, retry=self.retry)


def buyer_language(attempt: PaymentAttempt):
    """Write messages for the buyer in the language of their checkout: a
    task runs in the site's default language whatever page the buyer is on."""
    return translation.override(attempt.language or settings.LANGUAGE_CODE)


def payment_verdict(*, attempt: PaymentAttempt, facts: StripeFacts) -> Verdict:
    """May ``facts`` change ``attempt``? See the module's docstring."""
    if not attempt.stripe_payment_intent:
        # Linked only from our own create call (payment_intent_ensure); an
        # event that gets here first is tried again later.
        return Verdict(False, reason="the attempt does not know its PaymentIntent yet", retry=True)
    if facts.payment_intent_id != attempt.stripe_payment_intent:
        return Verdict(False, reason=f"{facts.payment_intent_id[:60]} is not the attempt's PaymentIntent")
    if facts.livemode is None or facts.livemode != stripe_client.livemode():
        return Verdict(False, reason="livemode does not match our Stripe key")
    with buyer_language(attempt):
        if facts.currency.upper() != attempt.currency.upper():
            return Verdict(
                False,
                refund=facts.succeeded,
                reason=_("The payment was made in %(paid)s, not in %(expected)s.")
                % {"paid": facts.currency.upper()[:3] or "?", "expected": attempt.currency},
            )
        received = facts.amount_received if facts.succeeded else facts.amount
        if facts.amount != attempt.amount_satang or received != attempt.amount_satang:
            return Verdict(
                False,
                refund=facts.succeeded,
                reason=_("The amount paid (%(paid)s THB) is not the order total (%(total)s THB).")
                % {
                    "paid": stripe_client.satang_to_thb(received or 0),
                    "total": stripe_client.satang_to_thb(attempt.amount_satang),
                },
            )
    return Verdict(True)
