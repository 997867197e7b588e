"""python manage.py rebuild_search_index

Rebuilds the search index of every configured backend from the database
(products, producers, stories and Wagtail's other pages), with a progress
bar per model. Safe to run while the site serves searches: each backend
rebuilds in a transaction or a new index (catalog.search.services)."""

import sys
import time

from django.core.management.base import BaseCommand

from catalog.search.services import search_index_rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search index (products, producers, stories) with a progress bar."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self._label = None
        started = time.monotonic()
        counts = search_index_rebuild(progress=self._progress)
        if self._label is not None:
            self.stdout.write("")
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} objects in {time.monotonic() - started:.1f} s."))

    def _progress(self, label: str, done: int, total: int) -> None:
        if self.verbosity == 0:
            return
        if label != self._label:
            if self._label is not None:
                self.stdout.write("")
            self._label = label
        share = done / total if total else 1.0
        filled = int(BAR_WIDTH * share)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r{label:<28} [{bar}] {done}/{total}", ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        elif sys.stdout.isatty():  # pragma: no cover
            sys.stdout.flush()
