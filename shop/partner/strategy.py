"""Pricing and availability for the storefront.

* Prices are in THB and already include VAT, so no tax is added (NoTax).
* Availability is Oscar's StockRequired: num_in_stock - num_allocated of the
  producer's stock record, which inventory.services keep equal to the ledger
  (sellable on hand minus reserved); it is exactly what a reservation can take.
* The stock record used is the one of the product's own producer.
"""

from oscar.apps.partner import strategy


class ProducerStockRecord:
    """Pick the stock record of the product's producer (lowest pk: the one
    the inventory keeps in step), else the first one."""

    def select_stockrecord(self, product):
        # product.stockrecords.all() uses the prefetch cache when there is one.
        records = sorted(product.stockrecords.all(), key=lambda r: r.pk)
        if not records:
            return None
        producer = getattr(product, "producer", None)
        if producer is not None:
            for record in records:
                if record.partner_id == producer.partner_id:
                    return record
        return records[0]


class OtopStrategy(ProducerStockRecord, strategy.StockRequired, strategy.NoTax, strategy.Structured):
    """THB prices including VAT; sold only when the ledger says it is there."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OtopStrategy(request)
