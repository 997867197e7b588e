"""`manage.py restore_site FILE [--force]` (`make restore FILE=... [FORCE=1]`):
put a backup made by backup_site into DATABASE_URL and MEDIA_ROOT
(shop/backups.py, docs/operations.md)."""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shop.backups import BackupError, backup_restore
from shop.common.cache_backend import CacheUnavailable, cache_strict


class Command(BaseCommand):
    help = (
        "Restore a backup (the .dump, .media.tar.gz or .json file of one backup) into DATABASE_URL and "
        "MEDIA_ROOT. Refuses a database or MEDIA_ROOT that is not empty unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="any file of the backup, e.g. backups/otop-20261126T051500Z.dump")
        parser.add_argument(
            "--force", action="store_true", help="replace the data already in the database and MEDIA_ROOT"
        )

    # Operators' command line: English, like Django's own commands (the
    # messages stay marked for translation; shop.backups also serves tests).
    @no_translations
    def handle(self, *args, file: str, force: bool, **options):
        try:
            result = backup_restore(path=file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error

        counts = result.counts
        self.stdout.write(
            f"Database: {result.backup.dump} restored: {counts['orders']} orders, "
            f"{counts['ledger_rows']} ledger rows, {counts['pages']} pages"
        )
        if result.media_files is not None:
            self.stdout.write(f"Media:    {result.media_files} files unpacked into MEDIA_ROOT")
        else:
            self.stdout.write("Media:    none restored (no archive in this backup, or media are in an S3 bucket)")
        if result.expected_counts is not None and result.expected_counts != counts:
            raise CommandError(
                f"The restored counts {counts} differ from the manifest's {result.expected_counts}: "
                "check the database before starting the site."
            )
        # Pages, menus and stock figures cached from the data before the restore would be stale.
        # The site's cache fails open (a miss) while Redis is down, so ask strictly: an
        # uncleared cache would serve the old data once Redis is back.
        try:
            cache_strict(cache).clear()
        except CacheUnavailable:
            self.stdout.write(
                self.style.WARNING(
                    "The cache (Redis) did not answer and was not cleared: clear it (redis-cli -n <db> FLUSHDB) "
                    "before starting the site, or it may show data from before the restore."
                )
            )
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                self.style.WARNING(f"{len(pending)} migrations of this code are not applied yet: run make migrate.")
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {result.backup.name}. Start the site again."))
