"""Product photos' WebP/JPEG renditions (thumbnail, card, zoom), built by the
Celery task ``catalog.tasks.build_product_image_renditions`` after commit and
swept up by the beat when a task was lost. Photos enter through the
producer portal (``catalog.producers.services.images``, safe intake by
shop.common.images) or, already clean, through
``catalog.services.products.product_image_add``."""

from __future__ import annotations

import io
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from shop.common.images import RENDITION_SIZES, image_renditions_build
from shop.common.page_versions import product_versions_bump

ProductImage = get_model("catalogue", "ProductImage")

logger = logging.getLogger(__name__)

# Sent after commit for every new photo (shop.outbox.services.outbox_send, by
# its registered name: services never import the tasks module, which imports
# them).
RENDITIONS_TASK = "catalog.tasks.build_product_image_renditions"


def product_image_renditions_build(*, image_id: int) -> bool:
    """Build and store the thumbnail/card/zoom renditions (WebP + JPEG) of a
    product image. Idempotent: returns False without work when they are
    already there or the image was deleted meanwhile. File names are fixed
    per image, so a retried task overwrites its own half-written files
    instead of leaving orphans."""
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or image.renditions_ready:
        return False
    with image.original.open("rb") as fh:
        source = fh.read()
    built = image_renditions_build(source_bytes=source)
    stored: dict[str, dict] = {}
    base = f"images/renditions/{image.pk}"
    for name in RENDITION_SIZES:
        entry: dict = {}
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
            path = f"{base}/{name}.{ext}"
            if default_storage.exists(path):
                default_storage.delete(path)
            entry[fmt] = default_storage.save(path, ContentFile(built[name][fmt]))
        with Image.open(io.BytesIO(built[name]["jpeg"])) as probe:
            entry["width"], entry["height"] = probe.size
        stored[name] = entry
    # Conditional update: a concurrent run that finished first wins, and a
    # deleted image stays deleted.
    if ProductImage.objects.filter(pk=image.pk, renditions_ready=False).update(
        renditions=stored, renditions_ready=True
    ):
        # The update sends no post_save: without a bump the cached product
        # page and listings would keep the "photo being prepared"
        # placeholder (shop/common/page_versions.py).
        product_versions_bump(product_ids=[image.product_id])
    return True


# A fresh upload's own task normally runs within seconds; the sweep leaves
# younger images to it.
RENDITIONS_SWEEP_GRACE_MINUTES = 5


def product_image_renditions_missing_build(*, limit: int = 100) -> int:
    """Build the renditions of images that still lack them (the worker was
    down when they were uploaded, a task failed, or they predate the task).
    Run by the beat; each image is independent, so one broken file is
    logged and skipped. Returns how many were built."""
    cutoff = timezone.now() - timedelta(minutes=RENDITIONS_SWEEP_GRACE_MINUTES)
    ids = list(
        ProductImage.objects.filter(renditions_ready=False, date_created__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    built = 0
    for image_id in ids:
        try:
            built += int(product_image_renditions_build(image_id=image_id))
        except Exception:
            logger.exception("Could not build renditions of product image %s", image_id)
    return built
