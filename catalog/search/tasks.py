"""Celery envelopes of catalog.search.services: ids in, idempotent (indexing
twice gives the same index), sent on commit by the *_later services."""

from celery import shared_task

from . import services


@shared_task(name="catalog.search.index_product")
def index_product(product_id: int) -> bool:
    return services.search_index_product(product_id=product_id)


@shared_task(name="catalog.search.index_producer")
def index_producer(producer_id: int) -> int:
    services.search_index_producer(producer_id=producer_id)
    return services.search_index_producer_products(producer_id=producer_id)
