"""Reads of inventory data. Nothing here writes; nothing here locks."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.common.roles import CENTER_MANAGER, CENTER_STAFF

from .exceptions import StockError
from .models import CounterSale, CountSheet, Location, Lot, Receipt, Reservation, StockBalance, StockMovement

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

SAN_KAMPHAENG_CODE = "SKP"


def center_get_default() -> Location:
    """The San Kamphaeng distribution center (created by migration)."""
    return Location.objects.get(code=SAN_KAMPHAENG_CODE)


def _bin_with_role(*, center: Location, role: str) -> Location:
    location = (
        Location.objects.filter(
            kind=Location.Kind.BIN,
            role=role,
            is_active=True,
            parent__is_active=True,
            parent__parent=center,
            parent__parent__is_active=True,
        )
        .order_by("code")
        .first()
    )
    if location is None:
        raise StockError(
            _("%(center)s has no active %(role)s bin.") % {"center": center.code, "role": Location.Role(role).label},
            code="no_bin",
        )
    return location


def location_receiving_bin(*, center: Location) -> Location:
    """Where a receipt's good units land (the first active receiving bin)."""
    return _bin_with_role(center=center, role=Location.Role.RECEIVING)


def location_quarantine_bin(*, center: Location) -> Location:
    """Where damaged units land (the first active quarantine bin)."""
    return _bin_with_role(center=center, role=Location.Role.QUARANTINE)


def locations_of_center(*, center: Location) -> QuerySet:
    """Zones and bins of a center."""
    return Location.objects.filter(Q(parent=center) | Q(parent__parent=center)).order_by("code")


#: THE availability rule, for balances: units in a quarantine bin (damaged,
#: returned unsellable) are on hand but not for sale. The shop's stock
#: records (``stock_records_sync``), ``stock_available`` and the producer
#: portal all count with it, so the portal cannot show a unit the shop does
#: not sell.
SELLABLE = ~Q(location__role=Location.Role.QUARANTINE)


def available_sum():
    """Aggregate: sellable on hand minus reserved (reservations only ever
    hold sellable units)."""
    return Coalesce(Sum("on_hand", filter=SELLABLE), Value(0)) - Coalesce(Sum("reserved", filter=SELLABLE), Value(0))


def quarantined_sum():
    """Aggregate: units on hand in quarantine."""
    return Coalesce(Sum("on_hand", filter=~SELLABLE), Value(0))


def stock_available(*, product_id: int) -> int:
    """Units of a product that can be sold now: on hand minus reserved in
    sellable (non-quarantine) locations."""
    return StockBalance.objects.filter(product_id=product_id).aggregate(available=available_sum())["available"]


def balances_for_product(*, product_id: int) -> QuerySet:
    """Every non-empty balance of a product, with lot and bin, FEFO order."""
    return (
        StockBalance.objects.filter(product_id=product_id, on_hand__gt=0)
        .select_related("lot", "location")
        .annotate(available=F("on_hand") - F("reserved"))
        .order_by(F("lot__best_before").asc(nulls_last=True), "lot__received_at", "location__code")
    )


def balances_for_location(*, location: Location) -> QuerySet:
    return (
        StockBalance.objects.filter(location=location, on_hand__gt=0)
        .select_related("product", "lot", "owner")
        .order_by("product__title", "lot__code")
    )


def balances_for_owner(*, owner) -> QuerySet:
    """A producer's goods at the center: what its portal shows."""
    return (
        StockBalance.objects.filter(owner=owner, on_hand__gt=0)
        .select_related("product", "lot", "location")
        .order_by("product__title", "location__code")
    )


def lots_for_product(*, product_id: int) -> QuerySet:
    return Lot.objects.filter(product_id=product_id).order_by(
        F("best_before").asc(nulls_last=True), "received_at", "id"
    )


