"""Office report, exports and settlement screens (/dashboard/reports/otop/),
and the producer portal's statements page.

Views parse input, call a selector or a service and show the outcome. Bad
input (a period key, a month, a form) gives a message and changes nothing.
Office pages need ``otop_reports.view_office_report`` (settlements also
``manage_settlements``); the portal page is scoped to the member's producer
through ``catalog.producers.selectors.producer_for_user`` (another producer's
statement is simply not found: 404)."""

from __future__ import annotations

import datetime as dt
import re
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from catalog.producers.selectors import producer_for_user, producers_for_user, user_is_office
from catalog.producers.views.portal import SESSION_PRODUCER as PORTAL_SESSION_PRODUCER
from shop.common import fiscal

from . import exports, layout, selectors, services
from .models import ReportExport, SettlementStatement
from .settlements import selectors as settlement_selectors

VIEW_PERM = "otop_reports.view_office_report"
MANAGE_PERM = "otop_reports.manage_settlements"
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _staff_with(*perms):
    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
            if not (request.user.is_active and request.user.is_staff and request.user.has_perms(perms)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _period_choices(current: fiscal.FiscalQuarter) -> list[tuple[str, str]]:
    quarters, q = [], current
    for _i in range(8):
        quarters.append((q.key, q.label()))
        q = q.previous()
    years = [(fy.key, fy.label()) for fy in (current.fiscal_year, current.fiscal_year.previous())]
    return quarters + years


def _period_from_request(request) -> fiscal.Period:
    current = fiscal.current_quarter()
    key = request.GET.get("period", "")
    if not key:
        return current
    try:
        period = fiscal.period_from_key(key)
    except fiscal.PeriodKeyInvalid as exc:
        messages.error(request, str(exc))
        return current
    if period.start > timezone.now():
        messages.warning(
            request, _("%(period)s has not started yet; showing the current quarter.") % {"period": period.label()}
        )
        return current
    return period


@_staff_with(VIEW_PERM)
@require_GET
def report_dashboard(request):
    period = _period_from_request(request)
    report = layout.report_charts_draw(report=layout.office_report(period=period))
    recent_exports = selectors.report_exports_recent(period_key=period.key)
    export_id = request.GET.get("export", "")
    return render(
        request,
        "reports/dashboard.html",
        {
            "report": report,
            "period": period,
            "tab": "report",
            "period_choices": _period_choices(fiscal.current_quarter()),
            "exports": recent_exports,
            # The export just asked for: the page's script polls it and starts
            # the download when it is ready; without script, the page moves on
            # to the export's own page (report_export_page), which does.
            "export_id": export_id if export_id.isdigit() else "",
        },
    )


@_staff_with(VIEW_PERM)
@require_POST
def report_export_create(request):
    period_key = request.POST.get("period", "")
    try:
        export = services.report_export_request(
            user=request.user,
            period_key=period_key,
            file_format=request.POST.get("format", ""),
            language=(get_language() or "th")[:8],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("otop-reports:dashboard"))
    messages.info(request, _("The export is being prepared; it will be listed below when ready."))
    return redirect(f"{reverse('otop-reports:dashboard')}?period={export.period_key}&export={export.pk}")


def _export_status_payload(export: ReportExport) -> dict:
    return {
        "id": export.pk,
        "status": export.status,
        "status_label": export.get_status_display(),
        "progress": export.progress,
        "finished": export.status in (ReportExport.Status.DONE, ReportExport.Status.FAILED),
        "download_url": reverse("otop-reports:export-download", args=[export.pk])
        if export.status == ReportExport.Status.DONE
        else "",
        "error": _("The export failed; please try again.") if export.status == ReportExport.Status.FAILED else "",
    }


@_staff_with(VIEW_PERM)
@require_GET
def report_export_status(request, pk: int):
    export = _export_or_404(pk=pk)
    return JsonResponse(_export_status_payload(export))


@_staff_with(VIEW_PERM)
@require_GET
def report_export_page(request, pk: int):
    """The export's own page, for browsers without script: it refreshes
    itself while the file is being made, then refreshes once more to the
    download URL, so the file downloads when ready with no click."""
    export = _export_or_404(pk=pk)
    return render(
        request,
        "reports/export_page.html",
        {
            "tab": "report",
            "export": export,
            "status": _export_status_payload(export),
            "period_label": _period_label(export.period_key),
        },
    )


def _export_or_404(*, pk: int, done: bool = False) -> ReportExport:
    export = selectors.report_export_for(pk=pk, done=done)
    if export is None:
        raise Http404
    return export


def _period_label(key: str) -> str:
    try:
        return fiscal.period_from_key(key).label()
    except fiscal.PeriodKeyInvalid:
        return key


@_staff_with(VIEW_PERM)
@require_GET
def report_export_download(request, pk: int):
    export = _export_or_404(pk=pk, done=True)
    if not export.file:
        raise Http404
    name = f"otop-report-{export.period_key}.{export.format}"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=name)


# --- Settlements (office) -----------------------------------------------------------------


