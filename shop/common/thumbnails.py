"""Pictures at a size, from the project's one image pipeline.

A product photo is stored once as a clean original and, a few seconds later
(catalog.tasks), as WebP/JPEG renditions of fixed sizes
(shop.common.images.RENDITION_SIZES). Nothing else makes thumbnails: a page
never resizes an image while a visitor waits.

``picture_for`` answers "this image, shown inside a box of N pixels": the
smallest rendition that covers the box (the largest when none does), or,
while the renditions are being built (the beat task
build_missing_product_image_renditions catches any photo left behind), the
original itself, which the browser scales. Oscar's missing-image placeholder
is its static file.

``RenditionThumbnailer`` is OSCAR_THUMBNAILER: Oscar's
``{% oscar_thumbnail %}`` tag, in Oscar's templates we do not override (its
dashboard's product lists, order lines and reviews) and in ours, gets the same
answer. It also removes a deleted image's files (Oscar calls it on delete
with OSCAR_DELETE_IMAGE_FILES).

Duck-typed on the image's model (``renditions_ready``, ``rendition_urls``,
``renditions``): this module imports no app.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.templatetags.static import static
from oscar.core.thumbnails import AbstractThumbnailer

from .images import RENDITION_SIZES

logger = logging.getLogger(__name__)

_SIZE = re.compile(r"^\s*(\d*)\s*x?\s*(\d*)\s*$")


@dataclass(frozen=True, slots=True)
class Picture:
    """What an <img> needs: ``url`` (JPEG, or the original's own format),
    ``webp`` (empty without renditions) and the pixel size when known."""

    url: str
    webp: str = ""
    width: int | None = None
    height: int | None = None


def size_box(size: str) -> int:
    """The side of the square an Oscar geometry ("100x100", "440x400",
    "200", "x80") must fit in: its larger number (0 when it has none)."""
    match = _SIZE.match(str(size or ""))
    if not match:
        return 0
    return max((int(part) for part in match.groups() if part), default=0)


def _rendition_for(urls: dict[str, dict], *, box: int) -> dict | None:
    """The smallest rendition whose side covers ``box``, else the largest."""
    names = sorted((name for name in urls if name in RENDITION_SIZES), key=RENDITION_SIZES.__getitem__)
    if not names:
        return None
    for name in names:
        if RENDITION_SIZES[name] >= box:
            return urls[name]
    return urls[names[-1]]


def missing_picture() -> Picture:
    """Oscar's "image not found" placeholder (a static file of Oscar's)."""
    return Picture(url=static(f"oscar/img/{settings.OSCAR_MISSING_IMAGE_URL}"))


def picture_for(source, *, box: int) -> Picture:
    """``source`` (an image field's file, Oscar's MissingProductImage or a
    media file name) shown inside a ``box`` pixel square."""
    instance = getattr(source, "instance", None)
    if instance is not None and getattr(instance, "renditions_ready", False):
        rendition = _rendition_for(instance.rendition_urls, box=box)
        if rendition:
            return Picture(
                url=rendition["jpeg"], webp=rendition["webp"], width=rendition.get("width"),
                height=rendition.get("height"),
            )  # fmt: skip
    if isinstance(source, FieldFile):
        # Until the renditions are built: the clean original, not resized here.
        return Picture(url=source.url) if source.name else missing_picture()
    name = str(getattr(source, "name", source) or "")
    if not name or name == settings.OSCAR_MISSING_IMAGE_URL:
        return missing_picture()
    return Picture(url=default_storage.url(name))


class RenditionThumbnailer(AbstractThumbnailer):
    """OSCAR_THUMBNAILER: ``{% oscar_thumbnail image.original "100x100" ... as thumb %}``
    gives ``thumb.url`` (and ``width``/``height`` when known) from
    ``picture_for``. Oscar's other options (crop, upscale) need no work:
    renditions are never upscaled, and a crop is the stylesheet's."""

    def generate_thumbnail(self, source, **opts) -> Picture:
        return picture_for(source, box=size_box(opts.get("size", "")))

    def delete_thumbnails(self, source) -> None:
        """A deleted image's original and renditions, removed once the
        deletion commits (a rolled-back delete keeps its files)."""
        if not isinstance(source, FieldFile) or not source.name:
            return
        storage = source.storage
        paths = [(storage, source.name)]
        renditions = getattr(source.instance, "renditions", None) or {}
        for entry in renditions.values():
            paths += [(default_storage, entry[fmt]) for fmt in ("webp", "jpeg") if entry.get(fmt)]

        def _remove() -> None:
            for where, path in paths:
                try:
                    where.delete(path)
                except OSError:  # pragma: no cover - a file already gone is fine
                    logger.warning("Could not delete %s", path)

        transaction.on_commit(_remove)
