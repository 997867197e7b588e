"""Payments: one PaymentAttempt per try at paying for a basket, and every
Stripe event received (each processed once). Oscar's Source, SourceType and
Transaction (the star import below) record the money of each order: charges
("Debit"), refunds ("Refund") and offline payments at the counter.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentAttempt(models.Model):
    """One try at paying for a basket: a Stripe PaymentIntent (card or
    PromptPay) or a test-mode payment. A new QR or a retry after a failure is
    a new attempt (attempt_no + 1) with its own PaymentIntent; all attempts
    of a basket share the order number and the stock reservation."""

    class Method(models.TextChoices):
        CARD = "card", _("Card")
        PROMPTPAY = "promptpay", _("PromptPay")
        TEST = "test", _("Test payment")

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        REQUIRES_ACTION = "requires_action", _("Waiting for the customer")
        PROCESSING = "processing", _("Processing")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")
        CANCELED = "canceled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")
        PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")

    #: The customer may still pay this attempt.
    OPEN = (Status.CREATED, Status.REQUIRES_ACTION, Status.PROCESSING)
    #: Money was taken (some may have been given back since).
    PAID = (Status.SUCCEEDED, Status.REFUNDED, Status.PARTLY_REFUNDED)

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    basket = models.ForeignKey(
        "basket.Basket",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_attempts",
        verbose_name=_("basket"),
    )
    basket_ref = models.PositiveIntegerField(_("basket id"), db_index=True)
    order_number = models.CharField(_("order number"), max_length=128, db_index=True)
    attempt_no = models.PositiveIntegerField(_("attempt"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    amount_satang = models.PositiveBigIntegerField(_("amount (satang)"))
    currency = models.CharField(_("currency"), max_length=3, default="THB")
    snapshot = models.JSONField(_("checkout snapshot"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer"),
    )
    session_key = models.CharField(_("session"), max_length=64, blank=True)
    #: The language the checkout ran in: messages and emails written later
    #: by tasks (refunds, refusals, expiry) are written in it, not in the
    #: worker's default language.
    language = models.CharField(_("language"), max_length=10, blank=True)
    stripe_payment_intent = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    client_secret = models.CharField(_("client secret"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CREATED)
    failure_message = models.CharField(_("failure message"), max_length=500, blank=True)
    qr_image_url = models.TextField(_("PromptPay QR image"), blank=True)
    qr_data = models.TextField(_("PromptPay QR data"), blank=True)
    qr_expires_at = models.DateTimeField(_("QR expires"), null=True, blank=True)
    #: When the stock reservation made for this attempt runs out: the expiry
    #: sweep cancels a card PaymentIntent still open then (a PromptPay QR
    #: expires earlier, at qr_expires_at).
    hold_expires_at = models.DateTimeField(_("stock hold expires"), null=True, blank=True)
    amount_received_satang = models.PositiveBigIntegerField(_("received (satang)"), default=0)
    amount_refunded_satang = models.PositiveBigIntegerField(_("refunded (satang)"), default=0)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_attempts",
        verbose_name=_("order"),
    )
    needs_refund = models.BooleanField(_("needs refund"), default=False)
    needs_refund_reason = models.CharField(_("why a refund is needed"), max_length=500, blank=True)
    refund_notified_at = models.DateTimeField(_("buyer told of the refund"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    stripe_checked_at = models.DateTimeField(_("last asked Stripe"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        constraints = [
            models.UniqueConstraint(fields=["basket_ref", "attempt_no"], name="payment_attempt_basket_no_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order_number} #{self.attempt_no} ({self.method}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class StripeEvent(models.Model):
    """A Stripe webhook event, stored before it is processed. The unique
    event id is what makes a redelivered (or concurrently delivered) event
    harmless: the request that inserts the row queues the work (through the
    outbox, in the same transaction), a redelivery queues it again only while
    it is not processed, and the task processes it once (processed_at, set
    under a row lock).

    An event whose processing raises is ``failed`` with the error and a
    ``retry_at`` (backoff); the beat sweep retries it until EVENT_MAX_TRIES,
    then it waits for staff (admin, ``manage.py stripe_replay_events``)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100, db_index=True)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    error = models.TextField(_("error"), blank=True)
    tries = models.PositiveIntegerField(_("tries"), default=0)
    retry_at = models.DateTimeField(_("next try"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


from oscar.apps.payment.models import *  # noqa: E402
