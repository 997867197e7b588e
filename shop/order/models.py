"""Oscar's order models, forked. Our fields sit above Oscar's star import so
Oscar builds the rest of its models around our Order and Line."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class Order(AbstractOrder):
    # The customer's language at checkout: every email about this order is
    # written in it, whatever language the staff member who triggers it uses.
    language = models.CharField(_("language"), max_length=16, blank=True, default="")
    # Shown (with a QR) on the confirmation and order page; the counter staff
    # check it when handing over a pickup order. Empty for shipped orders.
    pickup_code = models.CharField(_("pickup code"), max_length=12, blank=True, default="", db_index=True)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True, default="")
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True, default="")
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    # When the customer's money came in (online or at the counter); None
    # while unpaid. Independent of status: pickup orders are picked unpaid.
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    # Total refunded so far, so a replayed refund event changes nothing.
    refunded_total = models.DecimalField(_("refunded"), max_digits=12, decimal_places=2, default=Decimal("0"))

    # Oscar filters the discounts with a query per category each time a
    # totals template asks (three on the confirmation page). When they were
    # prefetched (shop.checkout.views.ThankYouView) they are split in memory.
    def _discounts_in(self, category):
        loaded = getattr(self, "_prefetched_objects_cache", {}).get("discounts")
        if loaded is None:
            return self.discounts.filter(category=category)
        return [discount for discount in loaded if discount.category == category]

    @property
    def basket_discounts(self):
        return self._discounts_in(self.discounts.model.BASKET)

    @property
    def shipping_discounts(self):
        return self._discounts_in(self.discounts.model.SHIPPING)

    @property
    def post_order_actions(self):
        return self._discounts_in(self.discounts.model.DEFERRED)


class Line(AbstractLine):
    # Recorded when the line is sold, from Producer.commission_rate, else the
    # OTOP product type's rate, else settings.OTOP_DEFAULT_COMMISSION_RATE.
    # Copies, not lookups: changing a rate later never changes what is owed
    # for past sales.
    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("producer"),
    )
    commission_rate = models.DecimalField(
        _("center commission rate"), max_digits=5, decimal_places=4, default=Decimal("0")
    )
    commission_amount = models.DecimalField(
        _("center commission"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    producer_payable = models.DecimalField(
        _("payable to producer"), max_digits=12, decimal_places=2, default=Decimal("0")
    )


class OrderNotification(models.Model):
    """One row per customer email sent about an order event: the unique
    constraint is what stops a retried Celery task from sending twice."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(_("event"), max_length=32)
    # Events that can happen more than once (partial refunds) carry a key.
    key = models.CharField(_("key"), max_length=64, blank=True, default="")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order", "event", "key"], name="order_notification_once"),
        ]
        verbose_name = _("order notification")

    def __str__(self) -> str:
        return f"{self.event} {self.key}".strip()


from oscar.apps.order.models import *  # noqa: E402
