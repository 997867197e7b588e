"""A tourist types in the header's search box and picks a suggestion, then
uses the product page's gallery, zoom and quantity (#19, points 1 and 3), at
desktop width and on a phone (conftest.py SCREENS).

The suggestion list once opened behind the brown navigation bar: 15 px of
it showed and nothing in it could be clicked. `tap` checks that the element
at a suggestion's centre is the suggestion (document.elementFromPoint), so
a bar or panel lying over the list fails here."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def coffee(site, django_db_blocker):
    """Coffee and two products sharing only กา with it (การบูร, การเวก), indexed,
    the coffee with three photos (renditions built, as the task does)."""
    from catalog.search.services import search_index_product
    from catalog.services.images import product_image_renditions_build
    from tests.factories.catalog import ProductImageFactory, StockRecordFactory

    with django_db_blocker.unblock():
        products = {}
        for key, title, title_en in (
            ("coffee", "กาแฟคั่วดอยสะเก็ด", "Doi Saket roasted coffee"),
            ("oil", "น้ำมันนวดการบูรสูตรเย็น", "Cooling camphor massage oil"),
            ("bowl", "ชามเซลาดอนดอกการเวก", "Celadon karawek flower bowl"),
        ):
            record = StockRecordFactory(
                num_in_stock=5, num_allocated=0, product__title=title, product__title_en=title_en
            )
            products[key] = record.product
        for position, colour in enumerate(("Brown", "Black", "Gold")):
            image = ProductImageFactory(
                product=products["coffee"], display_order=position, alt_text=f"{colour} coffee bag"
            )
            product_image_renditions_build(image_id=image.pk)
        for product in products.values():
            search_index_product(product_id=product.pk)
    return products


@pytest.mark.parametrize(
    ("home", "typed", "title"),
    [("/en/", "Doi Sak", "Doi Saket roasted coffee"), ("/", "กาแ", "กาแฟคั่วดอยสะเก็ด")],
    ids=["english", "thai"],
)
def test_a_tourist_picks_a_search_suggestion_that_lies_above_the_navigation_bar(
    page, shot, tap, coffee, home, typed, title
):
    page.goto(home)
    box = page.locator("#id_q")
    tap(box)
    box.press_sequentially(typed, delay=40)
    suggestions = page.locator("#id_q-suggestions")
    expect(suggestions).to_be_visible()
    first = suggestions.locator("a").first
    expect(first).to_have_text(title)  # กาแ: the coffee before การบูร and การเวก
    shot("01-suggestions")
    # Every suggestion, not only the first, is the element at its centre.
    for n in range(suggestions.locator("a").count()):
        link = suggestions.locator("a").nth(n)
        covered = link.evaluate(
            """(el) => { const b = el.getBoundingClientRect();
                const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                return top && (top === el || el.contains(top)) ? null : (top ? top.className || top.tagName : "nothing"); }"""
        )
        assert covered is None, f"suggestion {n + 1} is covered by {covered}"
    tap(first)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_tourist_looks_through_the_photos_zooms_in_and_adds_two_to_the_basket(page, shot, tap, coffee):
    page.goto("/en" + coffee["coffee"].get_absolute_url())
    main = page.locator("[data-gallery-main]")
    expect(main).to_have_attribute("alt", "Brown coffee bag")
    thumbs = page.locator("[data-gallery-thumb]")
    expect(thumbs).to_have_count(3)

    tap(thumbs.nth(2))
    expect(main).to_have_attribute("alt", "Gold coffee bag")
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "true")
    assert page.url.endswith(coffee["coffee"].get_absolute_url())  # swapped in place, not followed
    shot("01-third-photo")

    # Zoom from the keyboard: Enter on the photo, Escape closes, focus comes back.
    page.locator("[data-gallery-zoom]").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("[data-gallery-dialog]")
    expect(dialog).to_be_visible()
    large = page.locator("[data-gallery-dialog-image]")
    expect(large).to_have_attribute("alt", "Gold coffee bag")
    page.wait_for_function("() => document.querySelector('[data-gallery-dialog-image]').naturalWidth > 0")
    shot("02-zoomed")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("() => document.activeElement.matches('[data-gallery-zoom]')")

    quantity = page.locator("#add_to_basket_form input[name=quantity]")
    expect(quantity).to_have_attribute("max", "5")
    quantity.fill("2")
    tap(page.locator("#add_to_basket_form button[type=submit]"))
    page.wait_for_load_state()
    expect(page.locator(".site-basket__count")).to_contain_text("2")

    # More than the stock: a message on the page, not an error page.
    page.goto("/en" + coffee["coffee"].get_absolute_url())
    page.locator("#add_to_basket_form input[name=quantity]").fill("9")
    tap(page.locator("#add_to_basket_form button[type=submit]"))
    page.wait_for_load_state()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("a maximum of")
