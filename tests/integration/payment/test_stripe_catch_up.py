"""`manage.py stripe_catch_up` applies the events the webhook missed, once."""

import pytest
from django.core.management import CommandError, call_command
from oscar.core.loading import get_model

from shop.order import statuses
from shop.payment.management.commands.stripe_catch_up import since_parse
from shop.payment.models import StripeEvent
from shop.payment.services import payment_start

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_missed_events_are_fetched_stored_and_applied_once(fake_stripe, checkout, capsys):
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    fake_stripe.processing(attempt.stripe_payment_intent)
    fake_stripe.succeed(attempt.stripe_payment_intent)  # the webhook never arrived

    call_command("stripe_catch_up", "--since", "24h")
    first = capsys.readouterr().out
    call_command("stripe_catch_up", "--since", "90m")
    second = capsys.readouterr().out

    assert Order.objects.get().status == statuses.PAID
    assert StripeEvent.objects.count() == len(fake_stripe.events)
    assert "0 processed now" not in first and "processed now" in first
    assert "0 not received before, 0 processed now" in second
    assert ("GET", "/v1/events") in fake_stripe.requests


@pytest.mark.parametrize(("text", "minutes"), [("90m", 90), ("24h", 1440), ("2d", 2880)])
def test_since_understands_minutes_hours_and_days(text, minutes):
    assert since_parse(text).total_seconds() == minutes * 60


@pytest.mark.parametrize("text", ["", "24", "1w", "-2h", "31d"])
def test_a_bad_since_is_refused_with_a_message(text):
    with pytest.raises(CommandError):
        since_parse(text)