def movements_for_reference(*, reference_type: str, reference_id: str) -> QuerySet:
    return StockMovement.objects.filter(reference_type=reference_type, reference_id=reference_id).order_by(
        "created_at", "id"
    )


def movements_for_owner(*, owner) -> QuerySet:
    return (
        StockMovement.objects.filter(owner=owner)
        .select_related("product", "lot", "from_location", "to_location")
        .order_by("-created_at", "-id")
    )


def reservations_for_reference(*, reference: str) -> QuerySet:
    return Reservation.objects.filter(reference=reference).select_related("lot", "location").order_by("pk")


def pick_list_rows(*, references=None) -> QuerySet:
    """What to pick: the held (active or confirmed) reservation rows of the
    given references (all confirmed ones when None), in walking order: by
    bin code, then first-expiry-first-out, then product."""
    rows = Reservation.objects.select_related("product", "location", "lot")
    if references is None:
        rows = rows.filter(status=Reservation.Status.CONFIRMED)
    else:
        rows = rows.filter(reference__in=list(references), status__in=Reservation.HOLDING)
    return rows.order_by(
        "location__code", F("lot__best_before").asc(nulls_last=True), "lot__received_at", "product__title", "pk"
    )


def low_stock_records():
    """Oscar stock records of products the center has stocked whose available
    units (num_in_stock − num_allocated, sellable locations) are at or below
    the record's low_stock_threshold or INVENTORY_LOW_STOCK_DEFAULT."""
    return (
        StockRecord.objects.filter(Exists(StockBalance.objects.filter(product_id=OuterRef("product_id"))))
        .annotate(
            available_units=F("num_in_stock") - Coalesce(F("num_allocated"), Value(0)),
            threshold=Coalesce(F("low_stock_threshold"), Value(settings.INVENTORY_LOW_STOCK_DEFAULT)),
        )
        .filter(available_units__lte=F("threshold"))
        .select_related("product", "product__producer", "partner")
        .order_by("product__title", "pk")
    )


def expiring_balances(*, days: int | None = None, today=None) -> QuerySet:
    """Stock whose lot's best-before date is within ``days`` (default
    INVENTORY_EXPIRY_WARNING_DAYS) of today, or already past."""
    days = settings.INVENTORY_EXPIRY_WARNING_DAYS if days is None else days
    today = today or timezone.localdate()
    return (
        StockBalance.objects.filter(
            on_hand__gt=0, lot__best_before__isnull=False, lot__best_before__lte=today + timedelta(days=days)
        )
        .select_related("product", "lot", "location", "owner")
        .order_by("lot__best_before", "product__title", "location__code")
    )


def alert_count() -> int:
    """The badge on the inventory screens: low-stock products + expiring balances."""
    return low_stock_records().count() + expiring_balances().count()


def code_resolve(*, code: str) -> dict | None:
    """What a scanned barcode names: a product (UPC or stock record SKU), a
    zone or bin (its code) or a lot (its code, when only one product has
    it). Returns {"kind", "id", "code", "label"} or None if unknown or
    ambiguous. Used by the scan helper on the staff screens."""
    code = (code or "").strip()
    if not code or len(code) > 64:
        return None
    product = product_by_code(code=code)
    if product is not None:
        return {
            "kind": "product",
            "id": product.pk,
            "code": product.upc or code,
            "label": product.get_title(),
            "available": stock_available(product_id=product.pk),
        }
    location = Location.objects.filter(code__iexact=code, kind__in=[Location.Kind.ZONE, Location.Kind.BIN]).first()
    if location is not None:
        return {"kind": "bin", "id": location.pk, "code": location.code, "label": str(location)}
    lots = list(Lot.objects.filter(code__iexact=code).select_related("product")[:2])
    if len(lots) == 1:
        lot = lots[0]
        return {"kind": "lot", "id": lot.pk, "code": lot.code, "label": f"{lot} · {lot.product.get_title()}"}
    return None


