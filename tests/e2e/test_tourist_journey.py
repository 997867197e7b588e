"""A tourist, in English and in Thai: home page -> story -> product ->
basket, in a real browser, with axe-core on the pages that sell."""

import pytest
from playwright.sync_api import expect

from tests.factories.pages import StoryPageFactory, image_create, products_block, translate

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def story(site, django_db_blocker):
    from decimal import Decimal

    from tests.factories.catalog import StockRecordFactory

    with django_db_blocker.unblock():
        product = StockRecordFactory(
            price=Decimal("1200.00"), product__title="ผ้าพันคอไหม", product__title_en="Silk scarf"
        ).product
        story = _story(site, product)
    return product


def _story(site, product):
    story = StoryPageFactory(
        parent=site.index, slug="silk", title="ไหมสันกำแพง", hero_image=image_create("Loom"),
        producer=product.producer, body=[products_block([product], heading="ซื้อจากเรื่องนี้")],
    )  # fmt: skip
    translate(story, "en", title="San Kamphaeng silk", slug="silk")
    return story


@pytest.mark.parametrize(
    ("home", "story_title", "product_title"),
    [("/en/", "San Kamphaeng silk", "Silk scarf"), ("/", "ไหมสันกำแพง", "ผ้าพันคอไหม")],
    ids=["english", "thai"],
)
def test_a_tourist_goes_from_the_home_page_through_a_story_to_the_basket(
    page, shot, axe, story, home, story_title, product_title
):
    page.goto(home)
    expect(page.locator("html")).to_have_attribute("lang", "en" if home == "/en/" else "th")
    shot("01-home")
    axe(f"home-{'en' if home == '/en/' else 'th'}")

    page.get_by_role("link", name=story_title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(story_title)
    shot("02-story")

    page.get_by_role("link", name=product_title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(product_title)
    shot("03-product")
    axe(f"product-{'en' if home == '/en/' else 'th'}")

    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(f"{home}shop/basket/")
    expect(page.locator("#content_inner")).to_contain_text(product_title)
    expect(page.locator(".site-basket__count")).to_contain_text("1")
    shot("04-basket")
    axe(f"basket-{'en' if home == '/en/' else 'th'}")
