"""Every product leads back to its maker's story: the product page shows the
producer's profile and the stories featuring the product; the producer's
page lists its stories."""

import pytest
from django.utils import translation

from cms.models import PageProduct
from tests.factories.pages import StoryPageFactory, paragraph, products_block, translate

pytestmark = pytest.mark.django_db


def product_url(product, language="th"):
    with translation.override(language):
        return product.get_absolute_url()


def test_publishing_a_story_records_the_products_its_blocks_show(cms_site, make_product):
    product, other = make_product(), make_product()

    story = StoryPageFactory(
        parent=cms_site.index, body=[products_block([product])], shop_products=[{"type": "product", "value": other.pk}]
    )

    assert set(PageProduct.objects.filter(page=story).values_list("product_id", flat=True)) == {product.pk, other.pk}


def test_republishing_without_the_block_forgets_the_product(cms_site, make_product):
    product = make_product()
    story = StoryPageFactory(parent=cms_site.index, body=[products_block([product])])

    story.body = [paragraph("<p>no products any more</p>")]
    story.save_revision().publish()

    assert not PageProduct.objects.filter(page=story).exists()


def test_unpublishing_a_story_forgets_its_products(cms_site, make_product):
    story = StoryPageFactory(parent=cms_site.index, body=[products_block([make_product()])])

    story.unpublish()

    assert not PageProduct.objects.filter(page=story).exists()


def test_a_draft_does_not_count_until_it_is_published(cms_site, make_product):
    product = make_product()
    story = StoryPageFactory(parent=cms_site.index)

    story.body = [products_block([product])]
    story.save_revision()

    assert not PageProduct.objects.filter(page=story).exists()


def test_product_page_shows_the_story_that_features_it(client, cms_site, make_product):
    product = make_product()
    StoryPageFactory(parent=cms_site.index, title="เรื่องของผ้าพันคอ", body=[products_block([product])])

    html = client.get(product_url(product)).content.decode()

    assert "เรื่องของผ้าพันคอ" in html


def test_product_page_links_to_the_makers_profile(client, cms_site, make_product):
    product = make_product()

    html = client.get(product_url(product)).content.decode()
    section = html[html.index('class="product-stories"') :]

    assert product.producer.get_absolute_url() in section


def test_product_page_shows_stories_about_its_producer(client, cms_site, make_product):
    product = make_product()
    StoryPageFactory(parent=cms_site.index, title="ครอบครัวช่างทอ", producer=product.producer)

    assert "ครอบครัวช่างทอ" in client.get(product_url(product)).content.decode()


def test_product_page_in_english_shows_the_english_story(client, cms_site, make_product):
    product = make_product()
    story = StoryPageFactory(parent=cms_site.index, title="เรื่องไทย", body=[products_block([product])])
    translate(story, "en", title="The English story")

    html = client.get(product_url(product, "en")).content.decode()

    assert "The English story" in html and "เรื่องไทย" not in html


def test_product_page_falls_back_to_the_thai_story_when_none_is_translated(client, cms_site, make_product):
    product = make_product()
    StoryPageFactory(parent=cms_site.index, title="เรื่องที่ยังไม่ได้แปล", body=[products_block([product])])

    html = client.get(product_url(product, "zh-hans")).content.decode()

    assert "เรื่องที่ยังไม่ได้แปล" in html


def test_product_page_does_not_show_unpublished_stories(client, cms_site, make_product):
    product = make_product()
    StoryPageFactory(parent=cms_site.index, title="ร่างที่ยังไม่เผยแพร่", producer=product.producer, publish=False)

    assert "ร่างที่ยังไม่เผยแพร่" not in client.get(product_url(product)).content.decode()


def test_producer_page_lists_its_stories_and_products(client, cms_site, make_product):
    product = make_product(title="ผ้าซิ่นตีนจก")
    StoryPageFactory(parent=cms_site.index, title="ตีนจกแม่แจ่ม", producer=product.producer)

    html = client.get(product.producer.get_absolute_url()).content.decode()

    assert "ตีนจกแม่แจ่ม" in html and "ผ้าซิ่นตีนจก" in html
