"""Products as the catalogue holds them: the OTOP product class, creation
(demo data, bulk imports, the bench) and a clean image attached to a product.

How producers and the office change products afterwards (the portal's
edits, prices on the producer's stock record, the listing workflow draft ->
submitted -> published) is ``catalog.producers.services.products``.

* ``is_public`` is True exactly when ``listing_status`` is published.
* A product in a category the digital-wallet scheme excludes can never be
  marked eligible.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from shop.outbox.services import outbox_send

from ..selectors import categories_excluded_from_digital_wallet
from .images import RENDITIONS_TASK

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")

Status = Product.ListingStatus


def product_class_get_otop() -> ProductClass:
    """The single product class used for OTOP goods: stock is tracked (the
    center holds consigned goods) and everything ships or is picked up."""
    product_class, _created = ProductClass.objects.get_or_create(
        slug="otop-product",
        defaults={"name": "OTOP product", "requires_shipping": True, "track_stock": True},
    )
    return product_class


# --- Creation (demo data, imports) -------------------------------------------------------


@transaction.atomic
def product_create(
    *,
    title: str,
    producer: Producer,
    otop_type: OtopProductType,
    product_class: ProductClass | None = None,
    title_en: str = "",
    title_zh_hans: str = "",
    description: str = "",
    description_en: str = "",
    description_zh_hans: str = "",
    origin_district: District | None = None,
    origin_tambon: str = "",
    otop_stars: int | None = None,
    otop_star_year: int | None = None,
    upc: str | None = None,
    slug: str = "",
    categories: Iterable[Category] = (),
    is_public: bool = True,
    listing_status: str | None = None,
    fibre: str = "",
    dye_type: str = "",
    dye_source_plant: str = "",
    weaving_technique: str = "",
    digital_wallet_eligible: bool = False,
    not_shippable_abroad: bool = False,
    weight_grams: int | None = None,
) -> Product:
    """Create a stand-alone product of a producer.

    `title` and `description` are the Thai text (Oscar's own fields, also the
    fallback for other languages). The district of origin defaults to the
    producer's. A star rating is meaningless without its assessment round, so
    stars and year must be given together. The listing status defaults to
    published when ``is_public`` (demo data of verified producers), else
    draft; ``is_public`` always follows the status.
    """
    if (otop_stars is None) != (otop_star_year is None):
        raise ValidationError(_("Give the OTOP star rating together with its assessment year."))
    status = listing_status or (Status.PUBLISHED if is_public else Status.DRAFT)
    categories = list(categories)
    if digital_wallet_eligible and categories_excluded_from_digital_wallet(categories):
        raise ValidationError({"digital_wallet_eligible": wallet_excluded_message()})
    product = Product(
        structure=Product.STANDALONE,
        title=title,
        title_en=title_en,
        title_zh_hans=title_zh_hans,
        description=description,
        description_en=description_en,
        description_zh_hans=description_zh_hans,
        product_class=product_class or product_class_get_otop(),
        producer=producer,
        otop_type=otop_type,
        origin_district=origin_district or producer.district,
        origin_tambon=origin_tambon,
        otop_stars=otop_stars,
        otop_star_year=otop_star_year,
        upc=upc or None,
        # Oscar would slugify the Thai title into "u0e1c..." escapes; the
        # English title makes a readable URL when we have one.
        slug=slug or product_slug_make(title=title, title_en=title_en, upc=upc),
        listing_status=status,
        is_public=status == Status.PUBLISHED,
        listing_status_changed_at=timezone.now(),
        fibre=fibre,
        dye_type=dye_type,
        dye_source_plant=dye_source_plant,
        weaving_technique=weaving_technique,
        digital_wallet_eligible=digital_wallet_eligible,
        not_shippable_abroad=not_shippable_abroad,
        weight_grams=weight_grams,
    )
    product.full_clean()
    product.save()
    if categories:
        product.categories.add(*categories)
    return product


def product_slug_make(*, title: str, title_en: str, upc: str | None) -> str:
    base = slugify(title_en)[:100] if title_en else ""
    suffix = (upc or "")[-6:]
    # Without an English title fall back to Oscar's own slug of the Thai title.
    return "-".join(part for part in (base, suffix) if part) or slugify(title)[:255]


def product_image_add(
    *,
    product: Product,
    content: bytes,
    filename: str,
    caption: str = "",
    alt_text: str = "",
    display_order: int | None = None,
) -> ProductImage:
    """Attach an image that is already clean (our own re-encode, e.g. the
    demo's drawings) to a product; it goes last unless a display order is
    given (0 is the primary image). Uploads from people go through
    ``catalog.producers.services.images.product_image_upload`` instead."""
    if display_order is None:
        display_order = product.images.count()
    image = ProductImage(product=product, caption=caption[:200], alt_text=alt_text[:200], display_order=display_order)
    image.original.save(filename, ContentFile(content), save=False)
    image.save()
    # Demo and imported photos get their WebP/JPEG renditions like uploads.
    outbox_send(task=RENDITIONS_TASK, args=[image.pk])
    return image


def wallet_excluded_message() -> str:
    return _(
        "This category is excluded from the digital-wallet scheme (alcohol, tobacco, cannabis, lottery), "
        "so the product cannot be marked eligible."
    )
