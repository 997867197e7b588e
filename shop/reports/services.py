"""Writes of the reports app: report exports. Settlement statements live in
``shop.reports.settlements`` and are re-exported here for the callers that
import them from this module (views, demo data)."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shop.common import fiscal
from shop.outbox.services import outbox_send

from . import exports, layout
from .models import ReportExport
from .settlements.services import (  # noqa: F401  (re-exported)
    settlement_approve,
    settlement_generate,
    settlement_mark_paid,
    settlement_payment_batch_csv,
    settlements_generate,
)

logger = logging.getLogger(__name__)

STALE_EXPORT = dt.timedelta(minutes=15)

# The task these services send after commit, by its registered name:
# services never import shop.reports.tasks (the tasks import this module).
EXPORT_BUILD_TASK = "shop.reports.tasks.report_export_build_task"


# --- Report exports ------------------------------------------------------------------


def report_export_request(*, user, period_key: str, file_format: str, language: str) -> ReportExport:
    """Queue an export of the office report; a second request for the same
    file while one is queued or running returns that one."""
    try:
        period = fiscal.period_from_key(period_key)
    except fiscal.PeriodKeyInvalid as exc:
        raise ValidationError(str(exc), code="bad_period") from exc
    if file_format not in ReportExport.Format.values:
        raise ValidationError(_("Choose XLSX or PDF."), code="bad_format")
    if period.start > timezone.now():
        raise ValidationError(_("%(period)s has not started yet.") % {"period": period.label()}, code="future_period")
    pending = ReportExport.objects.filter(
        period_key=period.key,
        format=file_format,
        language=language,
        status__in=[ReportExport.Status.QUEUED, ReportExport.Status.RUNNING],
        created_at__gte=timezone.now() - STALE_EXPORT,
    ).first()
    if pending is not None:
        return pending
    export = ReportExport.objects.create(
        requested_by=user, period_key=period.key, format=file_format, language=language
    )
    outbox_send(task=EXPORT_BUILD_TASK, args=[export.pk])
    return export


def _export_progress(export_id: int, percent: int) -> None:
    ReportExport.objects.filter(pk=export_id).update(progress=percent)


def report_export_build(*, export_id: int) -> ReportExport | None:
    """Build the file of an export. Idempotent: a finished export is left as
    it is; a task delivered twice builds once (the claim below is a
    conditional UPDATE, so only one worker wins it), unless the first one
    died and its claim went stale."""
    stale = timezone.now() - STALE_EXPORT
    claimed = (
        ReportExport.objects.filter(pk=export_id)
        .filter(
            Q(status__in=[ReportExport.Status.QUEUED, ReportExport.Status.FAILED])
            | Q(status=ReportExport.Status.RUNNING, created_at__lt=stale)
        )
        .update(status=ReportExport.Status.RUNNING, progress=5, error="")
    )
    export = ReportExport.objects.filter(pk=export_id).first()
    if not claimed or export is None:
        return export
    try:
        with translation.override(export.language):
            period = fiscal.period_from_key(export.period_key)
            report = layout.office_report(period=period)
            _export_progress(export_id, 40)
            progress = lambda percent: _export_progress(export_id, percent)  # noqa: E731
            if export.format == ReportExport.Format.XLSX:
                content = exports.report_xlsx(report, progress=progress)
            else:
                content = exports.report_pdf(report, progress=progress)
        name = f"otop-report-{export.period_key}-{export.language}.{export.format}"
        export.file.save(name, ContentFile(content), save=False)
        export.status = ReportExport.Status.DONE
        export.progress = 100
        export.finished_at = timezone.now()
        export.save(update_fields=["file", "status", "progress", "finished_at"])
    except Exception as exc:  # the page must say it failed instead of polling forever
        logger.exception("Report export %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        export.refresh_from_db()
    return export
