"""The listing's "Filter" button (issue #19, point 16): on a phone the facet
groups sit behind it, and it shows how many filters are active; the sort is
a menu next to it. One copy of the facets serves both the phone and the
desk layout (static/css/otop.css), so the page costs no extra query
(tests/functional/catalog/test_listing_query_counts.py). The phone layout
itself is checked in a browser: tests/e2e/test_listing_on_a_phone.py."""

import re
from decimal import Decimal

import pytest

from tests.factories.catalog import DistrictFactory, ProducerFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

COUNT = re.compile(r'data-active-filter-count="(\d+)"')


@pytest.fixture
def two_districts(db):
    """Four products in two districts, two of them natural-dyed and in stock."""
    districts = [
        DistrictFactory(),
        DistrictFactory(code="5014", slug="doi-saket", name_th="ดอยสะเก็ด", name_en="Doi Saket"),
    ]
    for n in range(4):
        StockRecordFactory(
            price=Decimal("450.00"), num_in_stock=n % 2,
            product__producer=ProducerFactory(district=districts[n % 2]),
            product__dye_type="natural" if n % 2 else "chemical",
        )  # fmt: skip
    return districts


def active_filter_counts(html: str) -> list[int]:
    return [int(count) for count in COUNT.findall(html)]


def test_the_filter_button_shows_no_count_without_filters(client, two_districts):
    response = client.get("/en/shop/catalogue/")

    html = response.content.decode()
    assert "data-filter-toggle" in html
    assert active_filter_counts(html) == []
    assert response.context["active_filter_count"] == 0


def test_the_filter_button_counts_each_active_filter(client, two_districts):
    one = client.get("/en/shop/catalogue/", {"district": "doi-saket"}).content.decode()
    three = client.get(
        "/en/shop/catalogue/", {"district": "doi-saket", "dye": "natural", "stock": "1"}
    ).content.decode()

    assert active_filter_counts(one) == [1]
    assert active_filter_counts(three) == [3]
    assert 'data-active-filter-count="3">3<span class="sr-only"> active filters</span>' in three


def test_the_filter_count_leaves_out_a_filter_that_names_nothing(client, two_districts):
    html = client.get("/en/shop/catalogue/", {"district": "no-such-district", "stock": "1"}).content.decode()

    assert active_filter_counts(html) == [1]


def test_the_sort_menu_next_to_the_filter_button_offers_every_order_keeping_the_filters(client, two_districts):
    response = client.get("/en/shop/districts/san-kamphaeng/", {"stock": "1", "sort_by": "price_asc"})

    html = response.content.decode()
    menu = html[html.index('class="otop-sort-menu"') :]
    menu = menu[: menu.index("</details>")]
    assert re.search(r'otop-sort-menu__current">Price: low to high<', menu)
    links = re.findall(r'href="([^"]+)"', menu)
    assert len(links) == len(response.context["sort_options"]) == 5  # relevance only when searching
    assert all("stock=1" in link for link in links)


def test_the_facets_are_in_the_page_once(client, two_districts):
    html = client.get("/en/shop/catalogue/").content.decode()

    assert html.count('class="otop-facets') == 1
    assert html.count('data-facet="district"') == 1
