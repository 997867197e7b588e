"""Cycle counts: open a sheet for a zone or bin (blind or not), enter the
counts, submit; a center manager approves large variances. The rules are in
inventory.services.counts; these views parse input and show the outcome."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..exceptions import FormAlreadySubmitted, StockError
from ..forms import CountOpenForm
from ..models import CountSheet
from ..selectors import count_lines, count_sheets_for_staff, count_sheets_with_people
from ..services import (
    count_approval_threshold,
    count_line_needs_approval,
    count_sheet_approve,
    count_sheet_cancel,
    count_sheet_open,
    count_sheet_submit,
)
from .access import inventory_view, user_is_center_manager


@inventory_view()
def count_list(request):
    """The sheets (submitted ones first, for the manager) and the form to open one."""
    form = CountOpenForm(request.POST or None, initial={"location": request.GET.get("location", "")})
    if request.method == "POST" and form.is_valid():
        try:
            sheet = count_sheet_open(
                location=form.cleaned_data["location"],
                blind=form.cleaned_data["blind"],
                user=request.user,
                token=form.cleaned_data["token"],
            )
        except FormAlreadySubmitted as exc:
            messages.error(request, str(exc))
            if exc.reference.startswith("count:"):
                return redirect("inventory:count-detail", pk=int(exc.reference.split(":", 1)[1]))
        except StockError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("inventory:count-detail", pk=sheet.pk)
    status = request.GET.get("status")
    page = Paginator(count_sheets_for_staff(status=status), 25).get_page(request.GET.get("page"))
    units, value = count_approval_threshold()
    return render(
        request,
        "inventory/count_list.html",
        {
            "form": form,
            "page_obj": page,
            "status": status,
            "statuses": CountSheet.Status.choices,
            "units": units,
            "value": value,
        },
    )


def _sheet(pk):
    return get_object_or_404(count_sheets_with_people(), pk=pk)


@inventory_view()
def count_detail(request, pk):
    sheet = _sheet(pk)
    lines = count_lines(sheet=sheet)
    # While counting, a blind sheet shows no expected quantity at all (not
    # even in hidden inputs: the server keeps them on the lines).
    show_expected = not (sheet.blind and sheet.status == CountSheet.Status.OPEN)
    rows = [
        {
            "line": line,
            "expected": line.expected if show_expected else None,
            "needs_approval": count_line_needs_approval(line=line),
        }
        for line in lines
    ]
    units, value = count_approval_threshold()
    return render(
        request,
        "inventory/count_sheet.html",
        {
            "sheet": sheet,
            "rows": rows,
            "show_expected": show_expected,
            "is_manager": user_is_center_manager(request.user),
            "units": units,
            "value": value,
        },
    )


def _counted(request, sheet) -> tuple[dict[int, int | None], list[str]]:
    counted, errors = {}, []
    for line in count_lines(sheet=sheet):
        raw = request.POST.get(f"counted-{line.pk}", "").strip()
        if raw == "":
            counted[line.pk] = None
        elif raw.isdigit():
            counted[line.pk] = int(raw)
        else:
            errors.append(
                _("%(bin)s, %(product)s: enter a whole number of 0 or more.")
                % {"bin": line.location.code, "product": line.product.get_title()}
            )
    return counted, errors


@require_POST
@inventory_view(write=True)
def count_submit(request, pk):
    sheet = _sheet(pk)
    counted, errors = _counted(request, sheet)
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect("inventory:count-detail", pk=sheet.pk)
    try:
        count_sheet_submit(sheet=sheet, counted=counted, user=request.user)
    except StockError as exc:
        messages.error(request, str(exc))
    else:
        if sheet.status == CountSheet.Status.POSTED:
            messages.success(request, _("%(number)s posted.") % {"number": sheet.number})
        else:
            messages.warning(
                request,
                _("%(number)s submitted: some variances are above the limit and need a center manager's approval.")
                % {"number": sheet.number},
            )
    return redirect("inventory:count-detail", pk=sheet.pk)


@require_POST
@inventory_view(write=True)
def count_approve(request, pk):
    sheet = _sheet(pk)
    try:
        posted = count_sheet_approve(sheet=sheet, user=request.user)
    except StockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(number)s approved and posted: %(n)d variance(s).") % {"number": sheet.number, "n": posted}
        )
    return redirect("inventory:count-detail", pk=sheet.pk)


@require_POST
@inventory_view(write=True)
def count_cancel(request, pk):
    sheet = _sheet(pk)
    try:
        count_sheet_cancel(sheet=sheet, user=request.user, note=request.POST.get("note", ""))
    except StockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(number)s cancelled: nothing was posted.") % {"number": sheet.number})
    return redirect("inventory:count-detail", pk=sheet.pk)
