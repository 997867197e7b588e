"""Order states of the OTOP shop, shared by checkout, payments and fulfilment.

The values are stored in Oscar's ``Order.status`` (a CharField); the labels
are translated for display with ``status_label``. The pipeline (which state may
follow which) is ``settings.OSCAR_ORDER_STATUS_PIPELINE``.

    pending payment ──> paid ──> picking ──> packed ──> dispatched ──> completed
          │               │                    └──> ready for pickup ──> completed
          │               └──> refunded / partly refunded
          └──> cancelled

Pay-at-pickup orders go picking → packed → ready for pickup while still
unpaid; staff record the counter payment, which moves them on to completed.
A paid order never moves back to pending payment or cancelled (Stripe events
can arrive in any order).
"""

from django.utils.translation import gettext_lazy as _

PENDING_PAYMENT = "pending_payment"
PAID = "paid"
PICKING = "picking"
PACKED = "packed"
DISPATCHED = "dispatched"
READY_FOR_PICKUP = "ready_for_pickup"
COMPLETED = "completed"
CANCELLED = "cancelled"
REFUNDED = "refunded"
PARTLY_REFUNDED = "partly_refunded"

LABELS = {
    PENDING_PAYMENT: _("Pending payment"),
    PAID: _("Paid"),
    PICKING: _("Picking"),
    PACKED: _("Packed"),
    DISPATCHED: _("Dispatched"),
    READY_FOR_PICKUP: _("Ready for pickup"),
    COMPLETED: _("Completed"),
    CANCELLED: _("Cancelled"),
    REFUNDED: _("Refunded"),
    PARTLY_REFUNDED: _("Partly refunded"),
}

PIPELINE = {
    PENDING_PAYMENT: (PAID, PICKING, CANCELLED),
    PAID: (PICKING, CANCELLED, REFUNDED, PARTLY_REFUNDED),
    PICKING: (PACKED, CANCELLED, REFUNDED, PARTLY_REFUNDED),
    PACKED: (DISPATCHED, READY_FOR_PICKUP, CANCELLED, REFUNDED, PARTLY_REFUNDED),
    DISPATCHED: (COMPLETED, REFUNDED, PARTLY_REFUNDED),
    READY_FOR_PICKUP: (COMPLETED, CANCELLED, REFUNDED, PARTLY_REFUNDED),
    COMPLETED: (REFUNDED, PARTLY_REFUNDED),
    PARTLY_REFUNDED: (PARTLY_REFUNDED, REFUNDED, PICKING, PACKED, DISPATCHED, READY_FOR_PICKUP, COMPLETED),
    CANCELLED: (),
    REFUNDED: (),
}

# States in which the customer's money is held or was taken: the payment
# webhooks may never move an order out of these into pending or cancelled.
PAID_STATES = frozenset({PAID, PICKING, PACKED, DISPATCHED, READY_FOR_PICKUP, COMPLETED, REFUNDED, PARTLY_REFUNDED})


def status_label(status: str) -> str:
    return str(LABELS.get(status, status))
