"""Issue 19, point 15: an editor working in Thai sees the Wagtail screens
used most in Thai: the page editor (status panel with Set schedule and
Switch locales, the moderation actions) and the page explorer (Sort menu
order, Translate).

Wagtail 8 ships no Thai for these strings; the project's catalogue gives it
(docs/editors.md). NOTE: this passes once /tmp/i18n/office.wagtail.th.po is
merged into locale/th/LC_MESSAGES/django.po and compiled."""

import pytest
from wagtail.users.models import UserProfile

from tests.functional.cms.test_editorial import editor  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def thai_editor(editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "th"
    profile.save()
    return editor


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_editor_is_in_thai_for_a_thai_editor(client, cms_site, thai_editor):
    client.force_login(thai_editor)
    html = _text(client.get(f"/cms/pages/{cms_site.index.pk}/edit/"))
    assert 'lang="th"' in html
    for thai, english in [
        ("ตั้งเวลา", "Set schedule"),
        ("สลับภาษา", "Switch locales"),  # the index has an English translation
        ("บันทึกฉบับร่าง", "Save draft"),
        ("ภาพตัวอย่าง", "Preview"),
        ("ประวัติ", ">History<"),
    ]:
        assert thai in html, english
    for english in ("Set schedule", "Switch locales", "Toggle status", "Toggle preview", "Privacy and access"):
        assert english not in html, english


def test_the_page_explorer_is_in_thai_for_a_thai_editor(client, cms_site, thai_editor):
    client.force_login(thai_editor)
    html = _text(client.get(f"/cms/pages/{cms_site.home.pk}/"))
    for thai, english in [("เรียงลำดับเมนู", "Sort menu order"), ("แปล", "Translate")]:
        assert thai in html, english
    for english in ("Sort menu order", "Translate this page", "More actions", "Select all pages in listing"):
        assert english not in html, english


def _label(html: str, field: str) -> str:
    import re

    match = re.search(rf'<label[^>]*for="id_{field}"[^>]*>\s*([^<]*)', html)
    assert match, field
    return match.group(1).strip()


def test_the_projects_own_page_fields_are_labelled_in_thai(client, cms_site, thai_editor):
    from cms.models import StoryPage

    client.force_login(thai_editor)
    model = StoryPage._meta
    html = _text(client.get(f"/cms/pages/add/{model.app_label}/{model.model_name}/{cms_site.index.pk}/"))
    # These fields had no verbose_name, so Wagtail showed their English names.
    assert _label(html, "district") == "อำเภอ"
    assert _label(html, "producer") == "ผู้ผลิต"
    assert "ภาพหลัก" in html and "Hero image" not in html
