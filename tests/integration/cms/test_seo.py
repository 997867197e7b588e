"""Titles, descriptions, canonical and hreflang links, Open Graph tags and
schema.org JSON-LD for search engines and sharing."""

import json
import re

import pytest
from django.utils import translation

from tests.factories.pages import CenterPageFactory, StoryPageFactory, image_create, translate

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> dict[str, dict]:
    """Every JSON-LD object of a page, by @type (each must parse as JSON)."""
    found = {}
    for text in JSON_LD.findall(html):
        data = json.loads(text)
        for item in data if isinstance(data, list) else [data]:
            assert item["@context"] == "https://schema.org"
            found[item["@type"]] = item
    return found


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def story(cms_site):
    page = StoryPageFactory(
        parent=cms_site.index,
        slug="silk",
        title="ไหมสันกำแพง",
        intro="สามรุ่นบนกี่ไม้",
        author="ณัฐธิดา คำมา",
        hero_image=image_create("Loom", size=(1600, 900)),
        search_description="ผ้าไหมทอมือจากสันกำแพง",
        tags=["ผ้าไหม", "สันกำแพง"],
    )
    translate(page, "en", title="San Kamphaeng silk", slug="silk")
    return page


def test_story_page_has_title_description_and_canonical(client, story):
    html = client.get(story.url).content.decode()

    assert "<title>ไหมสันกำแพง |" in html
    assert '<meta name="description" content="ผ้าไหมทอมือจากสันกำแพง"' in html
    assert '<link rel="canonical" href="http://testserver/stories/silk/">' in html


def test_story_page_links_its_translations_with_hreflang(client, story):
    html = client.get(story.url).content.decode()

    assert '<link rel="alternate" hreflang="th" href="http://testserver/stories/silk/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/stories/silk/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/stories/silk/">' in html
    assert 'hreflang="zh-hans" href="http://testserver/zh-hans/stories' not in html


def test_story_page_has_open_graph_tags_with_a_rendition_image(client, story):
    html = client.get(story.url).content.decode()

    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "ไหมสันกำแพง"
    assert meta(html, "og:url") == "http://testserver/stories/silk/"
    assert meta(html, "og:locale") == "th_TH" and meta(html, "og:locale:alternate") == "en_US"
    image = meta(html, "og:image")
    assert image.startswith("http://testserver/") and ".fill-1200x630" in image and image.endswith(".jpg")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "twitter:card") == "summary_large_image"


def test_story_page_describes_itself_as_an_article(client, story):
    article = json_ld(client.get(story.url).content.decode())["Article"]

    assert article["headline"] == "ไหมสันกำแพง"
    assert article["author"] == {"@type": "Person", "name": "ณัฐธิดา คำมา"}
    assert article["datePublished"] == "2025-01-15"
    assert article["inLanguage"] == "th"
    assert article["image"][0].startswith("http://testserver/")
    assert set(article["keywords"].split(", ")) == {"ผ้าไหม", "สันกำแพง"}


def test_story_date_is_in_the_buddhist_era_for_thai_readers(client, story):
    assert "15 มกราคม 2568" in client.get(story.url).content.decode()
    with translation.override("en"):
        english = story.get_translation(story.locale.__class__.objects.get(language_code="en"))
    assert "2025" in client.get(english.url).content.decode()


def test_center_page_describes_the_center_as_an_organization(client, cms_site):
    center = CenterPageFactory(parent=cms_site.home, slug="center")

    organization = json_ld(client.get(center.url).content.decode())["Organization"]

    assert organization["name"] == center.center_name
    assert organization["address"]["postalCode"] == "50130"
    assert organization["address"]["addressCountry"] == "TH"
    assert organization["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": "18.745000",
        "longitude": "99.120000",
    }


def test_home_page_describes_the_site_and_the_organization(client, cms_site):
    found = json_ld(client.get("/en/").content.decode())

    assert found["WebSite"]["url"] == "http://testserver/en/"
    assert "{search_term_string}" in found["WebSite"]["potentialAction"]["target"]
    assert found["Organization"]["address"]["addressLocality"] == "San Kamphaeng"


def test_product_page_describes_the_product_with_its_offer_and_maker(client, cms_site, make_product):
    product = make_product(price="1250.00", title="ผ้าไหมยกดอก", upc="8851001000009")
    with translation.override("th"):
        url = product.get_absolute_url()

    data = json_ld(client.get(url).content.decode())["Product"]

    assert data["name"] == "ผ้าไหมยกดอก"
    assert data["gtin13"] == "8851001000009"
    assert data["brand"] == {"@type": "Brand", "name": product.producer.name_th}
    assert data["offers"]["price"] == "1250.00" and data["offers"]["priceCurrency"] == "THB"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_a_sold_out_product_offer_says_out_of_stock(client, cms_site, make_product):
    product = make_product(stock=0)
    with translation.override("th"):
        url = product.get_absolute_url()

    data = json_ld(client.get(url).content.decode())["Product"]

    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_every_cms_page_type_renders_valid_json_ld(client, story, cms_site):
    for url in ("/", "/en/", story.url, "/stories/"):
        html = client.get(url).content.decode()
        assert JSON_LD.findall(html) == [] or json_ld(html)
