"""Cycle counts: a count sheet per zone or bin, blind option, manager approval
for large variances. Each line is posted with ``count_variance_post`` and the
quantity the sheet showed (``expected_on_hand``), all lines in one
transaction: if stock moved since the sheet (or the sheet is posted a second
time) the whole count is refused and nothing changes."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..exceptions import StockError
from ..models import Location, StockBalance
from ..services import CountedLine, count_sheet_post
from .access import inventory_view, user_is_center_manager


def _balances(location):
    return (
        StockBalance.objects.filter(on_hand__gt=0)
        .filter(location__in=Location.objects.filter(pk=location.pk) | Location.objects.filter(parent=location))
        .select_related("product", "lot", "location")
        .order_by("location__code", "product__title", "lot__code", "pk")
    )


@inventory_view(write=True)
def count_sheet(request, code):
    location = get_object_or_404(Location, code=code, kind__in=[Location.Kind.ZONE, Location.Kind.BIN])
    blind = request.GET.get("blind") == "1" or request.POST.get("blind") == "1"
    balances = list(_balances(location))
    if request.method == "POST":
        lines, errors = [], []
        for b in balances:
            raw = request.POST.get(f"counted-{b.pk}", "").strip()
            expected = request.POST.get(f"expected-{b.pk}", "").strip()
            if raw == "":
                continue
            if not raw.isdigit() or not expected.isdigit():
                errors.append(_("%(bin)s, %(product)s: enter a whole number of 0 or more.")
                              % {"bin": b.location.code, "product": b.product.get_title()})
                continue
            lines.append((b, int(raw), int(expected)))
        if not errors:
            try:
                posted = count_sheet_post(
                    location=location,
                    lines=[CountedLine(balance=b, counted=c, expected=e) for b, c, e in lines],
                    user=request.user,
                    may_approve=user_is_center_manager(request.user),
                )
            except StockError as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("Count posted: %(n)d variance(s).") % {"n": posted})
                return redirect("inventory:movement-list")
        for error in errors:
            messages.error(request, error)
    return render(
        request,
        "inventory/count_sheet.html",
        {"location": location, "balances": balances, "blind": blind,
         "is_manager": user_is_center_manager(request.user),
         "threshold": settings.INVENTORY_VARIANCE_APPROVAL_THRESHOLD},
    )
