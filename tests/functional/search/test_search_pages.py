"""The search page, the listing pages and the autocomplete endpoint as a
visitor uses them, including every kind of bad input."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from catalog.search.services import search_index_product

pytestmark = pytest.mark.django_db

SEARCH = "/en/shop/search/"
SUGGEST = "/en/shop/search/suggest/"


def test_the_header_search_url_is_ours_in_every_language():
    assert reverse("search:search") == "/shop/search/"
    assert reverse("search:autocomplete") == "/shop/search/suggest/"


@pytest.mark.parametrize(
    "q, expected_first",
    [("ไหม", "Silk"), ("silk", "Silk"), ("umbrella", "Bo Sang paper umbrella"), ("coffee", "coffee"), ("丝绸", "Silk")],
)
def test_typing_in_the_search_box_shows_the_expected_products_first(client, search_corpus, q, expected_first):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    first = response.context["products"][0]
    assert expected_first.lower() in first.title_en.lower()


def test_results_have_escaped_highlighted_snippets(client, search_corpus):
    scarf = search_corpus["products"]["silk_scarf"]
    scarf.description_en = '<script>alert("x")</script> Pure silk <img src=x onerror=alert(1)>, woven & "dyed".'
    scarf.save()
    search_index_product(product_id=scarf.pk)

    html = client.get(SEARCH, {"q": "silk"}).content.decode()

    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "Pure <mark>silk</mark> , woven &amp; &quot;dyed&quot;." in html


def test_matching_producers_are_listed_with_the_products(client, search_corpus):
    response = client.get(SEARCH, {"q": "Hang Dong"})
    assert [p.slug for p in response.context["producers"]] == ["makers-hang-dong"]


def test_no_results_suggest_a_spelling_and_nearby_categories(client, search_corpus):
    # As typed: otherwise the page shows the correction's results at once
    # (test_suggestions_and_corrections.py).
    response = client.get(SEARCH, {"q": "umbrela", "as_typed": "1"})
    assert response.status_code == 200
    assert response.context["page_obj"].count == 0
    assert response.context["suggestion"] == "umbrella"
    html = response.content.decode()
    assert "?q=umbrella" in html
    assert [c.slug for c in response.context["nearby_categories"]] == ["crafts"]


def test_no_results_for_two_words_suggest_the_categories_of_either(client, search_corpus):
    response = client.get(SEARCH, {"q": "silk bamboo"})
    assert response.context["page_obj"].count == 0
    assert {c.slug for c in response.context["nearby_categories"]} >= {"silk"}


def test_filters_stay_in_the_links_of_the_page(client, search_corpus):
    response = client.get(SEARCH, {"q": "ผ้า", "stock": "1", "sort_by": "price_asc"})
    html = response.content.decode()
    facet_links = [o.href for g in response.context["facets"] for o in g.options]
    assert facet_links and all("stock=1" in href or "stock" not in href for href in facet_links)
    assert all("q=" in href and "sort_by=price_asc" in href for href in facet_links)
    assert "stock=1" in html


BAD_QUERIES = [
    "",
    " ",
    "x" * 1000,
    "ไหม" * 400,
    "🧣🧵🪡",
    '"',
    "*",
    "AND",
    ":",
    "-",
    '" * AND : -',
    'silk" OR "1"="1',
    "title:silk",
    "NEAR(silk scarf)",
    "silk -cotton",
    "ผ้าไหม silk 丝绸 🧣",
    # "\x00\x01" is refused before the search with a 400 (shop/request_guard.py,
    # tests/functional/security/test_hostile_input_sweep.py).
    "%",
    "'; DROP TABLE catalogue_product; --",
    "\\",
    "^silk",
    "{title}: silk",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_queries_never_cause_an_error(client, search_corpus, q):
    assert client.get(SEARCH, {"q": q}).status_code == 200
    assert client.get(SUGGEST, {"q": q}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"stars": "abc"},
        {"stars": "99"},
        {"price_min": "1e999"},
        {"price_min": "NaN", "price_max": "-1"},
        {"page": "abc"},
        {"page": "999999999999"},
        {"size": "1000000"},
        {"category": "1 OR 1=1"},
        {"district": "../../etc"},
        {"producer": "🧣"},
        {"sort_by": "price_desc;"},
        {"type": "x" * 500},
    ],
)
def test_invalid_filters_never_cause_an_error_on_any_listing(client, search_corpus, params):
    category = search_corpus["categories"]["textiles"]
    for url in (
        SEARCH + "?" + urlencode({"q": "silk", **params}),
        "/en/shop/catalogue/?" + urlencode(params),
        category.get_absolute_url() + "?" + urlencode(params),
        "/en/shop/districts/san-kamphaeng/?" + urlencode(params),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page_obj"].count > 0


def test_the_catalogue_category_and_district_pages_list_products_with_facets(client, search_corpus):
    for url in (
        "/en/shop/catalogue/",
        search_corpus["categories"]["textiles"].get_absolute_url(),
        "/shop/districts/san-kamphaeng/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["facets"]
        assert response.context["page_obj"].count > 0


def test_an_unknown_district_page_is_404(client, search_corpus):
    assert client.get("/en/shop/districts/atlantis/").status_code == 404


def test_autocomplete_returns_products_and_producers_as_json(client, search_corpus):
    data = client.get(SUGGEST, {"q": "ผ้าไห"}).json()
    assert data["products"] and all("silk" in p["title"].lower() for p in data["products"])
    thai = client.get("/shop/search/suggest/", {"q": "ผ้าไห"}).json()
    assert all("ไหม" in p["title"] for p in thai["products"])
    data = client.get(SUGGEST, {"q": "Hang"}).json()
    assert [p["name"] for p in data["producers"]] == ["Hang Dong makers"]
    assert all(p["url"].startswith("/en/") for p in data["products"] + data["producers"])


def test_autocomplete_is_rate_limited_per_client(client, search_corpus, settings):
    settings.SEARCH_AUTOCOMPLETE_RATE_LIMIT = 3
    statuses = [client.get(SUGGEST, {"q": "silk"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get(SUGGEST, {"q": "silk"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_autocomplete_answers_every_prefix_a_visitor_types_first_and_again_from_the_cache(client, search_corpus):
    # What search-as-you-type sends; how fast: bench/search_bench.py ("typing").
    for prefix in ["ผ", "ผ้า", "ผ้าไห", "si", "silk", "um", "co", "丝", "ร่ม", "Hang"]:
        for _ in ("uncached", "cached"):
            assert client.get(SUGGEST, {"q": prefix}).status_code == 200, prefix


@pytest.mark.parametrize("q", ["", '" * AND : -', "🧣"])
def test_a_query_without_words_lists_the_whole_catalogue(client, search_corpus, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200
    assert response.context["page_obj"].count == 30
    assert not response.context["searched"]
