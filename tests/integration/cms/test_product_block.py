"""The product block sells: it shows today's price and stock with an
add-to-basket button, and leaves out what cannot be bought."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories.pages import StoryPageFactory, products_block

pytestmark = pytest.mark.django_db


def story_with(site, products, **fields):
    return StoryPageFactory(parent=site.index, body=[products_block(products, heading="ซื้อจากเรื่องนี้")], **fields)


def test_story_shows_the_current_price_not_the_price_when_it_was_published(client, cms_site, make_product):
    product = make_product(price="450.00")
    story = story_with(cms_site, [product])
    record = product.stockrecords.get()
    record.price = Decimal("520.00")
    record.save()

    html = client.get(story.url).content.decode()

    assert "฿520.00" in html and "฿450.00" not in html


def test_story_shows_stock_and_an_add_to_basket_form(client, cms_site, make_product):
    product = make_product(stock=7)
    story = story_with(cms_site, [product])

    html = client.get(story.url).content.decode()

    assert reverse("basket:add", kwargs={"pk": product.pk}) in html
    assert 'class="sf-products"' in html


def test_unpublished_products_are_left_out(client, cms_site, make_product):
    shown = make_product(title="ผ้าไหมที่ขายอยู่")
    hidden = make_product(title="ผ้าไหมที่ยังไม่เผยแพร่", public=False)
    story = story_with(cms_site, [hidden, shown])

    html = client.get(story.url).content.decode()

    assert "ผ้าไหมที่ขายอยู่" in html and "ผ้าไหมที่ยังไม่เผยแพร่" not in html


def test_sold_out_products_are_left_out(client, cms_site, make_product):
    shown = make_product(title="ร่มที่ยังมีของ")
    sold_out = make_product(title="ร่มที่ขายหมดแล้ว", stock=0)
    story = story_with(cms_site, [sold_out, shown])

    html = client.get(story.url).content.decode()

    assert "ร่มที่ยังมีของ" in html and "ร่มที่ขายหมดแล้ว" not in html


def test_a_block_whose_products_all_went_away_renders_nothing(client, cms_site, make_product):
    sold_out = make_product(stock=0)
    hidden = make_product(public=False)
    story = story_with(cms_site, [sold_out, hidden])

    response = client.get(story.url)

    assert response.status_code == 200
    assert "ซื้อจากเรื่องนี้" not in response.content.decode()


def test_a_deleted_product_renders_nothing_and_the_page_still_works(client, cms_site, make_product):
    kept = make_product(title="ของที่ยังอยู่")
    story = story_with(cms_site, [kept.pk, 987654])

    response = client.get(story.url)

    assert response.status_code == 200
    assert "ของที่ยังอยู่" in response.content.decode()


def test_products_keep_the_editors_order_and_repeat_once(client, cms_site, make_product):
    first = make_product(title="ชิ้นแรก")
    second = make_product(title="ชิ้นที่สอง")
    story = story_with(cms_site, [second, first, second])

    html = client.get(story.url).content.decode()
    block = html[html.index('class="sf-products"') :]

    assert block.index("ชิ้นที่สอง") < block.index("ชิ้นแรก")
    assert block.count("ชิ้นที่สอง</a>") == 1


def test_shop_the_story_lists_the_picked_products(client, cms_site, make_product):
    picked = make_product(title="สินค้าที่เลือก")
    story = StoryPageFactory(parent=cms_site.index, shop_products=[{"type": "product", "value": picked.pk}])

    html = client.get(story.url).content.decode()

    assert 'id="shop-the-story"' in html and "สินค้าที่เลือก" in html


def test_shop_the_story_falls_back_to_the_producers_products_in_stock(client, cms_site, make_product):
    product = make_product(title="ของจากผู้ผลิต")
    sold_out = make_product(title="ของหมด", stock=0, producer=product.producer)
    story = StoryPageFactory(parent=cms_site.index, producer=product.producer)

    html = client.get(story.url).content.decode()
    section = html[html.index('id="shop-the-story"') :]

    assert "ของจากผู้ผลิต" in section and "ของหมด" not in section
    assert sold_out.pk


def test_a_story_without_products_has_no_shop_section(client, cms_site):
    story = StoryPageFactory(parent=cms_site.index)

    assert 'id="shop-the-story"' not in client.get(story.url).content.decode()


def test_a_visitor_adds_a_product_to_the_basket_from_a_story(client, cms_site, make_product):
    product = make_product(title="ผ้าพันคอไหม")
    story = story_with(cms_site, [product])
    client.get(story.url)

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, HTTP_REFERER=story.url)

    assert response.status_code == 302
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert [line.product_id for line in basket.all_lines()] == [product.pk]
    assert Page.objects.filter(pk=story.pk).exists()
