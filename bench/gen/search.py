"""Search indexing while generating: once at the end, not per save.

The catalogue's search (issue #7) re-indexes a product after every save,
through a Celery task that runs in-process here. For thousands of products
that is most of the generation time, so the per-save triggers are switched
off while the data is written and the project's own rebuild service
(``catalog.search.services.search_index_rebuild``, behind
``manage.py rebuild_search_index``) indexes everything once afterwards.
Without that search app nothing is deferred and nothing is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save

UID = "catalog.search"


@contextmanager
def search_indexing_deferred() -> Iterator[bool]:
    """Yields whether there is a search index to rebuild afterwards."""
    try:
        from catalog.search import signals
    except ImportError:
        yield False
        return
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Producer = get_model("catalogue", "Producer")
    ProductCategory = get_model("catalogue", "ProductCategory")
    pairs = [
        (post_save, Product, "product_saved"),
        (post_delete, Product, "product_deleted"),
        (post_save, Producer, "producer_saved"),
        (post_delete, Producer, "producer_deleted"),
        (post_save, ProductCategory, "category_link_saved"),
        (post_delete, ProductCategory, "category_link_deleted"),
        (m2m_changed, Product.categories.through, "m2m"),
    ]
    for signal, sender, name in pairs:
        signal.disconnect(sender=sender, dispatch_uid=f"{UID}.{name}")
    try:
        yield True
    finally:
        signals.connect()


def search_index_incomplete() -> bool:
    """True when products exist but none is in the search index: a run that
    was killed between the products and the rebuild left it so, and the next
    run creates no product, so it must rebuild on this evidence instead."""
    try:
        from catalog.search import services  # noqa: F401
    except ImportError:
        return False
    from django.contrib.contenttypes.models import ContentType
    from oscar.core.loading import get_model
    from wagtail.search.models import IndexEntry

    Product = get_model("catalogue", "Product")
    if not Product.objects.exists():
        return False
    return not IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Product)).exists()


def search_index_rebuild() -> str:
    try:
        from catalog.search.services import search_index_rebuild as rebuild
    except ImportError:
        return "no search index in this tree"
    counts = rebuild()
    return ", ".join(f"{label}: {n}" for label, n in counts.items())
