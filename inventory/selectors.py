"""Reads of inventory data. Nothing here writes; nothing here locks."""

from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from .exceptions import StockError
from .models import Location, Lot, Reservation, StockBalance, StockMovement

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
            _("%(center)s has no active %(role)s bin.")
            % {"center": center.code, "role": Location.Role(role).label},
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
    from django.conf import settings
    from django.db.models import Exists, OuterRef, Value
    from django.db.models.functions import Coalesce
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
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
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    days = settings.INVENTORY_EXPIRY_WARNING_DAYS if days is None else days
    today = today or timezone.localdate()
    return (
        StockBalance.objects.filter(on_hand__gt=0, lot__best_before__isnull=False,
                                    lot__best_before__lte=today + timedelta(days=days))
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
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    code = (code or "").strip()
    if not code or len(code) > 64:
        return None
    products = list(
        Product.objects.filter(Q(upc__iexact=code) | Q(stockrecords__partner_sku__iexact=code)).distinct()[:2]
    )
    if len(products) == 1:
        product = products[0]
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


def movements_filter(*, movements: QuerySet, product: str = "", kind: str = "", date_from=None, date_to=None) -> QuerySet:
    """Narrow a movement queryset: product title / UPC / SKU, kind, dates (local)."""
    from oscar.core.loading import get_model

    if product:
        text = product.strip()
        Product = get_model("catalogue", "Product")
        StockRecord = get_model("partner", "StockRecord")
        skus = StockRecord.objects.filter(partner_sku__iexact=text).values("product_id")
        movements = movements.filter(
            product_id__in=Product.objects.filter(
                Q(title__icontains=text) | Q(title_en__icontains=text) | Q(upc__iexact=text) | Q(pk__in=skus)
            ).values("pk")
        )
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
    from django.db.models import Count

    from .models import Receipt

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
    from oscar.core.loading import get_class, get_model

    Product = get_model("catalogue", "Product")
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
    from django.db.models import Case, IntegerField, Min, When

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
