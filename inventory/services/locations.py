"""Zones and bins of a center."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..exceptions import StockError
from ..models import Location


def location_create(
    *, parent: Location, code: str, name_th: str, name_en: str = "", role: str | None = None
) -> Location:
    """Add a zone under a center or a bin under a zone.

    The kind follows from the parent. A zone takes ``role`` (default
    storage); a bin always takes its zone's role, so "is this stock
    sellable?" stays a plain filter on the bin. Writes no stock.
    """
    if not isinstance(parent, Location) or parent.pk is None:
        raise StockError(_("Unknown parent location."), code="unknown_location")
    if not parent.is_active:
        raise StockError(_("%(code)s is inactive.") % {"code": parent.code}, code="inactive_location")
    code = (code or "").strip().upper()
    if not code or len(code) > 32:
        raise StockError(_("A location code has 1 to 32 characters."), code="bad_code")
    if not (name_th or "").strip():
        raise StockError(_("A location needs a Thai name."), code="name_required")
    if parent.kind == Location.Kind.CENTER:
        kind = Location.Kind.ZONE
        role = role or Location.Role.STORAGE
        if role not in Location.Role.values:
            raise StockError(_("Unknown role %(r)r.") % {"r": role}, code="bad_role")
    elif parent.kind == Location.Kind.ZONE:
        kind = Location.Kind.BIN
        if role is not None and role != parent.role:
            raise StockError(
                _("A bin takes its zone's role (%(role)s).") % {"role": parent.get_role_display()}, code="bad_role"
            )
        role = parent.role
    else:
        raise StockError(_("Bins cannot hold other locations."), code="bad_location")
    try:
        with transaction.atomic():
            return Location.objects.create(
                parent=parent, code=code, name_th=name_th.strip(), name_en=(name_en or "").strip(), kind=kind, role=role
            )
    except IntegrityError:
        raise StockError(_("Location code %(code)s is already used.") % {"code": code}, code="duplicate_code") from None
