"""Report exports and producer settlement statements.

Nothing here holds rules: exports are made by services.report_export_*,
statements by services.settlement_* (docs/reports.md)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReportExport(models.Model):
    """One requested export of the office report (XLSX or PDF) for a fiscal
    period, made in the background and kept for download."""

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    period_key = models.CharField(_("period"), max_length=16)  # fiscal.period_from_key
    language = models.CharField(_("language"), max_length=8, default="th")
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="reports/exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        permissions = [("view_office_report", "Can view the office report and its exports")]

    def __str__(self) -> str:
        return f"{self.period_key} {self.format} ({self.status})"


class SettlementStatement(models.Model):
    """What the center owes one producer for one period (a calendar month by
    default). Draft → approved (office) → paid (transfer reference and date).
    A paid statement never changes: later refunds land on the next one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")

    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="settlement_statements",
        verbose_name=_("producer"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))  # inclusive, Bangkok dates
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    units_sold = models.IntegerField(_("units sold"), default=0)
    gross = models.DecimalField(_("gross sales"), max_digits=14, decimal_places=2, default=Decimal("0"))
    commission = models.DecimalField(_("center commission"), max_digits=14, decimal_places=2, default=Decimal("0"))
    refunds = models.DecimalField(_("refunds and returns"), max_digits=14, decimal_places=2, default=Decimal("0"))
    net_payable = models.DecimalField(_("net payable"), max_digits=14, decimal_places=2, default=Decimal("0"))
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    paid_reference = models.CharField(_("transfer reference"), max_length=64, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )
    # The running number within the period's series, given at approval
    # (services.settlement_approve): drafts, which may be emptied and
    # deleted, take none, so issued numbers run 1, 2, 3... without gaps.
    sequence = models.PositiveIntegerField(_("running number"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-period_start", "producer_id"]
        verbose_name = _("settlement statement")
        verbose_name_plural = _("settlement statements")
        permissions = [("manage_settlements", "Can generate, approve and pay settlement statements")]
        constraints = [
            models.UniqueConstraint(fields=["producer", "period_start"], name="settlement_one_per_producer_period"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="settlement_period_order"
            ),
            models.UniqueConstraint(fields=["period_start", "sequence"], name="settlement_number_once_per_period"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """ST-<period YYYYMM>-<running number>, e.g. ST-202611-0003: one
        series per period, numbered in the order of approval (docs/reports.md,
        "Statement numbers"). A draft has no number yet."""
        if self.sequence is None:
            return f"ST-{self.period_start:%Y%m}-{gettext('draft')}"
        return f"ST-{self.period_start:%Y%m}-{self.sequence:04d}"


class SettlementLine(models.Model):
    """One traceable amount on a statement: an order line sold, a counter
    sale line, or a refund (negative). The unique source keys stop the same
    sale or refund from being settled twice across statements."""

    class Kind(models.TextChoices):
        ORDER_LINE = "order_line", _("Online sale")
        COUNTER_SALE = "counter_sale", _("Counter sale")
        REFUND = "refund", _("Refund or return")

    statement = models.ForeignKey(
        SettlementStatement, on_delete=models.CASCADE, related_name="lines", verbose_name=_("statement")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    order_line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("order line")
    )
    # A refund is traced to Oscar's payment Transaction (type Refund) of the
    # order, apportioned to this producer's lines of that order.
    refund_transaction = models.ForeignKey(
        "payment.Transaction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refund"),
    )
    # "counter_sale:<pk>" movement reference plus the product: counter sales
    # have no price lines of their own yet (see settlements.selectors.counter_sale_rows).
    counter_sale = models.ForeignKey(
        "inventory.CounterSale",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counter sale"),
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    description = models.CharField(_("description"), max_length=255)
    reference = models.CharField(_("reference"), max_length=64)  # order number / CS-000001
    occurred_at = models.DateTimeField(_("date"))
    quantity = models.IntegerField(_("units"))
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2)
    commission_rate = models.DecimalField(_("commission rate"), max_digits=5, decimal_places=4)
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)
    net = models.DecimalField(_("net payable"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("settlement line")
        verbose_name_plural = _("settlement lines")
        constraints = [
            models.UniqueConstraint(
                fields=["order_line"], condition=Q(kind="order_line"), name="settlement_order_line_once"
            ),
            models.UniqueConstraint(
                fields=["refund_transaction", "order_line"],
                condition=Q(kind="refund"),
                name="settlement_refund_once_per_line",
            ),
            models.UniqueConstraint(
                fields=["counter_sale", "product"],
                condition=Q(kind="counter_sale"),
                name="settlement_counter_sale_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.net}"

    @property
    def is_carried_over(self) -> bool:
        """Dated before the statement's period: a line whose own month's
        statement was already approved or paid (docs/reports.md, the period
        rule). Shown under its own heading."""
        from shop.common.fiscal import local_date

        return local_date(self.occurred_at) < self.statement.period_start
