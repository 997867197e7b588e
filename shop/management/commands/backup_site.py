"""`manage.py backup_site [--output-dir DIR]` (`make backup`): a PostgreSQL
dump of DATABASE_URL and an archive of MEDIA_ROOT, named with the UTC time,
plus a manifest with checksums and row counts (shop/backups.py,
docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from shop.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT (tar.gz) into a folder, named with the UTC time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default="backups", metavar="DIR", help="folder for the backup files (default: backups)"
        )

    # Operators' command line: English, like Django's own commands (the
    # messages stay marked for translation; shop.backups also serves tests).
    @no_translations
    def handle(self, *args, output_dir: str, **options):
        try:
            backup, manifest = backup_create(folder=Path(output_dir))
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(f"Database: {backup.dump}")
        if manifest["media"]:
            self.stdout.write(f"Media:    {backup.media} ({manifest['media']['files']} files)")
        else:
            self.stdout.write(
                "Media:    not archived (media are in an S3 bucket; back it up with the provider's tools)"
            )
        self.stdout.write(f"Manifest: {backup.manifest}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup {backup.name}: {counts['orders']} orders, {counts['ledger_rows']} ledger rows, "
                f"{counts['pages']} pages. Restore with: make restore FILE={backup.dump}"
            )
        )
