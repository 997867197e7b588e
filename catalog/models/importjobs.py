"""Bulk product imports (CSV or XLSX), run by a Celery task.

The uploaded file is kept in the row (``content``) rather than in media
storage: it is small (capped by the form), never public, and a worker on
another machine can read it without a shared disk. All-or-nothing per file:
either every row is written, or none is and ``errors`` lists each bad row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        CHECKING = "checking", _("Checking rows")
        WRITING = "writing", _("Saving products")
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Rejected: nothing was imported")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    producer = models.ForeignKey(
        "catalogue.Producer", on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("producer")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    content = models.BinaryField(_("file"), editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    # [{"row": 3, "field": "price_thb", "message": "..."}]; row 0 = the whole file.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("products created"), default=0)
    updated_count = models.PositiveIntegerField(_("products updated"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def progress_percent(self) -> int:
        """Checking the rows is 0-90 %, saving them the last 10 %."""
        if self.status == self.Status.SUCCEEDED or self.status == self.Status.FAILED:
            return 100
        if self.status == self.Status.WRITING:
            return 95
        if not self.total_rows:
            return 0
        return min(90, int(90 * self.processed_rows / self.total_rows))
