"""Where stock lives and how it moves.

* ``Location``: the tree center → zone → bin.
* ``Lot``: a batch of one product from one producer (every unit belongs to a lot).
* ``StockMovement``: the append-only ledger. The truth.
* ``StockBalance``: on hand / reserved per (product, location, lot), a cache of
  the ledger kept in the same transaction, guarded by CHECK constraints.
* ``Reservation``: stock held for a basket or order, also posted to the ledger.
* ``Receipt`` / ``ReceiptLine``: the goods received note of a consignment.

Nothing here holds business rules: every write goes through
``inventory.services`` (see docs/inventory.md).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Location(models.Model):
    """A node of the location tree: a center, a zone inside it, a bin in a zone.

    A plain parent link is enough for a three-level tree that changes rarely;
    more centers can be added later as new roots.
    """

    class Kind(models.TextChoices):
        CENTER = "center", _("Center")
        ZONE = "zone", _("Zone")
        BIN = "bin", _("Bin")

    class Role(models.TextChoices):
        # Stored on zones *and* their bins so "is this stock sellable?" is a
        # plain filter on the balance's location, without walking the tree.
        STORAGE = "storage", _("Storage (sellable)")
        RECEIVING = "receiving", _("Receiving (sellable)")
        QUARANTINE = "quarantine", _("Quarantine (not sellable)")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=Role.choices,
        default=Role.STORAGE,
        help_text=_("Stock in quarantine is not offered for sale. Bins take their zone's role."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            # Only a center may be a root; zones and bins always hang under something.
            models.CheckConstraint(
                condition=models.Q(kind="center") | models.Q(parent__isnull=False),
                name="location_non_center_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    @property
    def is_sellable(self) -> bool:
        return self.role != self.Role.QUARANTINE


class Lot(models.Model):
    """A batch of one product delivered by its producer.

    Every unit of stock belongs to a lot. A receipt line without the
    producer's own lot code gets a lot named after the receipt (GRN-000123),
    so balances never need a NULL lot and first-expiry-first-out falls back
    to first-in-first-out for goods without a best-before date.
    """

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="lots", verbose_name=_("product")
    )
    owner = models.ForeignKey(
        "catalogue.Producer", on_delete=models.PROTECT, related_name="lots", verbose_name=_("owner (producer)")
    )
    code = models.CharField(_("lot code"), max_length=64)
    best_before = models.DateField(_("best before"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["product_id", F("best_before").asc(nulls_last=True), "received_at", "id"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="inventory_lot_unique_code_per_product"),
        ]

    def __str__(self) -> str:
        if self.best_before:
            return f"{self.code} (BB {self.best_before:%Y-%m-%d})"
        return self.code


class StockMovement(models.Model):
    """One row of the append-only stock ledger.

    Direction is given by the locations: ``from_location`` loses the quantity,
    ``to_location`` gains it. For the two reservation kinds the quantity moves
    between *available* and *reserved* inside one location: ``from_location``
    means "taken from available into reserved", ``to_location`` means "given
    back from reserved to available". A dispatch leaves ``from_location`` and
    consumes reserved units. Rows are never updated or deleted (a database
    trigger refuses it); a mistake is corrected by a reversing movement.
    """

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        PUT_AWAY = "put_away", _("Put-away")
        TRANSFER = "transfer", _("Transfer")
        RESERVATION = "reservation", _("Reservation")
        RELEASE = "release", _("Release")
        DISPATCH = "dispatch", _("Dispatch")
        CUSTOMER_RETURN = "customer_return", _("Customer return")
        RETURN_TO_PRODUCER = "return_to_producer", _("Return to producer")
        ADJUSTMENT = "adjustment", _("Adjustment")
        WRITE_OFF = "write_off", _("Write-off")
        COUNT_VARIANCE = "count_variance", _("Count variance")
        COUNTER_SALE = "counter_sale", _("Counter sale")

    #: Kinds that move units between available and reserved, not on hand.
    RESERVATION_KINDS = frozenset({Kind.RESERVATION, Kind.RELEASE})

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("quantity"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="stock_movements", verbose_name=_("product")
    )
    owner = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="stock_movements",
        verbose_name=_("owner (producer)"),
    )
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="movements", verbose_name=_("lot"))
    from_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements_out",
        verbose_name=_("from"),
    )
    to_location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements_in",
        verbose_name=_("to"),
    )
    # The source document, e.g. ("receipt", "12"), ("order", "100042"),
    # ("counter_sale", "CS-7"). Kept as two strings rather than a generic FK:
    # documents of later issues can be referenced without a schema change.
    reference_type = models.CharField(_("reference type"), max_length=32, blank=True)
    reference_id = models.CharField(_("reference"), max_length=64, blank=True)
    # PROTECT, not SET_NULL: SET_NULL would be an UPDATE of a ledger row.
    # Deactivate staff accounts instead of deleting them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    reverses = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
        verbose_name=_("reverses"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        indexes = [
            models.Index(fields=["product", "created_at"], name="inv_move_product_time"),
            models.Index(fields=["owner", "created_at"], name="inv_move_owner_time"),
            models.Index(fields=["reference_type", "reference_id"], name="inv_move_reference"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="inventory_movement_quantity_positive"),
            models.CheckConstraint(
                condition=Q(from_location__isnull=False) | Q(to_location__isnull=False),
                name="inventory_movement_has_a_location",
            ),
            models.CheckConstraint(
                condition=Q(from_location__isnull=True)
                | Q(to_location__isnull=True)
                | ~Q(from_location=F("to_location")),
                name="inventory_movement_from_differs_from_to",
            ),
            # A movement is reversed at most once, even by two clerks at once.
            models.UniqueConstraint(
                fields=["reverses"], condition=Q(reverses__isnull=False), name="inventory_movement_reversed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity} × {self.product_id} ({self.reference})"

    @property
    def reference(self) -> str:
        return f"{self.reference_type}:{self.reference_id}" if self.reference_type else self.reference_id


class StockBalance(models.Model):
    """On hand and reserved for one (product, location, lot): a cache of the ledger.

    Written only by ``inventory.services`` in the transaction that writes the
    movement; ``reconcile_stock`` recomputes it from the ledger. Available to
    sell = on_hand - reserved, which the CHECK constraints keep >= 0.
    """

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="stock_balances", verbose_name=_("product")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="balances", verbose_name=_("location")
    )
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="balances", verbose_name=_("lot"))
    owner = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="stock_balances",
        verbose_name=_("owner (producer)"),
    )
    on_hand = models.PositiveIntegerField(_("on hand"), default=0)
    reserved = models.PositiveIntegerField(_("reserved"), default=0)

    class Meta:
        ordering = ["product_id", "location__code", "lot_id"]
        verbose_name = _("stock balance")
        verbose_name_plural = _("stock balances")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "location", "lot"], name="inventory_balance_unique_product_location_lot"
            ),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="inventory_balance_on_hand_not_negative"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="inventory_balance_reserved_not_negative"),
            models.CheckConstraint(
                condition=Q(reserved__lte=F("on_hand")), name="inventory_balance_reserved_within_on_hand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}@{self.location_id}/{self.lot_id}: {self.on_hand} ({self.reserved} reserved)"

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class Reservation(models.Model):
    """Units of one (product, location, lot) held for a basket or order.

    A request for N units of a product may be spread over several lots and
    bins, so one ``reservation_create`` call writes several rows sharing a
    ``hold_id``. Each row is backed by a ``reservation`` movement; leaving the
    active/confirmed states writes a ``release`` (or ``dispatch``) movement.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active (awaiting payment)")
        CONFIRMED = "confirmed", _("Confirmed (paid)")
        RELEASED = "released", _("Released")
        EXPIRED = "expired", _("Expired")
        CONSUMED = "consumed", _("Consumed (dispatched)")

    #: Statuses in which the units are still counted in StockBalance.reserved.
    HOLDING = (Status.ACTIVE, Status.CONFIRMED)

    reference = models.CharField(_("reference"), max_length=100, db_index=True)
    hold_id = models.UUIDField(_("hold"), default=uuid.uuid4, db_index=True, editable=False)
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="reservations", verbose_name=_("product")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("location")
    )
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="reservations", verbose_name=_("lot"))
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        indexes = [models.Index(fields=["status", "expires_at"], name="inv_resv_status_expiry")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="inventory_reservation_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.quantity} × {self.product_id} ({self.status})"


class Receipt(models.Model):
    """A goods received note: one producer's consignment delivery.

    Drafted with ``receipt_create`` and posted once with ``receipt_post``;
    posting writes one receipt movement per line and cannot happen twice.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        POSTED = "posted", _("Posted")

    producer = models.ForeignKey(
        "catalogue.Producer", on_delete=models.PROTECT, related_name="receipts", verbose_name=_("producer")
    )
    center = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("center"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    # Sign-off of the printed note by the producer's courier (staff screens).
    signed_by_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    # Set when the producer's contacts were emailed about the posted receipt
    # (claimed with a conditional update, so the email goes out once).
    producer_notified_at = models.DateTimeField(_("producer notified"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("goods received note")
        verbose_name_plural = _("goods received notes")

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"GRN-{self.pk:06d}" if self.pk else "GRN-(new)"


class ReceiptLine(models.Model):
    class Condition(models.TextChoices):
        OK = "ok", _("Good")
        DAMAGED = "damaged", _("Damaged (to quarantine)")

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines", verbose_name=_("receipt"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    lot_code = models.CharField(
        _("lot code"), max_length=64, blank=True, help_text=_("Empty: the receipt number is used as the lot code.")
    )
    best_before = models.DateField(_("best before"), null=True, blank=True)
    condition = models.CharField(_("condition"), max_length=16, choices=Condition.choices, default=Condition.OK)
    # Filled in when the receipt is posted.
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["receipt_id", "id"]
        verbose_name = _("receipt line")
        verbose_name_plural = _("receipt lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="inventory_receipt_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class CounterSale(models.Model):
    """A walk-in sale at the center and its offline payment record (cash or
    PromptPay). The stock side is the ``counter_sale`` movements posted by
    ``counter_sale_post`` with reference ``counter_sale:<pk>``.

    ``token`` is issued with the sale form, so a double-submitted form is
    recognised (unique) instead of selling twice.
    """

    class PaymentMethod(models.TextChoices):
        CASH = "cash", _("Cash")
        PROMPTPAY = "promptpay", _("PromptPay")

    token = models.UUIDField(_("form token"), unique=True, editable=False)
    payment_method = models.CharField(_("payment method"), max_length=16, choices=PaymentMethod.choices)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    total = models.DecimalField(_("total (THB)"), max_digits=12, decimal_places=2, default=0)
    # What the buyer handed over for a cash sale and the change given back,
    # kept so a reprinted receipt shows the same figures. NULL for PromptPay
    # and for sales recorded before the counter asked for it.
    cash_tendered = models.DecimalField(
        _("cash tendered (THB)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    change_given = models.DecimalField(_("change (THB)"), max_digits=12, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("counter sale")
        verbose_name_plural = _("counter sales")
        constraints = [
            models.CheckConstraint(
                condition=Q(cash_tendered__isnull=True, change_given__isnull=True)
                | Q(cash_tendered__gte=F("total"), change_given=F("cash_tendered") - F("total")),
                name="inventory_countersale_change_is_tendered_minus_total",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"CS-{self.pk:06d}" if self.pk else "CS-(new)"

    @property
    def reference(self) -> str:
        return f"counter_sale:{self.pk}"


class CounterSaleLine(models.Model):
    """One product of a counter sale at the price charged, so the receipt can
    be reprinted as sold even after the price changes. Which lots the units
    came from is in the ledger (reference ``counter_sale:<sale pk>``)."""

    sale = models.ForeignKey(CounterSale, on_delete=models.PROTECT, related_name="lines", verbose_name=_("sale"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    title = models.CharField(_("title"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price (THB)"), max_digits=12, decimal_places=2)
    line_total = models.DecimalField(_("line total (THB)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["sale_id", "id"]
        verbose_name = _("counter sale line")
        verbose_name_plural = _("counter sale lines")
        constraints = [
            models.UniqueConstraint(fields=["sale", "product"], name="inventory_countersaleline_one_per_product"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"


class AlertDigest(models.Model):
    """One row per day the low-stock / expiring-lot digest was sent, so the
    daily task sends it at most once a day (unique day)."""

    day = models.DateField(_("day"), unique=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    low_stock = models.PositiveIntegerField(_("low-stock products"), default=0)
    expiring = models.PositiveIntegerField(_("expiring lots"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("alert digest")
        verbose_name_plural = _("alert digests")

    def __str__(self) -> str:
        return f"{self.day}"


class CountSheet(models.Model):
    """A cycle count of one zone or bin: open → submitted → posted (or cancelled).

    Opening the sheet snapshots the expected on hand of every (product, bin,
    lot) into its lines, on the server: a blind count never sends the
    expected quantities to the browser. Submitting records the counted
    quantities; when no line's variance is above
    settings.INVENTORY_COUNT_APPROVAL_THRESHOLD it is posted at once,
    otherwise it waits for a center manager, whose approval posts it.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open (counting)")
        SUBMITTED = "submitted", _("Submitted (awaiting a manager's approval)")
        POSTED = "posted", _("Posted")
        CANCELLED = "cancelled", _("Cancelled")

    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="count_sheets", verbose_name=_("zone or bin")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    blind = models.BooleanField(_("blind count"), default=False)
    needs_approval = models.BooleanField(_("needs a manager's approval"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("count sheet")
        verbose_name_plural = _("count sheets")

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"CNT-{self.pk:06d}" if self.pk else "CNT-(new)"

    @property
    def reference(self) -> str:
        return f"count:{self.pk}"


class CountLine(models.Model):
    """One (product, bin, lot) of a count sheet: what the ledger said when the
    sheet was opened, and what was counted."""

    sheet = models.ForeignKey(CountSheet, on_delete=models.CASCADE, related_name="lines", verbose_name=_("sheet"))
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+", verbose_name=_("bin"))
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="+", verbose_name=_("lot"))
    expected = models.PositiveIntegerField(_("expected"))
    counted = models.PositiveIntegerField(_("counted"), null=True, blank=True)
    # Price per unit (THB) when submitted: the value of the variance.
    unit_value = models.DecimalField(_("unit value (THB)"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["sheet_id", "location__code", "id"]
        verbose_name = _("count line")
        verbose_name_plural = _("count lines")
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "product", "location", "lot"], name="inventory_count_line_unique_per_sheet"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}: {self.product_id}@{self.location_id}/{self.lot_id}"

    @property
    def variance(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


class FormToken(models.Model):
    """A one-time token issued with a staff form (receipt, stock move, count).

    The service that handles the form inserts the token in its own
    transaction; a second submission of the same form (double click, browser
    back + resubmit) hits the unique token and changes nothing. ``reference``
    names what the first submission created, so the second can show it.
    """

    token = models.UUIDField(_("token"), unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("used"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("form token")
        verbose_name_plural = _("form tokens")

    def __str__(self) -> str:
        return f"{self.token} → {self.reference}"
