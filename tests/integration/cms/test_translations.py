"""Languages: the switcher leads to the same page in the other language, or
to that language's home page when the page has no translation there; lists
fall back to Thai (or English for Chinese) while translations are pending."""

import pytest

from tests.factories.pages import (
    DistrictIndexPageFactory,
    DistrictPageFactory,
    StoryPageFactory,
    translate,
)

pytestmark = pytest.mark.django_db


def switcher(response) -> dict[str, str]:
    return {link["code"]: link["url"] for link in response.context["language_links"]}


def test_switcher_on_a_translated_story_leads_to_the_same_story(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index, slug="silk")
    english = translate(story, "en", title="Silk", slug="silk-en")

    links = switcher(client.get(story.url))

    assert links["th"] == story.url
    assert links["en"] == english.url == "/en/stories/silk-en/"


def test_switcher_leads_to_the_home_page_of_a_language_without_the_page(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index, slug="silk")

    links = switcher(client.get(story.url))

    assert links["zh-hans"] == "/zh-hans/"
    assert client.get(links["zh-hans"]).status_code == 200


def test_switcher_ignores_a_translation_that_is_still_a_draft(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index, slug="silk")
    draft = translate(story, "en", title="Silk")
    draft.unpublish()

    assert switcher(client.get(story.url))["en"] == "/en/"


def test_switcher_on_the_english_story_leads_back_to_the_thai_one(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index, slug="silk")
    english = translate(story, "en", title="Silk")

    assert switcher(client.get(english.url))["th"] == story.url


def test_switcher_on_a_shop_page_keeps_the_path(client, cms_site):
    links = switcher(client.get("/en/shop/catalogue/"))

    assert links == {"th": "/shop/catalogue/", "en": "/en/shop/catalogue/", "zh-hans": "/zh-hans/shop/catalogue/"}


def test_each_language_serves_its_own_story_index(client, cms_site):
    assert client.get("/stories/").context["page"].locale.language_code == "th"
    assert client.get("/en/stories/").context["page"].locale.language_code == "en"
    assert client.get("/zh-hans/stories/").status_code == 404  # not translated into Chinese


def test_chinese_district_index_falls_back_to_english_district_pages(client, cms_site, settings):
    index = DistrictIndexPageFactory(parent=cms_site.home, slug="districts")
    translate(index, "en", title="Districts")
    translate(index, "zh-hans", title="各县")
    from tests.factories.catalog import DistrictFactory

    district = DistrictFactory()
    page = DistrictPageFactory(parent=index, district=district, slug="san-kamphaeng")
    translate(page, "en", title="San Kamphaeng district", dye_plant="Lac")

    html = client.get("/zh-hans/districts/").content.decode()

    assert "/en/districts/san-kamphaeng/" in html


def test_editors_translate_a_story_with_simple_translation(admin_client, cms_site):
    from wagtail.models import Locale

    story = StoryPageFactory(parent=cms_site.index, slug="silk")
    english = Locale.objects.get(language_code="en")

    response = admin_client.post(f"/cms/translation/submit/page/{story.pk}/", {"locales": [english.pk]})

    assert response.status_code == 302
    copy = story.get_translation(english)
    assert copy.specific.intro == story.intro and not copy.live