#: How the producer portal groups its stock: the fields each grouping shows.
STOCK_GROUPINGS = {
    "product": ("product_id", "product__title", "product__upc"),
    "lot": ("product_id", "product__title", "lot__code", "lot__best_before"),
    "location": ("location__code", "product_id", "product__title"),
}


def stock_summary_for_owner(*, owner, by: str = "product") -> QuerySet:
    """A producer's goods at the center summed by product, by (product, lot)
    or by (bin, product): on hand, reserved, available (the shop's rule,
    ``available_sum``) and in quarantine, as dicts. One query whatever the
    number of rows."""
    fields = STOCK_GROUPINGS.get(by, STOCK_GROUPINGS["product"])
    return (
        StockBalance.objects.filter(owner=owner, on_hand__gt=0)
        .values(*fields)
        .annotate(
            on_hand_total=Sum("on_hand"),
            reserved_total=Sum("reserved"),
            available_total=available_sum(),
            quarantined_total=quarantined_sum(),
        )
        .order_by(*fields)
    )


def movements_filter(
    *, movements: QuerySet, product: str = "", owner=None, kind: str = "", date_from=None, date_to=None
) -> QuerySet:
    """Narrow a movement queryset: product title / UPC / SKU, owner (producer),
    kind, dates (local)."""
    if product:
        movements = movements.filter(product_id__in=product_ids_matching(text=product))
    if owner is not None:
        movements = movements.filter(owner=owner)
    if kind:
        movements = movements.filter(kind=kind)
    if date_from:
        movements = movements.filter(created_at__date__gte=date_from)
    if date_to:
        movements = movements.filter(created_at__date__lte=date_to)
    return movements


def receipts_for_producer(*, producer) -> QuerySet:
    """A producer's posted goods received notes, newest first (drafts are the
    center's work in progress and stay internal)."""
    return (
        Receipt.objects.filter(producer=producer, status=Receipt.Status.POSTED)
        .select_related("center", "posted_by")
        .annotate(line_count=Count("lines"), unit_count=Sum("lines__quantity"))
        .order_by("-posted_at", "-id")
    )


def counter_sale_unit_prices(*, product_ids) -> dict[int, Decimal]:
    """The price the counter charges for each product: what the web shop
    charges (the partner strategy's price incl. VAT), 0.00 for a product
    without a price. One strategy lookup per product."""
    strategy = get_class("partner.strategy", "Selector")().strategy()
    prices: dict[int, Decimal] = {}
    for product in Product.objects.filter(pk__in=set(product_ids)):
        price = getattr(strategy.fetch_for_product(product), "price", None)
        exists = price is not None and getattr(price, "exists", False)
        prices[product.pk] = price.incl_tax if exists else Decimal("0.00")
    return prices


def counter_sale_receipt_lines(*, sale) -> list[dict]:
    """The receipt's lines: product title, quantity, unit price and line
    total as sold. Sales recorded before the counter stored its lines are
    rebuilt from the ledger at today's price (the best there is)."""
    lines = [
        {"title": line.title, "quantity": line.quantity, "unit_price": line.unit_price, "line_total": line.line_total}
        for line in sale.lines.all()
    ]
    if lines:
        return lines
    ref_type, ref_id = sale.reference.split(":", 1)
    units: dict[int, int] = {}
    products = {}
    for movement in movements_for_reference(reference_type=ref_type, reference_id=ref_id).select_related("product"):
        # A reversal of the sale puts units back (to_location): it counts negative.
        signed = movement.quantity if movement.from_location_id else -movement.quantity
        units[movement.product_id] = units.get(movement.product_id, 0) + signed
        products[movement.product_id] = movement.product
    prices = counter_sale_unit_prices(product_ids=units)
    return [
        {
            "title": products[pid].get_title(),
            "quantity": qty,
            "unit_price": prices.get(pid, 0),
            "line_total": prices.get(pid, 0) * qty,
        }
        for pid, qty in units.items()
        if qty
    ]


