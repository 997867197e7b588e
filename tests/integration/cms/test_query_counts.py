"""A page costs the same number of queries whether its product blocks show
one product or twelve: the page gathers the ids of all its product blocks
and loads them once (cms.models.base.BasePage.get_context)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.pages import StoryPageFactory, image_create, products_block

pytestmark = pytest.mark.django_db

# Upper bounds, measured when written (26 queries for each page with a warm
# cache, most of them Wagtail's routing, the basket and the header), with a
# little room: a new per-request query elsewhere should not fail these
# tests, a query per product must.
HOME_QUERY_BUDGET = 32
STORY_QUERY_BUDGET = 32


@pytest.fixture(autouse=True)
def _page_built(settings):
    # Counts the page as built, a page-cache miss; the cache itself is tested in tests/functional/shop/test_page_cache.py.
    settings.PAGE_CACHE_ENABLED = False


def queries(client, url) -> tuple[int, str]:
    client.get(url)  # warm the caches (site root paths, renditions, thumbnails)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.fixture
def twelve_products(make_product):
    return [make_product(title=f"สินค้าหมายเลข {n:02d}") for n in range(12)]


def story(site, products):
    picked = [{"type": "product", "value": p.pk} for p in products]
    return StoryPageFactory(
        parent=site.index,
        hero_image=image_create("Hero"),
        body=[products_block(products[:1], heading="First"), products_block(products, heading="All")],
        shop_products=picked,
    )


def test_a_story_with_twelve_products_costs_as_many_queries_as_one_with_one(client, cms_site, twelve_products):
    one = story(cms_site, twelve_products[:1])
    twelve = story(cms_site, twelve_products)

    count_one, _ = queries(client, one.url)
    count_twelve, html = queries(client, twelve.url)

    assert all(f"สินค้าหมายเลข {n:02d}" in html for n in range(12))
    assert count_twelve == count_one
    assert count_twelve <= STORY_QUERY_BUDGET


def test_the_home_page_costs_as_many_queries_with_twelve_featured_products_as_with_one(
    client, cms_site, twelve_products
):
    home = cms_site.home
    StoryPageFactory(parent=cms_site.index, hero_image=image_create("Story"))

    home.featured_products = [{"type": "product", "value": twelve_products[0].pk}]
    home.body = [products_block(twelve_products[:1])]
    home.save_revision().publish()
    count_one, _ = queries(client, "/")

    home.featured_products = [{"type": "product", "value": p.pk} for p in twelve_products]
    home.body = [products_block(twelve_products)]
    home.save_revision().publish()
    count_twelve, html = queries(client, "/")

    assert all(f"สินค้าหมายเลข {n:02d}" in html for n in range(12))
    assert count_twelve == count_one
    assert count_twelve <= HOME_QUERY_BUDGET


def test_the_home_page_with_automatic_featured_products_has_a_fixed_cost(client, cms_site, make_product):
    make_product()
    count_one, _ = queries(client, "/")
    for _ in range(7):
        make_product()

    count_eight, _ = queries(client, "/")

    assert count_eight == count_one
