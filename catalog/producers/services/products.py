"""A producer's products: the portal's edits, prices on the producer's
stock record, and the listing workflow (draft -> submitted -> published).
Creating a product outright (demo data, imports) is the catalogue's own
``catalog.services.products.product_create``.

Rules that live here and nowhere else:

* ``is_public`` is True exactly when ``listing_status`` is published.
* Only office staff publish or reject (``user_is_office``).
* Editing a *published* product's price, text or passport claims
  (``REVIEWED_FIELDS``) by a producer member sends it back to "submitted"
  when ``settings.PRODUCT_REVIEW_ON_EDIT`` (default True). Meanwhile the
  product is hidden from the storefront until the office publishes it again:
  we do not keep a second, "live" copy of the old text, because a stale
  price or claim staying on sale is exactly what the review is for. Edits by
  office staff do not go back to review (they are the reviewers). Photos are
  not reviewed again; certifications are (they are passport claims).
* A product in a category the digital-wallet scheme excludes can never be
  marked eligible.
* The price lives on the producer's stock record (partner = the producer's
  partner, THB). Stock counts belong to the inventory: a missing record is
  created with num_in_stock=0, an existing one has only its price and SKU
  written, with an UPDATE of those columns, so a concurrent stock movement is
  never overwritten by a stale num_in_stock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.common.page_versions import product_versions_bump

from ... import thai_address
from ...selectors import categories_excluded_from_digital_wallet
from ...services.products import product_class_get_otop, product_slug_make, wallet_excluded_message
from ..selectors import product_stock_record, user_is_office
from .audit import audit_log_write, changes_diff
from .listing_decisions import listing_decision_record

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

Status = Product.ListingStatus

# 1,000,000 THB: nothing the center sells costs more; a bigger number is a typo.
PRICE_MIN = Decimal("1.00")
PRICE_MAX = Decimal("1000000.00")
SKU_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/.]{0,63}")
PRICE_MESSAGE = gettext_lazy("Enter a price between 1 and 1,000,000 baht, with at most 2 decimals.")


# --- The producer portal --------------------------------------------------------------------


@dataclass(frozen=True)
class ProductInput:
    """What the portal form (or an import row) says about a product."""

    title: str
    otop_type: OtopProductType
    price: Decimal
    title_en: str = ""
    title_zh_hans: str = ""
    description: str = ""
    description_en: str = ""
    description_zh_hans: str = ""
    category: Category | None = None
    sku: str = ""
    origin_district: District | None = None
    origin_tambon: str = ""
    weight_grams: int | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    not_shippable_abroad: bool = False
    digital_wallet_eligible: bool = False
    otop_stars: int | None = None
    otop_star_year: int | None = None
    fibre: str = ""
    dye_type: str = ""
    dye_source_plant: str = ""
    weaving_technique: str = ""


# Plain model fields copied from ProductInput onto Product.
_PRODUCT_FIELDS = tuple(f.name for f in fields(ProductInput) if f.name not in ("price", "sku", "category"))

# A producer's edit of one of these on a published product needs the office again.
REVIEWED_FIELDS = frozenset(
    {
        "title",
        "title_en",
        "title_zh_hans",
        "description",
        "description_en",
        "description_zh_hans",
        "price",
        "otop_type",
        "category",
        "origin_district",
        "origin_tambon",
        "otop_stars",
        "otop_star_year",
        "digital_wallet_eligible",
        "fibre",
        "dye_type",
        "dye_source_plant",
        "weaving_technique",
    }
)


def product_input_check(*, producer: Producer, data: ProductInput, product: Product | None = None) -> None:
    """Every rule on a product's data, as field errors (nothing is written).
    Forms check formats; this checks what only the service knows."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    price = data.price
    if (
        price is None
        or not isinstance(price, Decimal)
        or not price.is_finite()
        or price < PRICE_MIN
        or price > PRICE_MAX
        or price != price.quantize(Decimal("0.01"))
    ):
        add("price", str(PRICE_MESSAGE))
    if (data.otop_stars is None) != (data.otop_star_year is None):
        add("otop_star_year", _("Give the OTOP star rating together with its assessment year."))
    if data.otop_stars is not None and not 1 <= data.otop_stars <= 5:
        add("otop_stars", _("OTOP ratings are 1 to 5 stars."))
    if data.otop_star_year is not None:
        this_year_be = timezone.localdate().year + 543
        if not 2549 <= data.otop_star_year <= this_year_be:
            add(
                "otop_star_year",
                _("Enter the assessment year in B.E., for example %(year)d.") % {"year": this_year_be - 1},
            )
    district = data.origin_district or producer.district
    if data.origin_tambon and not thai_address.tambon_get(
        tambon=data.origin_tambon, district=district.code, province=thai_address.CHIANG_MAI_PROVINCE_CODE
    ):
        add("origin_tambon", _("This tambon is not in the district of origin."))
    if data.dye_source_plant and data.dye_type != Product.DyeType.NATURAL:
        add("dye_source_plant", _("A dye source plant only applies to natural dyes."))
    if data.category is not None and not data.category.is_public:
        add("category", _("Choose one of the shop's categories."))
    if data.digital_wallet_eligible and categories_excluded_from_digital_wallet(
        [data.category] if data.category is not None else list(product.categories.all()) if product else []
    ):
        add("digital_wallet_eligible", wallet_excluded_message())
    if data.sku:
        if not SKU_PATTERN.fullmatch(data.sku):
            add("sku", _("Use letters, digits and - _ / . only, at most 64 characters."))
        else:
            taken = StockRecord.objects.filter(partner=producer.partner, partner_sku=data.sku)
            if product is not None:
                taken = taken.exclude(product=product)
            if taken.exists():
                add("sku", _("Another of your products already uses this stock-keeping unit."))
    if errors:
        raise ValidationError(errors)


