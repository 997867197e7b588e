"""A tourist, in English and in Thai: home page -> story -> product ->
basket -> checkout as a guest (pickup at the center) -> payment -> the
confirmation page with the order number and pickup code -> the confirmation
email, in a real browser, with axe-core on the pages that sell.

The payment is the site's TEST PAYMENT (a server without Stripe keys): the
card form is Stripe's Payment Element from https://js.stripe.com, which
cannot load offline (tests/e2e/README.md says where the card path is tested)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.pages import StoryPageFactory, image_create, products_block, translate

pytestmark = pytest.mark.e2e  # at desktop and phone width (conftest.py SCREENS)


@pytest.fixture(scope="module")
def story(site, django_db_blocker):
    from tests.factories.order import stocked_product

    with django_db_blocker.unblock():
        # Received into stock through the inventory services: checkout reserves it.
        product = stocked_product(price="1200.00", quantity=10, title="ผ้าพันคอไหม", title_en="Silk scarf")
        _story(site, product)
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
def test_a_tourist_goes_from_the_home_page_through_a_story_to_the_confirmation_and_its_email(
    page,
    shot,
    axe,
    tap,
    wait_for_email,
    guest_checkout,
    order_on_thank_you,
    site_server,
    story,
    home,
    story_title,
    product_title,
):
    page.goto(home)
    expect(page.locator("html")).to_have_attribute("lang", "en" if home == "/en/" else "th")
    shot("01-home")
    axe(f"home-{'en' if home == '/en/' else 'th'}")

    tap(page.get_by_role("link", name=story_title).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text(story_title)
    shot("02-story")

    tap(page.get_by_role("link", name=product_title).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text(product_title)
    shot("03-product")
    axe(f"product-{'en' if home == '/en/' else 'th'}")

    tap(page.locator("#add_to_basket_form button[type=submit]"))
    page.wait_for_load_state()
    page.goto(f"{home}shop/basket/")
    expect(page.locator("#content_inner")).to_contain_text(product_title)
    expect(page.locator(".site-basket__count")).to_contain_text("1")
    shot("04-basket")
    language = "en" if home == "/en/" else "th"
    axe(f"basket-{language}")

    address = f"story.tourist.{language}@example.com"
    guest_checkout(
        page, base=site_server, product=story, email_address=address, method="test", language=language,
        from_basket=True, shots="05-checkout-",
    )  # fmt: skip
    expect(page).to_have_url(re.compile(r"/pay/"))
    shot("06-payment")
    tap(page.locator("form[action$='/test-pay/'] button[type=submit]"))

    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    number, pickup_code = order_on_thank_you(page, email_address=address)
    shot("07-confirmation")
    sent = wait_for_email(address, containing=number)
    assert sent, "no confirmation email with the order number"
    assert pickup_code in "\n".join(sent)
