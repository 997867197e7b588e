"""Cycle counts: a count sheet per zone or bin (open → submitted → posted).

* ``count_sheet_open`` snapshots what the ledger says is in the zone or bin;
  the expected quantities stay on the server (blind counts never see them).
* ``count_sheet_submit`` records the counted quantities. If no line's
  variance is above settings.INVENTORY_COUNT_APPROVAL_THRESHOLD (units
  and/or THB value) the sheet is posted at once; otherwise it waits for a
  center manager. A manager's own submission is its approval.
* ``count_sheet_approve`` (center managers only) posts a submitted sheet;
  ``count_sheet_cancel`` drops it (count again on a new sheet).

Posting writes one count_variance movement per line that differs, all in
one transaction, each refused if stock moved since the sheet was opened
(``count_variance_post(expected_on_hand=...)``): then nothing is posted and
the sheet stays as it was. Each state change is a conditional update of the
sheet's status, so posting twice (double click, two managers) is refused.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..exceptions import StockError
from ..models import CountLine, CountSheet, Location, StockBalance
from ..permissions import user_is_center_manager
from .ledger import quantity_check
from .movements import count_variance_post
from .tokens import form_token_claim, form_token_done

StockRecord = get_model("partner", "StockRecord")


def count_approval_threshold() -> tuple[int | None, Decimal | None]:
    """(units, value in THB) from settings; None switches that limit off."""
    raw = getattr(settings, "INVENTORY_COUNT_APPROVAL_THRESHOLD", {}) or {}
    units = raw.get("units")
    value = raw.get("value")
    return (None if units is None else int(units), None if value is None else Decimal(str(value)))


def count_line_needs_approval(*, line: CountLine) -> bool:
    """A variance of more than the unit limit, or worth more than the value limit."""
    if line.variance in (None, 0):
        return False
    units, value = count_approval_threshold()
    if units is not None and abs(line.variance) > units:
        return True
    return value is not None and abs(line.variance) * line.unit_value > value


def count_sheet_open(*, location: Location, blind: bool = False, user=None, token=None) -> CountSheet:
    """Open a count sheet for a zone (all its bins) or a bin, listing every
    (product, bin, lot) with stock on hand and its expected quantity."""
    if not isinstance(location, Location) or location.pk is None:
        raise StockError(_("Unknown bin or zone."), code="unknown_location")
    if location.kind not in (Location.Kind.ZONE, Location.Kind.BIN):
        raise StockError(_("Count a zone or a bin, not %(code)s.") % {"code": location.code}, code="bad_location")
    with transaction.atomic():
        claimed = form_token_claim(token=token, user=user) if token is not None else None
        sheet = CountSheet.objects.create(location=location, blind=bool(blind), created_by=user)
        balances = (
            StockBalance.objects.filter(Q(location=location) | Q(location__parent=location), on_hand__gt=0)
            .order_by("location__code", "product_id", "lot_id")
            .values_list("product_id", "location_id", "lot_id", "on_hand")
        )
        CountLine.objects.bulk_create(
            [
                CountLine(sheet=sheet, product_id=p, location_id=loc, lot_id=lot, expected=on_hand)
                for p, loc, lot, on_hand in balances
            ]
        )
        if claimed is not None:
            form_token_done(claimed=claimed, reference=sheet.reference)
    return sheet


def _unit_values(product_ids) -> dict[int, Decimal]:
    """Price incl. VAT of each product's producer stock record (lowest pk)."""
    values: dict[int, Decimal] = {}
    for product_id, price in (
        StockRecord.objects.filter(product_id__in=set(product_ids), price__isnull=False)
        .order_by("-pk")
        .values_list("product_id", "price")
    ):
        values[product_id] = price  # the lowest pk wins (iterated last)
    return values


def _post(*, sheet: CountSheet, lines: list[CountLine], user) -> int:
    """Post the variances of a sheet (caller holds the sheet's status claim)."""
    posted = 0
    for line in lines:
        if line.counted is None:
            continue
        moved = count_variance_post(
            product=line.product,
            lot=line.lot,
            location=line.location,
            counted=line.counted,
            expected_on_hand=line.expected,
            user=user,
            reference=sheet.reference,
            reason=_("cycle count %(number)s") % {"number": sheet.number},
        )
        posted += moved is not None
    return posted