def _product_values(product: Product) -> dict:
    values = {name: getattr(product, name) for name in _PRODUCT_FIELDS}
    record = product_stock_record(product=product)
    values["price"] = record.price if record else None
    values["sku"] = record.partner_sku if record else ""
    category = product.categories.order_by("pk").first()
    values["category"] = category
    return values


def _stock_record_price_set(*, product: Product, producer: Producer, price: Decimal, sku: str) -> None:
    record = StockRecord.objects.filter(product=product, partner=producer.partner).order_by("pk").first()
    if record is None:
        try:
            with transaction.atomic():
                StockRecord.objects.create(
                    product=product,
                    partner=producer.partner,
                    partner_sku=sku or f"OTOP-{product.pk}",
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    price=price,
                    num_in_stock=0,
                    num_allocated=0,
                )
            return
        except IntegrityError:
            # A receipt created the record meanwhile (inventory's
            # stock_records_ensure): fall through and update it.
            record = StockRecord.objects.filter(product=product, partner=producer.partner).order_by("pk").first()
            if record is None:
                raise ValidationError(
                    {"sku": _("Another of your products already uses this stock-keeping unit.")}
                ) from None
    # Only price and SKU columns: never write the stock counts (see module docstring).
    StockRecord.objects.filter(pk=record.pk).update(
        price=price,
        price_currency=settings.OSCAR_DEFAULT_CURRENCY,
        partner_sku=sku or record.partner_sku,
        date_updated=timezone.now(),
    )
    # The update sends no post_save: the cached pages showing the price are
    # made stale here rather than relying on the caller saving the product too.
    product_versions_bump(product_ids=[product.pk])


@transaction.atomic
def product_portal_save(*, producer: Producer, actor, data: ProductInput, product: Product | None = None) -> Product:
    """Create (``product=None``, as a draft) or update one of ``producer``'s
    products from the portal, with its price and SKU, and write the audit
    log. A producer's edit of a published product's reviewed fields sends it
    back to review (see the module docstring)."""
    if product is not None:
        product = Product.objects.select_for_update().get(pk=product.pk)
        if product.producer_id != producer.pk:
            # The portal scopes every lookup by producer; reaching here is a bug.
            raise PermissionDenied("Product of another producer.")
    product_input_check(producer=producer, data=data, product=product)

    creating = product is None
    if creating:
        before: dict = {}
        product = Product(
            structure=Product.STANDALONE,
            product_class=product_class_get_otop(),
            producer=producer,
            listing_status=Status.DRAFT,
            is_public=False,
            listing_status_changed_at=timezone.now(),
        )
    else:
        before = _product_values(product)

    for name in _PRODUCT_FIELDS:
        setattr(product, name, getattr(data, name))
    product.origin_district = data.origin_district or producer.district
    if creating or not product.slug:
        product.slug = product_slug_make(title=data.title, title_en=data.title_en, upc=None)
    # Oscar's NullCharField reads a NULL upc back as "", and full_clean's
    # unique check turns upc="" into "upc IS NULL": every other product
    # without a UPC would then count as a duplicate.
    product.upc = product.upc or None
    product.full_clean()
    product.save()
    if data.category is not None:
        product.categories.set([data.category])
    _stock_record_price_set(product=product, producer=producer, price=data.price, sku=data.sku)

    after = {name: getattr(product, name) for name in _PRODUCT_FIELDS}
    after["price"] = data.price
    after["sku"] = data.sku or (before.get("sku") or f"OTOP-{product.pk}")
    after["category"] = data.category if data.category is not None else before.get("category")
    diff = changes_diff(before=before, after=after)

    if (
        not creating
        and product.listing_status == Status.PUBLISHED
        and REVIEWED_FIELDS & diff.keys()
        and getattr(settings, "PRODUCT_REVIEW_ON_EDIT", True)
        and not user_is_office(actor)
    ):
        _status_set(product=product, status=Status.SUBMITTED, comment="")
        diff["listing_status"] = {"old": Status.PUBLISHED.value, "new": Status.SUBMITTED.value}

    if creating or diff:
        audit_log_write(
            producer=producer,
            actor=actor,
            action="product.create" if creating else "product.update",
            obj=product,
            changes=diff,
        )
    return product


