"""Reads of the catalogue used by pages outside Oscar's own views.

Every list here loads images, stock records and producers with a fixed number
of queries, whatever the number of products shown."""

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Producer = get_model("catalogue", "Producer")


def _products_for_cards() -> QuerySet:
    return (
        Product.objects.browsable()
        .filter(is_public=True)
        .select_related("producer", "producer__district", "otop_type", "product_class")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order")),
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "categories",
        )
    )


def products_featured(*, limit: int = 8) -> QuerySet:
    """Best-rated in-stock products first: what the home page shows."""
    return _products_for_cards().filter(stockrecords__num_in_stock__gt=0).distinct().order_by(
        "-otop_stars", "-date_created"
    )[:limit]


def products_by_producer(*, producer, limit: int | None = None) -> QuerySet:
    qs = _products_for_cards().filter(producer=producer).order_by("-otop_stars", "title")
    return qs[:limit] if limit else qs


def producers_approved() -> QuerySet:
    return Producer.objects.filter(status=Producer.Status.APPROVED).select_related("district")
