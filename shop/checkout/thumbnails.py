"""Pictures of basket and order lines, for all lines at once.

Oscar's templates ask for each line's picture with ``{% oscar_thumbnail %}``
and each line's product's images with a query of its own. Here the lines'
pictures are resolved before rendering, the products' images loaded in one
query for all lines, and each picture taken from the project's one image
pipeline (shop.common.thumbnails.picture_for):

* a photo whose WebP/JPEG renditions are built (catalog.tasks) uses its
  ``thumbnail`` rendition;
* otherwise (the renditions task has not run yet) the clean original, shown
  inside the box by the browser: nothing is resized on a request;
* a product without photos gets Oscar's placeholder picture.

Each product gets ``line_image`` = {"src", "webp", "width", "height"} (webp
empty without renditions, the size unknown for an original) for
templates/oscar/checkout/partials/line_image.html.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import prefetch_related_objects

from shop.common.thumbnails import picture_for


def _fit(width, height, box: int) -> tuple[int | None, int | None]:
    """Width and height of a picture shown inside a ``box`` square, never
    upscaled."""
    if not width or not height:
        return None, None
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def line_images_attach(products: Iterable, *, box: int) -> None:
    """Set ``product.line_image`` for every product (None skipped: an order
    line whose product was deleted), shown inside a ``box`` pixel square.
    One query for the products' images when they are not loaded yet."""
    products = [product for product in products if product is not None]
    # The pictures of all products in one query (two with variants), for the
    # products whose images are not loaded yet.
    unloaded = [p for p in products if "images" not in getattr(p, "_prefetched_objects_cache", {})]
    if unloaded:
        prefetch_related_objects(unloaded, "images")
        parents = [p.parent for p in unloaded if p.parent_id and p.parent is not None]
        if parents:
            prefetch_related_objects(parents, "images")
    for product in products:
        image = product.primary_image()
        # A ProductImage, or Oscar's dict for a product without pictures.
        source = image.get("original") if isinstance(image, dict) else image.original
        picture = picture_for(source, box=box)
        width, height = _fit(picture.width, picture.height, box)
        product.line_image = {"src": picture.url, "webp": picture.webp, "width": width, "height": height}
