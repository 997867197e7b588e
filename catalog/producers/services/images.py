"""Product photos in the producer portal: safe intake (shop.common.images:
re-encoded, no EXIF or GPS), ordering, alt text, removal, each audit-logged.
Their renditions are the catalogue's (``catalog.services.images``)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.common.images import image_to_django_file, image_validate_and_clean
from shop.outbox.services import outbox_send

from ...services.images import RENDITIONS_TASK
from .audit import audit_log_write

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

logger = logging.getLogger(__name__)

MAX_IMAGES_PER_PRODUCT = 12
ALT_TEXT_MAX = 200


def _alt_text_check(alt_text: str) -> str:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe the photo in a few words, for visitors who cannot see it.")})
    if len(alt_text) > ALT_TEXT_MAX:
        raise ValidationError({"alt_text": _("Keep the description under 200 characters.")})
    return alt_text


@transaction.atomic
def product_image_upload(*, product: Product, actor, upload, alt_text: str) -> ProductImage:
    """Validate an uploaded photo by its content, store a clean re-encode
    (no EXIF, no GPS) as the product's last image, and build its renditions
    after commit. Raises ValidationError (``{"image": ...}`` or
    ``{"alt_text": ...}``) and stores nothing when the file is refused."""
    alt_text = _alt_text_check(alt_text)
    product = Product.objects.select_for_update().get(pk=product.pk)
    count = product.images.count()
    if count >= MAX_IMAGES_PER_PRODUCT:
        raise ValidationError({"image": _("A product can have at most %(n)d photos.") % {"n": MAX_IMAGES_PER_PRODUCT}})
    try:
        clean = image_validate_and_clean(upload=upload)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from None
    image = ProductImage(product=product, alt_text=alt_text, caption=alt_text, display_order=count)
    image.original.save(
        image_to_django_file(clean, name_stem=f"product-{product.pk}").name, ContentFile(clean.content), save=False
    )
    image.save()
    audit_log_write(
        producer=product.producer,
        actor=actor,
        action="image.add",
        obj=image,
        changes={"alt_text": {"old": None, "new": alt_text}},
    )
    outbox_send(task=RENDITIONS_TASK, args=[image.pk])
    return image


@transaction.atomic
def product_image_update(*, image: ProductImage, actor, alt_text: str, display_order: int) -> ProductImage:
    """Change a photo's alt text and position (0 = the main photo); the
    other photos shift so positions stay 0..n-1."""
    alt_text = _alt_text_check(alt_text)
    image = ProductImage.objects.select_for_update(of=("self",)).select_related("product__producer").get(pk=image.pk)
    images = list(
        ProductImage.objects.select_for_update().filter(product=image.product).order_by("display_order", "pk")
    )
    if not 0 <= display_order < len(images):
        raise ValidationError({"display_order": _("Choose a position between 1 and %(n)d.") % {"n": len(images)}})
    before = {"alt_text": image.alt_text, "display_order": image.display_order}
    others = [i for i in images if i.pk != image.pk]
    others.insert(display_order, image)
    for position, item in enumerate(others):
        if item.pk == image.pk:
            item.alt_text = alt_text
            item.caption = alt_text
        if item.display_order != position or item.pk == image.pk:
            item.display_order = position
            item.save(update_fields=["display_order", "alt_text", "caption"])
    after = {"alt_text": alt_text, "display_order": display_order}
    diff = {k: {"old": before[k], "new": v} for k, v in after.items() if before[k] != v}
    if diff:
        audit_log_write(producer=image.product.producer, actor=actor, action="image.update", obj=image, changes=diff)
    return image


@transaction.atomic
def product_image_delete(*, image: ProductImage, actor) -> None:
    image = ProductImage.objects.select_for_update(of=("self",)).select_related("product__producer").get(pk=image.pk)
    product = image.product
    audit_log_write(
        producer=product.producer,
        actor=actor,
        action="image.delete",
        obj=image,
        changes={"alt_text": {"old": image.alt_text, "new": None}},
    )
    paths = [image.original.name] + [
        path for entry in (image.renditions or {}).values() for key, path in entry.items() if key in ("webp", "jpeg")
    ]
    ProductImage.objects.filter(pk=image.pk).delete()
    ProductImage.objects.filter(product=product, display_order__gt=image.display_order).update(
        display_order=F("display_order") - 1
    )

    def _remove_files():
        for path in paths:
            try:
                default_storage.delete(path)
            except OSError:  # pragma: no cover - a missing file is fine
                logger.warning("Could not delete %s", path)

    # Files go only once the row is gone for good.
    transaction.on_commit(_remove_files)