def counter_sale_units_for_owner(*, owner) -> QuerySet:
    """A producer's goods sold at the center's counter, as they are posted:
    one dict per (counter sale, product) with the units net of reversals
    (``units``) and the time of sale (``sold_at``), newest first. Only sales
    of the counter screen (reference ``counter_sale:<id>``). One query."""
    signed = Case(  # a reversal of a sale puts the units back: it counts negative
        When(from_location__isnull=False, then=F("quantity")), default=F("quantity") * -1, output_field=IntegerField()
    )
    return (
        StockMovement.objects.filter(
            owner=owner,
            kind=StockMovement.Kind.COUNTER_SALE,
            reference_type="counter_sale",
            reference_id__regex=r"^[0-9]+$",
        )
        .values("reference_id", "product_id")
        .annotate(units=Sum(signed), sold_at=Min("created_at"))
        .filter(units__gt=0)
        .order_by("-sold_at", "-reference_id", "product_id")
    )


# --- Products by code or text (scan fields, filters) -------------------------


def product_by_code(*, code: str):
    """The product whose UPC or stock record SKU is ``code``; None if none
    has it or more than one does (a scan must name one product)."""
    code = (code or "").strip()
    if not code:
        return None
    found = list(Product.objects.filter(Q(upc__iexact=code) | Q(stockrecords__partner_sku__iexact=code)).distinct()[:2])
    return found[0] if len(found) == 1 else None


def product_ids_matching(*, text: str) -> QuerySet:
    """Products whose title, English title, UPC or SKU matches ``text``, as a
    subquery of ids (for ``product_id__in``)."""
    text = text.strip()
    skus = StockRecord.objects.filter(partner_sku__iexact=text).values("product_id")
    return Product.objects.filter(
        Q(title__icontains=text) | Q(title_en__icontains=text) | Q(upc__iexact=text) | Q(pk__in=skus)
    ).values("pk")


def products_by_id(*, ids) -> dict[int, object]:
    """{pk: product} for the ids that exist (unknown ids are left out)."""
    return {product.pk: product for product in Product.objects.filter(pk__in=list(ids))}


# --- Locations (scan fields, labels, the home screen) ------------------------


def location_by_code(*, code: str) -> Location | None:
    """The location (center, zone or bin) whose code is ``code``, any case."""
    return Location.objects.filter(code__iexact=(code or "").strip()).first()


def location_holds_stock(*, location: Location) -> bool:
    """Units are booked on the location itself (not on its bins)."""
    return StockBalance.objects.filter(location=location, on_hand__gt=0).exists()


def zones_active() -> QuerySet:
    """Every active zone, by code (the inventory home screen)."""
    return Location.objects.filter(kind=Location.Kind.ZONE, is_active=True).order_by("code")


def bins_active(*, zone: Location | None = None) -> QuerySet:
    """Active bins by code, all of them or those of one zone."""
    bins = Location.objects.filter(kind=Location.Kind.BIN, is_active=True).order_by("code")
    return bins if zone is None else bins.filter(parent=zone)


# --- Stock browser and movement history (staff screens) ----------------------


def balances_browse(*, product: str = "", bin_code: str = "", owner=None, lot_code: str = "") -> QuerySet:
    """Non-empty balances with ``available_units``, by product title, bin and
    lot, narrowed by product text (title / UPC / SKU), a bin's or zone's code,
    owner (producer) and lot code; an empty filter narrows nothing."""
    balances = (
        StockBalance.objects.filter(on_hand__gt=0)
        .select_related("product", "location", "lot", "owner")
        .annotate(available_units=F("on_hand") - F("reserved"))
        .order_by("product__title", "location__code", "lot__code", "pk")
    )
    if product:
        balances = balances.filter(product_id__in=product_ids_matching(text=product))
    if bin_code:
        code = bin_code.strip()
        balances = balances.filter(Q(location__code__iexact=code) | Q(location__parent__code__iexact=code))
    if owner is not None:
        balances = balances.filter(owner=owner)
    if lot_code:
        balances = balances.filter(lot__code__iexact=lot_code.strip())
    return balances


