"""Issue 19, point 15: a slug made from a Thai title keeps its vowels and
tone marks (Unicode Mn: ั ้ ...), the server accepts it from the editor's
form, and the page is served at that address. The editor's script is
walked in tests/e2e/test_editor_journey.py."""

import unicodedata
from urllib.parse import unquote

import pytest

from cms.models import StoryPage
from cms.slugs import slugify
from tests.factories.pages import StoryPageFactory
from tests.functional.cms.test_editorial import add_url, editor, story_form  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

TITLE = "มาลัยกับผ้าไหมย้อมคราม บ้านทดสอบ"
FULL_SLUG = "มาลัยกับผ้าไหมย้อมคราม-บ้านทดสอบ"


def _marks(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) == "Mn"]


def test_the_server_slug_of_a_thai_title_keeps_every_vowel_and_tone_mark():
    assert slugify(TITLE) == FULL_SLUG
    assert _marks(slugify(TITLE)) == _marks(TITLE) == ["ั", "ั", "้", "้", "้"]
    assert slugify("น้ำพริก  หนุ่ม -- Chiang Mai!") == "น้ำพริก-หนุ่ม-chiang-mai"  # sara am stays one letter (NFC)


def test_a_page_saved_without_a_slug_gets_the_full_thai_slug_and_is_served_there(client, cms_site):
    story = StoryPageFactory.build(title=TITLE, slug="")
    cms_site.index.add_child(instance=story)
    story.save_revision().publish()
    story.refresh_from_db()
    assert story.slug == FULL_SLUG
    assert unquote(story.url).endswith(f"/{FULL_SLUG}/")
    response = client.get(story.url)
    assert response.status_code == 200 and TITLE in response.content.decode()


def test_the_editor_form_accepts_the_full_thai_slug(client, cms_site, editor):
    client.force_login(editor)
    data = story_form(title=TITLE, **{"action-publish": "1"})
    data["slug"] = FULL_SLUG
    response = client.post(add_url(StoryPage, cms_site.index), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    story = StoryPage.objects.get(title=TITLE)
    assert story.slug == FULL_SLUG and story.live
