"""Pictures of basket and order lines, for all lines at once.

Oscar's templates ask sorl-thumbnail for each line's picture with
``{% oscar_thumbnail %}``: one key-value store lookup per line (a cache round
trip, and a database query and an insert for a size not seen before). Here
the lines' pictures are resolved before rendering:

* a photo whose WebP/JPEG renditions are built (catalog.tasks) uses its
  ``thumbnail`` rendition: no lookup at all;
* otherwise (the renditions task has not run yet, or data that predates it)
  sorl's thumbnail of the original, whose URL and size are kept in the
  Django cache: one ``get_many`` for all lines, and sorl only for a picture
  whose URL is not cached yet (generated once, like the template tag did).

Each product gets ``line_image`` = {"src", "webp", "width", "height"} (webp
empty without renditions) for templates/oscar/checkout/partials/line_image.html.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import prefetch_related_objects

logger = logging.getLogger(__name__)

#: A thumbnail URL only changes with the image file, whose name is in the key.
LINE_THUMBNAIL_TTL = 24 * 60 * 60
#: One sorl geometry for every line picture (the basket and the preview show
#: them at 100 px, the confirmation at 200): the preview and the confirmation
#: then find in the cache what the basket page made. The same size as the
#: ``thumbnail`` rendition (shop.common.images.RENDITION_SIZES).
LINE_THUMBNAIL_BOX = 200


def _fit(width, height, box: int) -> tuple[int | None, int | None]:
    """Width and height of a picture shown inside a ``box`` square, never
    upscaled (what sorl's ``upscale=False`` does)."""
    if not width or not height:
        return None, None
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _source(image) -> tuple[str, str]:
    """(cache-key part, what sorl is given) of a product's primary image:
    a ProductImage, or Oscar's dict for a product without pictures."""
    if isinstance(image, dict):
        name = str(image.get("original") or "")
        return f"missing:{hashlib.sha256(name.encode()).hexdigest()[:16]}", name
    name = str(image.original.name or "")
    return f"{image.pk}:{hashlib.sha256(name.encode()).hexdigest()[:16]}", image.original


def _sorl_thumbnail(source) -> dict:
    from oscar.core.thumbnails import get_thumbnailer

    box = LINE_THUMBNAIL_BOX
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(source, size=f"{box}x{box}", upscale=False)
    except Exception:  # noqa: BLE001 - a broken file shows no picture rather than breaking checkout
        logger.warning("No thumbnail for %r", source, exc_info=True)
        return {"src": "", "webp": "", "width": None, "height": None}
    return {
        "src": getattr(thumbnail, "url", "") or "",
        "webp": "",
        "width": getattr(thumbnail, "width", None),
        "height": getattr(thumbnail, "height", None),
    }


def line_images_attach(products: Iterable, *, box: int) -> None:
    """Set ``product.line_image`` for every product (None skipped: an order
    line whose product was deleted), shown inside a ``box`` pixel square.
    One query for the products' images when they are not loaded yet, one
    cache round trip for the pictures without renditions."""
    products = [product for product in products if product is not None]
    # The pictures of all products in one query (two with variants), for the
    # products whose images are not loaded yet.
    unloaded = [p for p in products if "images" not in getattr(p, "_prefetched_objects_cache", {})]
    if unloaded:
        prefetch_related_objects(unloaded, "images")
        parents = [p.parent for p in unloaded if p.parent_id and p.parent is not None]
        if parents:
            prefetch_related_objects(parents, "images")
    wanted: dict[str, list] = {}
    sources: dict[str, object] = {}
    for product in products:
        image = product.primary_image()
        if not isinstance(image, dict) and getattr(image, "renditions_ready", False):
            rendition = image.rendition_urls.get("thumbnail")
            if rendition:
                width, height = _fit(rendition.get("width"), rendition.get("height"), box)
                product.line_image = {
                    "src": rendition["jpeg"], "webp": rendition["webp"], "width": width, "height": height,
                }
                continue
        part, source = _source(image)
        key = f"checkout:line-thumb:{LINE_THUMBNAIL_BOX}:{part}"
        wanted.setdefault(key, []).append(product)
        sources[key] = source
    if not wanted:
        return
    found = cache.get_many(list(wanted))
    missing = {}
    for key, owners in wanted.items():
        picture = found.get(key)
        if picture is None:
            picture = _sorl_thumbnail(sources[key])
            if picture["src"]:
                missing[key] = picture
        width, height = _fit(picture.get("width"), picture.get("height"), box)
        for product in owners:
            product.line_image = {**picture, "width": width, "height": height}
    if missing:
        cache.set_many(missing, LINE_THUMBNAIL_TTL)
