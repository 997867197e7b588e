"""On a phone (390 x 844) the catalogue, a search for ไหม and a district
page show their first products on the first screen: the facet groups are
behind a "Filter" button (with the number of active filters) next to the
sort, instead of filling two to four screens above the products (issue #19,
point 16). Opening the button shows the groups; choosing one filters.

At desktop width the facets stay the left column (the last test). The
filter count is also checked without a browser in
tests/functional/catalog/test_listing_filter_button.py."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.screens("phone"), pytest.mark.journey("listing")]

PHONE_HEIGHT = 844


@pytest.fixture(scope="module")
def silk_district(site, django_db_blocker):
    """Twelve products of six producers in three districts, of two OTOP types
    and three categories, with stars, a certificate, natural dye and four
    price bands: every facet group has options, as in the real shop. Their
    titles have ไหม (silk), and they are indexed for search."""
    from catalog.search.services import search_index_product
    from tests.factories.catalog import (
        CertificationFactory,
        DistrictFactory,
        OtopProductTypeFactory,
        ProducerFactory,
        category_get_or_create,
    )
    from tests.factories.order import stocked_product

    with django_db_blocker.unblock():
        districts = [
            DistrictFactory(code="5099", slug="phone-e2e-doi-saket", name_th="ดอยสะเก็ดทดสอบ", name_en="Doi Saket e2e"),
            DistrictFactory(code="5098", slug="phone-e2e-mae-rim", name_th="แม่ริมทดสอบ", name_en="Mae Rim e2e"),
            DistrictFactory(code="5097", slug="phone-e2e-hang-dong", name_th="หางดงทดสอบ", name_en="Hang Dong e2e"),
        ]
        types = [
            OtopProductTypeFactory(),
            OtopProductTypeFactory(code="phone-e2e-crafts", name_th="ของใช้ทดสอบ", name_en="Crafts e2e"),
        ]
        root = category_get_or_create("phone-e2e-textiles", "ผ้าทดสอบ")
        categories = [
            category_get_or_create("phone-e2e-scarves", "ผ้าพันคอทดสอบ", parent=root),
            category_get_or_create("phone-e2e-sarongs", "ผ้าซิ่นทดสอบ", parent=root),
            category_get_or_create("phone-e2e-bags", "กระเป๋าทดสอบ"),
        ]
        producers = [ProducerFactory(district=districts[n % 3]) for n in range(6)]
        prices = ["250.00", "480.00", "950.00", "2400.00"]
        for n in range(12):
            product = stocked_product(
                price=prices[n % 4], quantity=n % 3, producer=producers[n % 6], otop_type=types[n % 2],
                title=f"ผ้าไหมทอมือลายที่ {n} โทรศัพท์", title_en=f"Hand-woven silk no. {n} phone-e2e",
                otop_stars=3 + n % 3, dye_type="natural" if n % 2 else "chemical",
            )  # fmt: skip
            product.categories.add(categories[n % 3])
            if n % 4 == 0:
                CertificationFactory(product=product)
            search_index_product(product_id=product.pk)
        return districts[0]


def _listing_urls(district) -> dict[str, str]:
    with translation.override("th"):
        return {
            "catalogue": reverse("catalogue:index"),
            "search": reverse("search:search") + "?q=ไหม",
            "district": reverse("district-products", kwargs={"slug": district.slug}),
        }


def _first_card_top(page) -> float:
    """The first product card's top edge, in px from the top of the page."""
    card = page.locator(".product-card").first
    expect(card).to_be_visible()
    return card.evaluate("(el) => el.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("listing", ["catalogue", "search", "district"])
def test_on_a_phone_the_first_products_are_on_the_first_screen_with_the_filters_behind_a_button(
    page, shot, silk_district, listing
):
    page.goto(_listing_urls(silk_district)[listing])

    top = _first_card_top(page)
    shot(f"01-{listing}")
    assert top < PHONE_HEIGHT, f"the first product starts {top / PHONE_HEIGHT:.1f} screens down"
    expect(page.locator(".otop-facets")).to_be_hidden()
    expect(page.locator("[data-filter-toggle]")).to_be_visible()
    # The sort sits next to the Filter button, on the same row.
    toggle_box = page.locator("[data-filter-toggle]").bounding_box()
    sort_box = page.locator(".otop-sort-menu > summary").bounding_box()
    assert abs(toggle_box["y"] - sort_box["y"]) < 4 and sort_box["x"] > toggle_box["x"]


def test_on_a_phone_the_filter_button_opens_the_facets_and_a_chosen_one_filters_the_results(
    page, shot, tap, silk_district
):
    page.goto(_listing_urls(silk_district)["search"])
    before = int(page.locator("[data-result-count]").get_attribute("data-result-count"))
    expect(page.locator("[data-active-filter-count]")).to_have_count(0)

    tap(page.locator("[data-filter-toggle]"))
    districts = page.locator("[data-facet=district]")
    expect(districts).to_be_visible()
    shot("02-filters-open")
    option = districts.get_by_role("link", name=re.compile("ดอยสะเก็ดทดสอบ"))
    expected = int(option.locator("xpath=..").locator("[data-count]").inner_text())
    tap(option)

    expect(page).to_have_url(re.compile(r"district=phone-e2e-doi-saket"))
    expect(page.locator("[data-active-filter-count]")).to_have_attribute("data-active-filter-count", "1")
    after = int(page.locator("[data-result-count]").get_attribute("data-result-count"))
    assert after == expected < before
    expect(page.locator(".otop-facets")).to_be_hidden()
    assert _first_card_top(page) < PHONE_HEIGHT
    shot("03-filtered")

    # The sort next to it: a menu of the orders, the filter kept.
    tap(page.locator(".otop-sort-menu > summary"))
    tap(page.locator(".otop-sort-menu").get_by_role("link", name=re.compile("ราคา: ต่ำไปสูง|Price: low to high")))
    expect(page).to_have_url(re.compile(r"sort_by=price_asc"))
    expect(page).to_have_url(re.compile(r"district=phone-e2e-doi-saket"))
    shot("04-sorted")


@pytest.mark.screens("desktop")
def test_on_a_desk_the_facets_stay_the_left_column_beside_the_products(page, shot, silk_district):
    page.goto(_listing_urls(silk_district)["catalogue"])

    facets = page.locator(".otop-facets")
    expect(facets).to_be_visible()
    expect(page.locator("[data-filter-toggle]")).to_be_hidden()
    expect(page.locator(".otop-sort-menu")).to_be_hidden()
    expect(page.locator(".otop-sort")).to_be_visible()
    card = page.locator(".product-card").first.bounding_box()
    column = facets.bounding_box()
    assert column["x"] + column["width"] <= card["x"], "the facets are not left of the products"
    assert card["y"] < 900
    shot("01-catalogue")