def _claim(*, sheet: CountSheet, from_status: str, **changes) -> None:
    claimed = CountSheet.objects.filter(pk=sheet.pk, status=from_status).update(**changes)
    if claimed != 1:
        current = CountSheet.objects.filter(pk=sheet.pk).values_list("status", flat=True).first()
        if current == CountSheet.Status.POSTED:
            message = _("Count %(number)s was already posted; nothing was changed.")
        elif current == CountSheet.Status.SUBMITTED:
            message = _("Count %(number)s was already submitted; nothing was changed.")
        else:
            message = _("Count %(number)s is %(status)s; nothing was changed.")
        raise StockError(
            message % {"number": sheet.number, "status": CountSheet.Status(current).label if current else "-"},
            code="count_already_" + (current or "gone"),
        )
    for name, value in changes.items():
        setattr(sheet, name, value)


def _lines(sheet: CountSheet) -> list[CountLine]:
    return list(sheet.lines.select_related("product", "lot", "location").order_by("location__code", "pk"))


def count_sheet_submit(*, sheet: CountSheet, counted: dict[int, int | None], user) -> CountSheet:
    """Record the counted quantities ({line id: units, or None if not
    counted}) and post them, unless a variance needs a manager's approval.
    Returns the sheet (status posted or submitted). Bad input (a negative or
    non-whole count, a line of another sheet) raises StockError, nothing changes."""
    lines = _lines(sheet)
    by_id = {line.pk: line for line in lines}
    unknown = set(counted) - set(by_id)
    if unknown:
        raise StockError(_("These lines are not on count %(n)s.") % {"n": sheet.number}, code="unknown_line")
    for line_id, value in counted.items():
        if value is not None:
            try:
                quantity_check(value, allow_zero=True)
            except StockError:
                line = by_id[line_id]
                raise StockError(
                    _("%(bin)s, %(product)s: enter a whole number of 0 or more.")
                    % {"bin": line.location.code, "product": line.product.get_title()},
                    code="bad_quantity",
                ) from None
        by_id[line_id].counted = value
    if all(line.counted is None for line in lines):
        raise StockError(_("Enter at least one counted quantity."), code="no_lines")
    values = _unit_values(line.product_id for line in lines)
    for line in lines:
        line.unit_value = values.get(line.product_id, Decimal("0"))
    needs_approval = any(count_line_needs_approval(line=line) for line in lines)
    is_manager = user_is_center_manager(user)
    now = timezone.now()
    with transaction.atomic():
        _claim(
            sheet=sheet,
            from_status=CountSheet.Status.OPEN,
            status=CountSheet.Status.SUBMITTED,
            submitted_by=user,
            submitted_at=now,
            needs_approval=needs_approval,
        )
        CountLine.objects.bulk_update(lines, ["counted", "unit_value"])
        if not needs_approval or is_manager:
            changes = {"status": CountSheet.Status.POSTED, "posted_at": now}
            if needs_approval:
                changes.update(approved_by=user, approved_at=now)
            _claim(sheet=sheet, from_status=CountSheet.Status.SUBMITTED, **changes)
            _post(sheet=sheet, lines=lines, user=user)
    return sheet


def count_sheet_approve(*, sheet: CountSheet, user) -> int:
    """A center manager approves a submitted sheet: its variances are posted.
    Returns the number of variance movements. Center staff are refused."""
    if not user_is_center_manager(user):
        raise StockError(
            _("Only a center manager can approve count variances above the threshold."), code="needs_manager"
        )
    now = timezone.now()
    with transaction.atomic():
        _claim(
            sheet=sheet,
            from_status=CountSheet.Status.SUBMITTED,
            status=CountSheet.Status.POSTED,
            approved_by=user,
            approved_at=now,
            posted_at=now,
        )
        return _post(sheet=sheet, lines=_lines(sheet), user=user)


def count_sheet_cancel(*, sheet: CountSheet, user, note: str = "") -> CountSheet:
    """Drop an open sheet (its counter) or a submitted one (a center manager
    rejecting the count): nothing is posted; count again on a new sheet."""
    current = CountSheet.objects.filter(pk=sheet.pk).values_list("status", flat=True).first()
    if current == CountSheet.Status.SUBMITTED and not user_is_center_manager(user):
        raise StockError(_("Only a center manager can reject a submitted count."), code="needs_manager")
    from_status = (
        current if current in (CountSheet.Status.OPEN, CountSheet.Status.SUBMITTED) else CountSheet.Status.OPEN
    )
    _claim(sheet=sheet, from_status=from_status, status=CountSheet.Status.CANCELLED, note=(note or "")[:255])
    return sheet