def _month_from(value: str, *, default: fiscal.Month) -> fiscal.Month | None:
    if not value:
        return default
    match = _MONTH_RE.match(value.strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2200:
        return None
    return fiscal.Month(int(match[1]), int(match[2]))


@_staff_with(VIEW_PERM, MANAGE_PERM)
def settlement_list(request):
    last_month = fiscal.month_of(timezone.now()).previous()
    month = _month_from(request.GET.get("month") or request.POST.get("month", ""), default=last_month)
    if month is None:
        messages.error(request, _("Choose a month as YYYY-MM, for example 2025-01."))
        month = last_month
    if request.method == "POST":
        try:
            count = services.settlements_generate(month=month)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(count)s statements drafted or up to date for %(month)s.")
                % {"count": count, "month": month.label()},
            )
        return redirect(f"{reverse('otop-reports:settlement-list')}?month={month.key}")
    statements = settlement_selectors.statements_of_month(month=month)
    this_month = fiscal.month_of(timezone.now())
    return render(
        request,
        "reports/settlement_list.html",
        {
            "tab": "settlements",
            # Earlier months whose sales wait for their own month's statement
            # (the period rule, docs/reports.md): named so none is forgotten.
            "unsettled_months": [
                m for m in settlement_selectors.months_with_unsettled_lines(before=this_month) if m != month
            ],
            "month": month,
            "statements": statements,
            "previous_month": month.previous(),
            "next_month": month.next(),
        },
    )


@_staff_with(VIEW_PERM, MANAGE_PERM)
def settlement_detail(request, pk: int):
    statement = _statement_or_404(pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.settlement_approve(statement=statement, user=request.user)
                messages.success(request, _("Statement approved."))
            elif action == "paid":
                try:
                    paid_on = dt.date.fromisoformat(request.POST.get("paid_on", ""))
                except ValueError:
                    paid_on = None
                services.settlement_mark_paid(
                    statement=statement, user=request.user, reference=request.POST.get("reference", ""), paid_on=paid_on
                )
                messages.success(request, _("Statement marked as paid."))
            elif action == "regenerate":
                services.settlement_generate(producer=statement.producer, month=fiscal.month_of(statement.period_start))
                messages.success(request, _("Draft regenerated."))
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        if not settlement_selectors.statement_exists(pk=pk):
            return redirect(reverse("otop-reports:settlement-list"))
        return redirect(reverse("otop-reports:settlement-detail", args=[pk]))
    account = getattr(statement.producer, "bank_account", None)
    lines = list(settlement_selectors.statement_lines(statement=statement, with_products=True))
    return render(
        request,
        "reports/settlement_detail.html",
        {
            "tab": "settlements",
            "statement": statement,
            "lines": [line for line in lines if not line.is_carried_over],
            "carried_over": [line for line in lines if line.is_carried_over],
            "bank_account_masked": str(account) if account else "",
            "today": timezone.localdate(),
        },
    )


def _statement_or_404(*, pk: int, producer=None) -> SettlementStatement:
    statement = settlement_selectors.statement_for(pk=pk, producer=producer)
    if statement is None:
        raise Http404
    return statement


def _statement_pdf_response(statement: SettlementStatement) -> HttpResponse:
    account = getattr(statement.producer, "bank_account", None)
    content = exports.statement_pdf(
        statement,
        settlement_selectors.statement_lines(statement=statement),
        bank_account_masked=str(account) if account else "",
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement.number}.pdf"'
    return response


@_staff_with(VIEW_PERM, MANAGE_PERM)
@require_GET
def settlement_pdf(request, pk: int):
    return _statement_pdf_response(_statement_or_404(pk=pk))


@_staff_with(VIEW_PERM, MANAGE_PERM)
@require_GET
def settlement_batch_csv(request):
    month = _month_from(request.GET.get("month", ""), default=fiscal.month_of(timezone.now()).previous())
    if month is None:
        messages.error(request, _("Choose a month as YYYY-MM, for example 2025-01."))
        return redirect(reverse("otop-reports:settlement-list"))
    statements = settlement_selectors.statements_approved_of_month(month=month)
    content, missing = services.settlement_payment_batch_csv(statements=statements)
    if missing:
        messages.warning(
            request,
            _("Left out of the batch, no bank account: %(names)s")
            % {"names": ", ".join(s.producer.name_th for s in missing)},
        )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payment-batch-{month.key}.csv"'
    return response


# --- Producer portal --------------------------------------------------------------------------


def _portal_producer(request):
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
    producer = producer_for_user(user=request.user, producer_id=request.session.get(PORTAL_SESSION_PRODUCER))
    if producer is None:
        if user_is_office(request.user) or producers_for_user(user=request.user).exists():
            return None, redirect("catalog-portal:act-as")
        raise Http404
    return producer, None


@never_cache
@require_GET
def portal_statement_list(request):
    producer, response = _portal_producer(request)
    if response is not None:
        return response
    return render(
        request,
        "reports/portal_statements.html",
        {
            "producer": producer,
            "is_office": user_is_office(request.user),
            "section": "statements",
            "statements": settlement_selectors.statements_of_producer(producer=producer),
        },
    )


@never_cache
@require_GET
def portal_statement_pdf(request, pk: int):
    producer, response = _portal_producer(request)
    if response is not None:
        return response
    return _statement_pdf_response(_statement_or_404(pk=pk, producer=producer))
