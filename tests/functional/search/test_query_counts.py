"""Listing pages load products, images, prices and stock in a fixed number
of queries: the same for 12, 24 and 48 products per page (warmed by a
first request like a real visitor's second page view)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.search.services import search_index_rebuild
from tests.factories.catalog import (
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    StockRecordFactory,
    category_get_or_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_built(settings):
    # Counts the page as built, a page-cache miss; the cache itself is tested in tests/functional/shop/test_page_cache.py.
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def fifty_products(db):
    category = category_get_or_create("silk", "ผ้าไหม")
    producers = [ProducerFactory() for _ in range(3)]
    products = []
    for n in range(50):
        product = ProductFactory(title=f"ผ้าไหมลาย {n:02d}", title_en=f"Silk pattern {n:02d}", producer=producers[n % 3])
        StockRecordFactory(product=product, num_in_stock=n % 4)
        ProductImageFactory(product=product)
        product.categories.add(category)
        products.append(product)
    search_index_rebuild()
    return {"products": products, "category": category}


def queries(client, url) -> int:
    client.get(url)  # warm: thumbnails, Wagtail's site root, Oscar's menus
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize(
    "path",
    [
        "/en/shop/catalogue/?",
        "/en/shop/search/?q=silk&",
        "/en/shop/search/?q=ไหม&sort_by=price_asc&stock=1&",
        "/en/shop/catalogue/?stars=3&stock=1&price_min=10&",
    ],
)
def test_listing_pages_cost_the_same_queries_for_12_24_and_48_products(client, fifty_products, path):
    counts = {}
    for size in (12, 24, 48):
        count, response = queries(client, f"{path}size={size}")
        shown = len(response.context["products"])
        assert shown == min(size, response.context["page_obj"].count)
        counts[size] = count
    assert counts[12] == counts[24] == counts[48], counts


def test_the_category_page_costs_the_same_queries_for_12_and_48_products(client, fifty_products):
    url = fifty_products["category"].get_absolute_url()
    assert queries(client, f"{url}?size=12")[0] == queries(client, f"{url}?size=48")[0]
