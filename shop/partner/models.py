"""Oscar's partner app, forked so stock records cannot be changed behind the
inventory ledger's back.

Oscar's ``StockRecord.allocate()`` adds to ``num_allocated`` without checking
that the stock is there, so two buyers could both take the last unit. Here
stock is reserved, dispatched and released only by ``inventory.services``,
which also keep ``num_in_stock`` and ``num_allocated`` equal to the ledger.
"""

from django.db import models
from oscar.apps.partner.abstract_models import AbstractStockAlert, AbstractStockRecord

_USE_INVENTORY = (
    "Stock records are kept by the inventory ledger: use inventory.services."
    "%s instead of StockRecord.%s (see docs/inventory.md)."
)


class StockRecord(AbstractStockRecord):
    def allocate(self, quantity):
        raise NotImplementedError(_USE_INVENTORY % ("reservation_create / reservation_confirm", "allocate()"))

    allocate.alters_data = True

    def consume_allocation(self, quantity):
        raise NotImplementedError(_USE_INVENTORY % ("stock_dispatch", "consume_allocation()"))

    consume_allocation.alters_data = True

    def cancel_allocation(self, quantity):
        raise NotImplementedError(_USE_INVENTORY % ("reservation_release", "cancel_allocation()"))

    cancel_allocation.alters_data = True


class StockAlert(AbstractStockAlert):
    """Oscar's low-stock alert, with at most one open alert per stock record:
    Oscar reads it with ``.get()``, so a second open one (two workers saving
    the record at once, #16) made every later save of that record fail with
    MultipleObjectsReturned. shop/partner/receivers.py locks the record so
    that cannot happen; the constraint makes sure it cannot be stored."""

    class Meta(AbstractStockAlert.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["stockrecord"], condition=models.Q(status="Open"), name="partner_stockalert_one_open"
            )
        ]


from oscar.apps.partner.models import *  # noqa: E402
