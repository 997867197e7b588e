"""A content editor, in a real browser: logs in to Wagtail (/cms/), writes
a story under the stories index with a "products" block whose product is
picked in the product chooser, publishes it, and the story on the site
shows the product's card under the block's heading."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_an_editor_publishes_a_story_with_a_product_block_and_the_site_shows_the_card(
    page, shot, tap, staff_user, dashboard_login, site, screen
):
    from cms.models import StoryPage
    from shop.common.roles import CONTENT_EDITOR
    from tests.factories.order import stocked_product

    # One story and product per screen: the journey runs at each, on one database.
    title = f"ช่างทำโคมล้านนา อีทูอี {screen}"
    product = stocked_product(
        price="560.00", quantity=6, title=f"โคมผ้าฝ้าย อีทูอี {screen}", title_en=f"Cotton lantern e2e-editor-{screen}"
    )
    from wagtail.users.models import UserProfile

    editor = staff_user(f"editor-e2e-{screen}", role=CONTENT_EDITOR)
    # This editor works in the English admin (block names below are English).
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    dashboard_login(page, editor, login_url="/cms/login/")
    shot("01-wagtail-dashboard")

    page.goto(f"/cms/pages/add/cms/storypage/{site.index.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_date", "2026-11-20")
    # Wagtail's date picker opens and stays over the form (over the body's
    # "+" on a phone) until the editor leaves the field.
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    page.locator("#id_date").press("Tab")
    expect(picker).to_have_count(0)
    page.fill("#id_intro", "ครอบครัวช่างทำโคมที่ต้นเปา")

    # The body: one "products" block, its product picked in the chooser.
    body = page.locator("[data-contentpath=body]").first
    tap(body.locator("button.c-sf-add-button").first)
    page.locator(".w-combobox__option", has_text="Products").first.click()
    page.fill("#body-0-value-heading", "ซื้อโคมจากเรื่องนี้")
    tap(page.locator("#body-0-value-products-0-value").locator("xpath=..").locator("button.chooser__choose-button"))
    modal = page.locator(".modal-dialog:visible")
    expect(modal).to_have_count(1)
    modal.locator("input[name=q]").fill(f"lantern e2e-editor-{screen}")  # searches the English title too
    choices = modal.locator("a[data-chooser-modal-choice]")
    expect(choices).to_have_count(1)
    tap(choices)
    expect(page.locator(".modal-dialog:visible")).to_have_count(0)
    # The backdrop fades out after the dialog: until it is gone it lies over the footer's buttons.
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    expect(page.locator("#body-0-value-products-0-value")).to_have_value(str(product.pk))
    shot("02-story-editor")

    # Save the draft first (autosave is off on the journeys' server, see
    # conftest.py): the editor lands on the new page's edit view, then publishes.
    tap(page.locator("footer button.action-save").first)
    page.wait_for_url(re.compile(r"/cms/pages/\d+/edit/"), timeout=30_000)
    tap(page.locator("footer .w-dropdown__toggle").first)
    tap(page.locator("button[name=action-publish]"))
    expect(page.locator(".messages, [role=status]").first).to_contain_text("published")
    shot("03-published")

    story = StoryPage.objects.get(title=title)
    assert story.live
    assert [block.block_type for block in story.body] == ["products"]
    assert story.body[0].value["products"][0].pk == product.pk

    page.goto(story.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    block = page.locator(".sf-products")
    expect(block).to_contain_text("ซื้อโคมจากเรื่องนี้")
    expect(block.get_by_role("link", name=re.compile(f"โคมผ้าฝ้าย อีทูอี {screen}")).first).to_be_visible()
    shot("04-story-on-the-site")
