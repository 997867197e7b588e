"""Oscar's low-stock alert receiver, made safe for concurrent saves.

Oscar's ``update_stock_alerts`` looks for the record's open alert and creates
one if there is none. Two workers running ``inventory.tasks.stock_records_saved``
for the same record at once both found none and both created one (#16).
This receiver takes the stock record's row lock first, so the second waits
until the first has committed its alert and then finds it. No email or
network call happens under the lock (Oscar's "back in stock" emails are a
separate receiver).
"""

from django.db import transaction
from oscar.core.loading import get_model

StockAlert = get_model("partner", "StockAlert")
StockRecord = get_model("partner", "StockRecord")


def stock_alerts_update(sender, instance, created, **kwargs):
    if created or kwargs.get("raw", False):
        return
    with transaction.atomic():
        record = StockRecord.objects.select_for_update().filter(pk=instance.pk).first()
        if record is None:
            return  # deleted meanwhile: its alerts went with it
        alert = StockAlert.objects.filter(stockrecord=record, status=StockAlert.OPEN).first()
        below = record.is_below_threshold
        if below and alert is None:
            StockAlert.objects.create(stockrecord=record, threshold=record.low_stock_threshold)
        elif not below and alert is not None:
            alert.close()