# --- Listing workflow ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Transition:
    sources: frozenset
    target: str
    office_only: bool = False
    needs_comment: bool = False


TRANSITIONS: dict[str, _Transition] = {
    "submit": _Transition(frozenset({Status.DRAFT, Status.REJECTED}), Status.SUBMITTED),
    "withdraw": _Transition(frozenset({Status.SUBMITTED}), Status.DRAFT),
    "publish": _Transition(frozenset({Status.SUBMITTED}), Status.PUBLISHED, office_only=True),
    "reject": _Transition(
        frozenset({Status.SUBMITTED, Status.PUBLISHED}), Status.REJECTED, office_only=True, needs_comment=True
    ),
    "archive": _Transition(
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED}), Status.ARCHIVED
    ),
    "restore": _Transition(frozenset({Status.ARCHIVED}), Status.DRAFT),
}


def product_listing_actions(*, product: Product, user) -> list[str]:
    """The transitions ``user`` may apply to ``product`` now (for buttons)."""
    office = user_is_office(user)
    return [
        name
        for name, rule in TRANSITIONS.items()
        if product.listing_status in rule.sources and (office or not rule.office_only)
    ]


def _status_set(*, product: Product, status: str, comment: str | None = None) -> None:
    product.listing_status = status
    # The one place is_public is written: visible exactly when published.
    product.is_public = status == Status.PUBLISHED
    product.listing_status_changed_at = timezone.now()
    update_fields = ["listing_status", "is_public", "listing_status_changed_at", "date_updated"]
    if comment is not None:
        product.review_comment = comment
        update_fields.append("review_comment")
    product.save(update_fields=update_fields)


def _submit_check(product: Product) -> None:
    problems = []
    record = StockRecord.objects.filter(product=product, partner=product.producer.partner).order_by("pk").first()
    if record is None or record.price is None:
        problems.append(_("Give the product a price."))
    images = list(product.images.all())
    if not images:
        problems.append(_("Add at least one photo."))
    elif any(not image.alt_text.strip() for image in images):
        problems.append(_("Describe every photo (alt text)."))
    if problems:
        raise ValidationError(problems, code="not_ready")


@transaction.atomic
def product_listing_transition(*, product: Product, actor, action: str, comment: str = "") -> Product:
    """Move a product through the listing workflow (``TRANSITIONS``).

    Raises PermissionDenied when a non-office user tries to publish or
    reject, ValidationError when the move is not possible from the current
    state (or a rejection has no comment, or a submission lacks a price or a
    described photo)."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    if rule.office_only and not user_is_office(actor):
        raise PermissionDenied(_("Only office staff may publish or reject listings."))
    product = Product.objects.select_for_update(of=("self",)).select_related("producer__partner").get(pk=product.pk)
    if product.listing_status not in rule.sources:
        raise ValidationError(
            _("A listing that is “%(status)s” cannot be changed this way.")
            % {"status": product.get_listing_status_display()},
            code="invalid_transition",
        )
    comment = (comment or "").strip()
    if rule.needs_comment and not comment:
        raise ValidationError({"comment": _("Tell the producer why, so they can fix it.")})
    if len(comment) > 2000:
        raise ValidationError({"comment": _("Keep the comment under 2,000 characters.")})
    if action == "submit":
        _submit_check(product)
    old = product.listing_status
    # A rejection stores its comment; publishing clears an old one.
    new_comment = comment if action == "reject" else ("" if action in ("publish", "submit") else None)
    _status_set(product=product, status=rule.target, comment=new_comment)
    changes = {"listing_status": {"old": old, "new": rule.target}}
    if action == "reject":
        changes["review_comment"] = {"old": "", "new": comment}
    audit_log_write(producer=product.producer, actor=actor, action=f"product.{action}", obj=product, changes=changes)
    if action in ("publish", "reject"):
        # The producer is emailed from this row after commit (once).
        listing_decision_record(product=product, decision=rule.target, comment=comment, actor=actor)
    return product


def product_back_to_review_if_published(*, product: Product, actor, reason_field: str) -> bool:
    """Used by other passport edits (certifications): a producer's change to
    a published product's claims sends it back to review. Returns True when
    it did."""
    if (
        product.listing_status == Status.PUBLISHED
        and getattr(settings, "PRODUCT_REVIEW_ON_EDIT", True)
        and not user_is_office(actor)
    ):
        _status_set(product=product, status=Status.SUBMITTED, comment="")
        audit_log_write(
            producer=product.producer,
            actor=actor,
            action="product.back_to_review",
            obj=product,
            changes={
                "listing_status": {"old": Status.PUBLISHED.value, "new": Status.SUBMITTED.value},
                "because": {"old": None, "new": reason_field},
            },
        )
        return True
    return False