def movements_all() -> QuerySet:
    """The whole ledger, newest first, with what the history screen and its
    CSV show (narrow it with ``movements_filter``)."""
    return StockMovement.objects.select_related(
        "product", "owner", "lot", "from_location", "to_location", "user"
    ).order_by("-created_at", "-id")


def lot_by_code(*, product, code: str) -> Lot | None:
    """The product's lot with this code, any case."""
    return Lot.objects.filter(product=product, code__iexact=code.strip()).first()


def lot_ids_in_location(*, product, location: Location, limit: int = 2) -> list[int]:
    """Up to ``limit`` ids of the product's lots with units on hand in the location."""
    return list(
        StockBalance.objects.filter(product=product, location=location, on_hand__gt=0).values_list("lot_id", flat=True)[
            :limit
        ]
    )


def lot_in_location(*, product, location: Location, lot: Lot) -> bool:
    """Units of this lot of the product are on hand in the location."""
    return StockBalance.objects.filter(product=product, location=location, lot=lot, on_hand__gt=0).exists()


def lot_get(*, pk: int) -> Lot:
    return Lot.objects.get(pk=pk)


# --- Goods received notes, count sheets, counter sales (staff screens) -------


def receipts_for_staff(*, status: str | None = None) -> QuerySet:
    """Every goods received note (drafts too), newest first, with its number
    of lines and units; only those of ``status`` if it is a known status."""
    receipts = (
        Receipt.objects.select_related("producer", "posted_by", "created_by")
        .annotate(line_count=Count("lines"), unit_count=Sum("lines__quantity"))
        .order_by("-created_at", "-id")
    )
    return receipts.filter(status=status) if status in Receipt.Status.values else receipts


def receipts_with_people() -> QuerySet:
    """Receipts with their producer, center and the staff who drafted and
    posted them (a receipt's detail, post, print screens)."""
    return Receipt.objects.select_related("producer", "center", "posted_by", "created_by")


def receipt_lines(*, receipt: Receipt) -> QuerySet:
    """A receipt's lines with product and lot, in the order they were entered."""
    return receipt.lines.select_related("product", "lot").order_by("pk")


def count_sheets_for_staff(*, status: str | None = None) -> QuerySet:
    """Count sheets, newest first; only those of ``status`` if it is a known status."""
    sheets = count_sheets_with_people().order_by("-created_at", "-id")
    return sheets.filter(status=status) if status in CountSheet.Status.values else sheets


def count_sheets_with_people() -> QuerySet:
    """Count sheets with their zone or bin and the staff who opened and submitted them."""
    return CountSheet.objects.select_related("location", "created_by", "submitted_by")


def count_lines(*, sheet: CountSheet) -> list:
    """A sheet's lines with product, lot and bin, by bin code."""
    return list(sheet.lines.select_related("product", "lot", "location").order_by("location__code", "pk"))


def counter_sales_with_people() -> QuerySet:
    """Counter sales with the staff member who recorded each."""
    return CounterSale.objects.select_related("created_by")


# --- Who hears about stock ---------------------------------------------------


def center_alert_emails() -> list[str]:
    """Where the center's stock alerts go: INVENTORY_ALERT_EMAILS and every
    active center staff member and manager with an address."""
    emails = set(getattr(settings, "INVENTORY_ALERT_EMAILS", []) or [])
    emails.update(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[CENTER_STAFF, CENTER_MANAGER])
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(emails)


def producer_contact_emails(*, producer) -> list[str]:
    """The producer's own address and its active portal members' addresses."""
    emails = {producer.email} if producer.email else set()
    if producer.partner_id:
        emails.update(producer.partner.users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    return sorted(emails)
