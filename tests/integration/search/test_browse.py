"""Filters, facet counts, sorting and pagination of the shared listing
(catalog.listing_selectors), on the search corpus."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from catalog import listing_selectors
from catalog.search import engine

pytestmark = pytest.mark.django_db


def listing(query_string: str = "", *, q: str | None = None, category=None, district=None, page_size=48):
    data = QueryDict(query_string)
    parsed = engine.parse(q) if q is not None else None
    return listing_selectors.browse_page(
        filters=listing_selectors.browse_filters_parse(data=data),
        sort=listing_selectors.sort_parse(value=data.get("sort_by"), searching=parsed is not None),
        page=listing_selectors.page_number_parse(value=data.get("page")),
        page_size=page_size,
        category=category,
        district=district,
        query=parsed,
        ranked_ids=engine.product_ids_ranked(parsed) if parsed else None,
    )


def keys(corpus_data, page) -> set[str]:
    key_of = {p.pk: key for key, p in corpus_data["products"].items()}
    return {key_of[p.pk] for p in page.products}


def assert_every_facet_count_is_the_count_after_clicking(page, **listing_kwargs):
    checked = 0
    for group in page.facets:
        for option in group.options:
            if option.selected:
                continue
            clicked = listing(urlencode(option.params), **listing_kwargs)
            assert clicked.count == option.count, (group.name, option.label, option.count, clicked.count)
            checked += 1
    assert checked >= 5


def test_facet_counts_equal_the_filtered_result_counts_on_the_catalogue(search_corpus):
    assert_every_facet_count_is_the_count_after_clicking(listing())


def test_facet_counts_equal_the_result_counts_with_a_filter_already_applied(search_corpus):
    page = listing("stock=1&type=textiles")
    assert page.count == 7  # textiles in stock: 9 textiles, 2 without stock
    for group in page.facets:
        for option in group.options:
            if option.selected:
                continue
            clicked = listing(urlencode(option.params))
            assert clicked.count == option.count, (group.name, option.label)


def test_facet_counts_equal_the_result_counts_of_a_search(search_corpus):
    page = listing(q="ผ้า")
    assert page.count > 5
    for group in page.facets:
        for option in group.options:
            if not option.selected:
                clicked = listing(urlencode(option.params), q="ผ้า")
                assert clicked.count == option.count, (group.name, option.label)


def test_invalid_filter_values_are_ignored_and_the_rest_still_apply(search_corpus):
    valid_only = listing("type=textiles")
    with_garbage = listing(
        "type=textiles&district=nowhere&stars=9&price_min=abc&price_max=-5&cert=fake&category=999999"
        "&producer=%27%3B--&stock=maybe&dye=blue&sort_by=sideways&page=-3&size=7"
    )
    assert with_garbage.count == valid_only.count == 9
    assert {p.pk for p in with_garbage.products} == {p.pk for p in valid_only.products}


def test_only_valid_certifications_count(search_corpus):
    page = listing("cert=fda")
    assert keys(search_corpus, page) == {"honey", "herbal_balm"}  # coffee's expired yesterday
    cert_group = next(g for g in listing().facets if g.name == "cert")
    fda = next(o for o in cert_group.options if o.params.get("cert") == "fda")
    assert fda.count == 2


def test_each_filter_limits_the_products(search_corpus):
    assert keys(search_corpus, listing("dye=natural")) == {
        "silk_scarf",
        "silk_shawl_indigo",
        "indigo_cotton",
        "indigo_shirt",
        "hemp_bag",
    }
    assert "umbrella_cotton" not in keys(search_corpus, listing("stock=1"))
    assert keys(search_corpus, listing("stars=5")) == {
        "silk_scarf",
        "umbrella_paper",
        "dried_longan",
        "lacquer_box",
        "silver_bowl",
    }
    cheap = listing("price_min=100&price_max=200")
    assert keys(search_corpus, cheap) == {"sa_paper_notebook", "coffee_drip", "dried_longan", "sai_ua"}
    assert keys(search_corpus, listing("producer=makers-hang-dong")) == {
        "sai_ua",
        "nam_phrik",
        "silver_bowl",
        "silver_earrings",
        "wood_elephant",
        "teak_tray",
    }
    assert keys(search_corpus, listing("district=chom-thong")) == {"tea_oolong", "rice", "herbal_balm", "herbal_soap"}


def test_a_category_includes_its_sub_categories(search_corpus):
    textiles = search_corpus["categories"]["textiles"]
    page = listing(f"category={textiles.pk}")
    assert page.count == 9  # silk (4) + cotton (4) + hemp bag
    on_category_page = listing(category=textiles)
    assert on_category_page.count == 9
    sub = next(g for g in on_category_page.facets if g.name == "category")
    assert {o.label: o.count for o in sub.options} == {"ผ้าไหม": 4, "ผ้าฝ้าย": 4}


def test_the_district_page_lists_its_products(search_corpus):
    page = listing(district=search_corpus["districts"]["san-kamphaeng"])
    assert page.count == 7
    assert all(g.name != "district" for g in page.facets)


def test_price_sorting_is_by_the_shelf_price(search_corpus):
    ascending = [p.stockrecords.all()[0].price for p in listing("sort_by=price_asc").products]
    assert ascending == sorted(ascending)
    descending = [p.stockrecords.all()[0].price for p in listing("sort_by=price_desc").products]
    assert descending == sorted(descending, reverse=True)
    assert descending[0] == Decimal("4500")


def test_stars_and_newest_sorting(search_corpus):
    stars = [p.otop_stars for p in listing("sort_by=stars").products]
    assert stars == sorted(stars, reverse=True)
    newest = listing("sort_by=newest").products
    assert [p.date_created for p in newest] == sorted((p.date_created for p in newest), reverse=True)


def test_pagination_splits_the_results_and_a_page_past_the_end_shows_the_last(search_corpus):
    first = listing("page=1", page_size=12)
    third = listing("page=3", page_size=12)
    beyond = listing("page=99", page_size=12)
    assert first.count == 30 and first.num_pages == 3
    assert len(first.products) == 12 and len(third.products) == 6
    assert beyond.number == 3 and [p.pk for p in beyond.products] == [p.pk for p in third.products]


def test_search_results_are_filtered_like_the_catalogue(search_corpus):
    page = listing("stock=1", q="ร่ม")
    assert keys(search_corpus, page) == {"umbrella_paper"}
