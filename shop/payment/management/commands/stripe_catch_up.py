"""Apply Stripe events the webhook missed (an outage, a wrong secret):
``python manage.py stripe_catch_up --since 24h`` (also 90m, 2d).

Lists the events of that period from Stripe's Events API (Stripe keeps 30
days), stores the ones never received and processes every stored event not
processed yet, oldest first. Safe to run any time and twice: each event id is
processed once.
"""

import re
from datetime import timedelta

import stripe
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from shop.payment.services import stripe_events_catch_up

UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def since_parse(value: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([mhd])\s*", value or "")
    if not match:
        raise CommandError(f"--since must look like 90m, 24h or 2d, not {value!r}.")
    period = timedelta(**{UNITS[match.group(2)]: int(match.group(1))})
    if period <= timedelta(0) or period > timedelta(days=30):
        raise CommandError("--since must be more than 0 and at most 30d (Stripe keeps events for 30 days).")
    return period


class Command(BaseCommand):
    help = "Fetch recent Stripe events and apply those the webhook missed."

    def add_arguments(self, parser):
        parser.add_argument("--since", default="24h", help="How far back: 90m, 24h, 2d (default 24h).")

    def handle(self, *args, since, **options):
        period = since_parse(since)
        try:
            counts = stripe_events_catch_up(since=period)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except stripe.StripeError as exc:
            raise CommandError(f"Stripe did not answer: {exc}") from exc
        self.stdout.write(
            f"Stripe events since {since}: {counts['listed']} listed, {counts['new']} not received before, "
            f"{counts['processed']} processed now."
        )
