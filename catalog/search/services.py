"""Writes to the search index. Callers never index inline: they call
``search_index_product_later`` (or the producer variant), which sends the
Celery task once the transaction has committed, so a rolled-back edit never
reaches the index and a request never waits for it.

The index holds words only; visibility, price and stock are read live at
query time, so price and stock changes need no re-indexing (see
docs/search.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_models

from shop.common.page_versions import SEARCH, page_versions_bump
from shop.outbox.services import outbox_send

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")

REBUILD_CHUNK_SIZE = 500

# Sent after commit by registered name (shop.outbox.services.outbox_send): this
# module never imports catalog.search.tasks, whose tasks import it.
INDEX_PRODUCT_TASK = "catalog.search.index_product"
INDEX_PRODUCER_TASK = "catalog.search.index_producer"


def _index_sync(*, model, object_id: int) -> bool:
    """Add or refresh one object in every backend if it belongs in the index
    (published product, approved producer), else remove it. True if indexed."""
    obj = model.get_indexed_objects().filter(pk=object_id).first()
    for backend in get_search_backends():
        if obj is not None:
            backend.add(obj)
        else:
            # A bare instance is enough to delete by content type and id.
            backend.delete(model(pk=object_id))
    # The index answers differently from now on: cached search pages and
    # engine matches were built from the old words (shop/common/page_versions.py).
    page_versions_bump(names=[SEARCH])
    return obj is not None


def search_index_product(*, product_id: int) -> bool:
    return _index_sync(model=Product, object_id=product_id)


def search_index_producer(*, producer_id: int) -> bool:
    return _index_sync(model=Producer, object_id=producer_id)


def search_index_producer_products(*, producer_id: int) -> int:
    """A producer's name and district are indexed with each of its products."""
    ids = list(Product.objects.filter(producer_id=producer_id, parent=None).values_list("pk", flat=True))
    for product_id in ids:
        search_index_product(product_id=product_id)
    return len(ids)


def search_index_product_later(*, product_id: int) -> None:
    outbox_send(task=INDEX_PRODUCT_TASK, args=[product_id])


def search_index_producer_later(*, producer_id: int) -> None:
    outbox_send(task=INDEX_PRODUCER_TASK, args=[producer_id])


def _chunks(queryset, size: int) -> Iterable[list]:
    start = 0
    while True:
        chunk = list(queryset[start : start + size])
        if not chunk:
            return
        yield chunk
        start += size


def search_index_rebuild(*, progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Rebuild every backend's index from the database: products, producers,
    stories and every other Wagtail-indexed model. Returns the number of
    objects indexed per model label. ``progress(label, done, total)`` is
    called after each chunk.

    Each backend rebuilds atomically where it can (a transaction on the
    database backends, a new index swapped in on Elasticsearch), so searches
    keep working meanwhile. The index is emptied first: entries of products
    that were unpublished while the worker was down go away too.
    """
    counts: dict[str, int] = {}
    models = get_indexed_models()
    for backend in get_search_backends():
        indexes: dict = {}
        for model in models:
            index = backend.get_index_for_model(model)
            indexes.setdefault(index.get_key(), (index, []))[1].append(model)
        for index, index_models in indexes.values():
            rebuilder = backend.rebuilder_class(index) if backend.rebuilder_class else None
            if rebuilder is not None:
                index = rebuilder.start()
            index.reset()
            for model in index_models:
                index.add_model(model)
                queryset = model.get_indexed_objects().order_by("pk")
                total = queryset.count()
                label = f"{model._meta.app_label}.{model.__name__}"
                done = 0
                for chunk in _chunks(queryset, REBUILD_CHUNK_SIZE):
                    index.add_items(model, chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(label, done, total)
                if progress is not None and total == 0:
                    progress(label, 0, 0)
                counts[label] = done
            if rebuilder is not None:
                rebuilder.finish()
    from .suggestions import vocabulary_forget

    vocabulary_forget()
    return counts
