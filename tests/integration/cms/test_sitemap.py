"""sitemap.xml lists live pages and public products in every language, with
hreflang alternates; robots.txt points crawlers to it."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from tests.factories.pages import StoryPageFactory, translate

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, dict[str, str]]:
    """{url: {hreflang: alternate url}} from /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_each_home_page_with_its_translations(client, cms_site):
    urls = sitemap(client)

    for url in ("http://testserver/", "http://testserver/en/", "http://testserver/zh-hans/"):
        assert urls[url] == {
            "th": "http://testserver/",
            "en": "http://testserver/en/",
            "zh-hans": "http://testserver/zh-hans/",
            "x-default": "http://testserver/",
        }


def test_a_page_without_a_translation_has_alternates_only_where_it_exists(client, cms_site):
    urls = sitemap(client)

    assert urls["http://testserver/stories/"] == {
        "th": "http://testserver/stories/",
        "en": "http://testserver/en/stories/",
        "x-default": "http://testserver/stories/",
    }
    assert "http://testserver/zh-hans/stories/" not in urls


def test_draft_pages_are_not_in_the_sitemap(client, cms_site):
    StoryPageFactory(parent=cms_site.index, slug="draft-story", publish=False)

    assert not any("draft-story" in url for url in sitemap(client))


def test_a_translated_story_is_listed_in_both_languages(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index, slug="silk")
    translate(story, "en", title="Silk", slug="silk")

    urls = sitemap(client)

    assert urls["http://testserver/en/stories/silk/"]["th"] == "http://testserver/stories/silk/"


def test_public_products_are_listed_in_every_language_with_alternates(client, cms_site, make_product):
    product = make_product()
    with translation.override("th"):
        path = product.get_absolute_url()

    urls = sitemap(client)

    assert urls[f"http://testserver{path}"] == {
        "th": f"http://testserver{path}",
        "en": f"http://testserver/en{path}",
        "zh-hans": f"http://testserver/zh-hans{path}",
        "x-default": f"http://testserver{path}",
    }
    assert f"http://testserver/zh-hans{path}" in urls


def test_products_that_are_not_public_are_not_in_the_sitemap(client, cms_site, make_product):
    hidden = make_product(public=False)

    assert not any(f"_{hidden.pk}/" in url for url in sitemap(client))


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_staff_areas(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/cms/", "/dashboard/", "/shop/basket/", "/en/shop/checkout/"):
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /\n" not in text
