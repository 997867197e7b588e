"""Stock records on Oscar's product form (/dashboard/catalogue/products/<id>/)
without the stock counters.

Stock changes only through inventory.services: ``num_in_stock`` and
``num_allocated`` are a cache kept equal to the ledger. Oscar's
StockRecordForm edits ``num_in_stock`` directly, so office staff could change
stock without a ledger movement. Here the counter is a disabled field: it is
shown, Django ignores whatever a POST sends for it, and a new stock record
starts at 0 (stock arrives only via receipts, /dashboard/inventory/). An
existing record's partner is fixed too (changing it would hand the stock to
another producer), and the formset cannot delete records (that would drop the
cache row for stock the ledger still holds). Price, SKU and the low-stock
threshold stay editable.

Oscar's dashboard.catalogue is not forked (only its app config is replaced,
catalog/dashboard_catalogue.py), so get_class cannot pick these classes up by
module path; that app config installs ``ProductCreateUpdateView`` below.
"""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

OscarStockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")
OscarStockRecordFormSet = get_class("dashboard.catalogue.formsets", "StockRecordFormSet")
OscarProductCreateUpdateView = get_class("dashboard.catalogue.views", "ProductCreateUpdateView")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

LEDGER_HELP_TEXT = _(
    "Kept by the inventory ledger: stock changes only through /dashboard/inventory/ (receipts, adjustments)."
)


class LedgerStockRecordForm(OscarStockRecordForm):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if "num_in_stock" in self.fields:
            field = self.fields["num_in_stock"]
            field.disabled = True
            field.required = False
            field.help_text = LEDGER_HELP_TEXT
        if self.instance.pk is not None and "partner" in self.fields:
            self.fields["partner"].disabled = True

    def clean_num_in_stock(self) -> int | None:
        # A disabled field already takes its initial value, not the POST;
        # this also makes a new record start at 0 instead of None.
        if self.instance.pk is not None:
            return self.instance.num_in_stock
        return 0


class LedgerStockRecordFormSet(OscarStockRecordFormSet):
    # Oscar's formset (partner scoping, product_class/user kwargs) with the
    # ledger-safe form and without deletion.
    form = LedgerStockRecordForm
    can_delete = False


class ProductCreateUpdateView(OscarProductCreateUpdateView):
    stockrecord_formset = LedgerStockRecordFormSet
