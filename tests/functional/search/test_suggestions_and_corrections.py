"""What a visitor typing in the search box gets: suggestions in the order
they expect (#19, point 1) and the results of the corrected spelling at once
when what they typed matches nothing (#19, point 2)."""

import pytest

from catalog.search.services import search_index_product
from tests.factories.catalog import ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

SEARCH = "/en/shop/search/"


def _product(title: str, title_en: str):
    product = ProductFactory(title=title, title_en=title_en)
    StockRecordFactory(product=product, num_in_stock=5, num_allocated=0)
    search_index_product(product_id=product.pk)
    return product


@pytest.fixture
def kaa_products(search_corpus):
    """Two products whose words share only กา with กาแฟ (coffee)."""
    return [
        _product("น้ำมันนวดการบูร", "Camphor massage oil"),
        _product("ชามเซลาดอนลายดอกการเวก", "Celadon bowl, karawek flower"),
    ]


def test_suggestions_for_the_start_of_a_thai_word_list_that_word_first(client, kaa_products):
    titles = [p["title"] for p in client.get("/shop/search/suggest/", {"q": "กาแ"}).json()["products"]]
    assert titles[:2] and all(title.startswith("กาแฟ") for title in titles[:2]), titles
    assert not any("การบูร" in title or "การเวก" in title for title in titles), titles


def test_a_suggestion_that_starts_with_the_typed_text_ranks_first(client, kaa_products):
    titles = [p["title"] for p in client.get("/shop/search/suggest/", {"q": "การบู"}).json()["products"]]
    assert titles[0] == "น้ำมันนวดการบูร" or titles[0].startswith("การบู"), titles
    assert "ชามเซลาดอนลายดอกการเวก" not in titles


def test_a_typo_shows_the_results_of_the_correction_at_once(client, search_corpus):
    response = client.get(SEARCH, {"q": "sillk"})
    assert response.status_code == 200
    assert response.context["corrected_from"] == "sillk"
    assert response.context["query"] == "silk"
    assert response.context["page_obj"].count > 0
    assert all("silk" in p.title_en.lower() for p in response.context["products"])
    html = response.content.decode()
    assert "Showing results for" in html
    assert "Search instead for" in html
    assert "?q=sillk&amp;as_typed=1" in html


def test_searching_instead_for_the_typed_word_shows_no_results_and_the_suggestion(client, search_corpus):
    response = client.get(SEARCH, {"q": "sillk", "as_typed": "1"})
    assert response.context["page_obj"].count == 0
    assert response.context["corrected_from"] is None
    assert response.context["suggestion"] == "silk"
    assert "Did you mean" in response.content.decode()


def test_the_filters_and_pages_of_corrected_results_keep_the_correction(client, search_corpus):
    response = client.get(SEARCH, {"q": "sillk", "sort_by": "price_asc"})
    assert response.context["listing_params"] == {"q": "silk"}
    assert all("q=silk" in option["href"] for option in response.context["sort_options"])


def test_a_word_with_results_is_never_corrected(client, search_corpus):
    response = client.get(SEARCH, {"q": "silk"})
    assert response.context["corrected_from"] is None


def test_a_typo_with_no_close_word_keeps_the_no_results_help(client, search_corpus):
    response = client.get(SEARCH, {"q": "zzzzqx"})
    assert response.status_code == 200
    assert response.context["page_obj"].count == 0
    assert response.context["corrected_from"] is None
