"""Django admin for stock records: price and SKU only.

Oscar's admin edits every field, so staff could change ``num_in_stock`` or
``num_allocated`` without a ledger movement. Those counters are a cache of
the inventory ledger (inventory.services keep them equal), and the partner
and product of a record say whose stock it is; all of them are read-only
here. Stock changes go through /dashboard/inventory/ (receipts, adjustments).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.admin import *
from oscar.apps.partner.admin import StockRecordAdmin as OscarStockRecordAdmin
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")

LEDGER_FIELDS = ("partner", "product", "num_in_stock", "num_allocated")


class StockRecordAdmin(OscarStockRecordAdmin):
    readonly_fields = (*LEDGER_FIELDS, "ledger_note")
    autocomplete_fields = ()

    @admin.display(description=_("Stock"))
    def ledger_note(self, obj) -> str:
        return _(
            "The stock counters are kept by the inventory ledger: change stock on /dashboard/inventory/ (receipts, adjustments)."
        )

    def has_add_permission(self, request) -> bool:
        # A new stock record starts with counters the ledger knows nothing of;
        # stock records are created by the inventory services and the
        # catalogue dashboard.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(StockRecord)
admin.site.register(StockRecord, StockRecordAdmin)
