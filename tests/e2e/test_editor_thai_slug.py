"""A content editor types a Thai title in the Wagtail page editor: the slug
the editor's script makes keeps every vowel and tone mark (issue 19, point
15; cms/static/cms/js/thai-slugs.js), and the page saves with it."""

import re
import unicodedata

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TITLE = "มาลัยกับผ้าไหมย้อมคราม บ้านทดสอบ"
FULL_SLUG = "มาลัยกับผ้าไหมย้อมคราม-บ้านทดสอบ"


def test_typing_a_thai_title_in_the_page_editor_makes_a_slug_with_every_mark(
    page, shot, staff_user, dashboard_login, site
):
    from cms.models import StoryPage
    from shop.common.roles import CONTENT_EDITOR

    # The journeys share one database (desktop, then phone): a page left by
    # the other run would hold the slug.
    for leftover in StoryPage.objects.filter(title=TITLE):
        leftover.delete()
    editor = staff_user("editor-e2e-thai-slug", role=CONTENT_EDITOR)
    dashboard_login(page, editor, login_url="/cms/login/")
    page.goto(f"/cms/pages/add/cms/storypage/{site.index.pk}/")
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially(TITLE)
    title.blur()
    slug = page.locator("#id_slug")
    expect(slug).to_have_value(FULL_SLUG)
    marks = [ch for ch in slug.input_value() if unicodedata.category(ch) == "Mn"]
    assert marks == ["ั", "ั", "้", "้", "้"]
    shot("01-thai-slug")

    page.fill("#id_date", "2026-11-20")
    page.fill("#id_intro", "ผ้าไหมย้อมครามของบ้านทดสอบ")
    page.locator("footer button.action-save").first.click()
    page.wait_for_url(re.compile(r"/cms/pages/\d+/edit/"), timeout=30_000)
    assert StoryPage.objects.get(title=TITLE).slug == FULL_SLUG
