"""`manage.py cms_images_clean`: run every Wagtail image stored before the
safe-image intake through it (cms/images.py): the original is replaced by the
clean re-encode (no EXIF, GPS, comments or trailers) and its renditions are
dropped, to be rebuilt from it. Safe to run again: clean originals are
recognised by their name and skipped. Images the intake refuses are listed
for an editor to replace (pages leave them out meanwhile)."""

from collections import Counter

from django.core.management.base import BaseCommand, no_translations
from wagtail.images import get_image_model

from cms.images import wagtail_image_reclean


class Command(BaseCommand):
    help = "Re-encode Wagtail images stored before the safe-image intake and drop their renditions."

    @no_translations
    def handle(self, *args, **options):
        counts: Counter[str] = Counter()
        for image in get_image_model().objects.order_by("pk").iterator(chunk_size=100):
            outcome = wagtail_image_reclean(image=image)
            counts[outcome] += 1
            if outcome in ("refused", "missing"):
                self.stdout.write(f"Image {image.pk} ({image.title}): {outcome}; replace it in /cms/images/{image.pk}/")
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['cleaned']} cleaned, {counts['clean']} already clean, "
                f"{counts['refused']} refused, {counts['missing']} missing."
            )
        )
