"""Process stored Stripe events again:
``python manage.py stripe_replay_events --failed`` (every failed event) or
``--id evt_…`` (repeatable; any state). Safe to run twice: every step an
event takes is idempotent (one order per basket, refunds by total)."""

from django.core.management.base import BaseCommand, CommandError

from shop.payment.models import StripeEvent
from shop.payment.services import stripe_event_replay


class Command(BaseCommand):
    help = "Process stored Stripe events again: the failed ones, or given event ids."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="Every event marked failed.")
        parser.add_argument("--id", action="append", default=[], dest="ids", help="An event id (evt_…); repeatable.")

    def handle(self, *args, failed, ids, **options):
        if not failed and not ids:
            raise CommandError("Say which events: --failed, or --id evt_… (repeatable).")
        rows = {}
        if ids:
            found = dict(StripeEvent.objects.filter(event_id__in=ids).values_list("event_id", "pk"))
            missing = [i for i in ids if i not in found]
            if missing:
                raise CommandError(f"No stored event: {', '.join(missing)}")
            rows.update({pk: event_id for event_id, pk in found.items()})
        if failed:
            rows.update(
                dict(StripeEvent.objects.filter(status=StripeEvent.Status.FAILED).values_list("pk", "event_id"))
            )
        failures = 0
        for pk in sorted(rows):
            outcome = stripe_event_replay(event_row_id=pk)
            failures += outcome.startswith("failed")
            self.stdout.write(f"{rows[pk]}: {outcome}")
        self.stdout.write(f"{len(rows)} replayed, {failures} failed again.")
