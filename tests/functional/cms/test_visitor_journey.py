"""A visitor's round trip, as in the issue's "done when": from the home page
to a story, from the story to the basket, from the product to the maker's story."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.pages import StoryPageFactory, image_create, products_block, translate

pytestmark = pytest.mark.django_db


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_from_the_home_page_to_a_story_to_the_basket_and_back_to_the_story(client, cms_site, make_product):
    product = make_product(title="ผ้าพันคอไหม", title_en="Silk scarf", price="1200.00")
    story = StoryPageFactory(
        parent=cms_site.index,
        slug="silk",
        title="ไหมสันกำแพง",
        hero_image=image_create("Loom"),
        producer=product.producer,
        body=[products_block([product], heading="ซื้อจากเรื่องนี้")],
    )
    english = translate(story, "en", title="San Kamphaeng silk", slug="silk")

    home = client.get("/en/").content.decode()
    assert english.url in links(home)

    story_html = client.get(english.url).content.decode()
    add_url = reverse("basket:add", kwargs={"pk": product.pk})
    assert "Silk scarf" in story_html and add_url in story_html

    client.post(add_url, {"quantity": 1}, HTTP_REFERER=english.url)
    basket = client.get("/en/shop/basket/")
    assert [line.product for line in basket.context["basket"].all_lines()] == [product]

    product_url = next(url for url in links(story_html) if "/en/shop/catalogue/" in url and f"_{product.pk}/" in url)
    product_html = client.get(product_url).content.decode()
    assert english.url in links(product_html)
    with translation.override("en"):
        assert product.producer.get_absolute_url() in links(product_html)
    assert client.get(english.url).status_code == 200
