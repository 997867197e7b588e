"""Recompute every stock balance and producer stock record from the ledger.

python manage.py reconcile_stock            # report; exit 1 on any difference
python manage.py reconcile_stock --repair   # report, then rewrite the caches
"""

import time

from django.core.management.base import BaseCommand, CommandError

from inventory.services import stock_reconcile


class Command(BaseCommand):
    help = "Compare stock balances and Oscar stock records with the stock ledger (exit 1 on differences)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="After printing the differences, rewrite the cached figures from the ledger.",
        )

    def handle(self, *args, repair: bool = False, **options):
        started = time.monotonic()
        differences = stock_reconcile(repair=repair)
        elapsed = time.monotonic() - started
        for difference in differences:
            self.stdout.write(str(difference))
        if not differences:
            self.stdout.write(self.style.SUCCESS(f"Stock ledger and caches agree ({elapsed:.2f} s)."))
            return
        if repair:
            self.stdout.write(
                self.style.WARNING(f"Repaired {len(differences)} difference(s) from the ledger ({elapsed:.2f} s).")
            )
            return
        raise CommandError(
            f"{len(differences)} difference(s) between the ledger and the cached stock figures; "
            "run with --repair to rewrite them from the ledger.",
            returncode=1,
        )
