"""Pricing and availability for the storefront.

* Prices are in THB and already include VAT, so no tax is added (NoTax).
* Availability is Oscar's StockRequired: num_in_stock - num_allocated of the
  producer's stock record, which inventory.services keep equal to the ledger
  (sellable on hand minus reserved); it is exactly what a reservation can take.
* The stock record used is the one of the product's own producer.
"""

from django.db.models import prefetch_related_objects
from oscar.apps.partner import strategy


class ProducerStockRecord:
    """Pick the stock record of the product's producer (lowest pk: the one
    the inventory keeps in step), else the first one."""

    def select_stockrecord(self, product):
        # product.stockrecords.all() uses the prefetch cache when there is
        # one; a product loaded alone (the add-to-basket view asks for it
        # twice: form, then basket) gets one, so it is read once.
        if "stockrecords" not in getattr(product, "_prefetched_objects_cache", {}):
            prefetch_related_objects([product], "stockrecords")
        records = sorted(product.stockrecords.all(), key=lambda r: r.pk)
        if not records:
            return None
        producer = getattr(product, "producer", None)
        if producer is not None:
            for record in records:
                if record.partner_id == producer.partner_id:
                    return record
        return records[0]


class LineStockRecord:
    """Price a basket line from the line's own stock record (loaded with the
    line) when it is the producer's, instead of reading all the product's
    stock records again: the basket chose it with ``select_stockrecord``
    when the product was added, and a producer's record with a lower pk
    cannot appear later. Oscar's ``fetch_for_line`` ignores the record it is
    given and selects again, one query per line."""

    def fetch_for_line(self, line, stockrecord=None):
        record = stockrecord or line.stockrecord
        product = line.product
        producer = getattr(product, "producer", None)
        if (
            record is not None
            and producer is not None
            and record.product_id == product.pk
            and record.partner_id == producer.partner_id
        ):
            return self.fetch_for_product(product, stockrecord=record)
        return self.fetch_for_product(product)


class OtopStrategy(LineStockRecord, ProducerStockRecord, strategy.StockRequired, strategy.NoTax, strategy.Structured):
    """THB prices including VAT; sold only when the ledger says it is there."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OtopStrategy(request)
