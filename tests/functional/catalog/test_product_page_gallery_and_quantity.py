"""The product page as a tourist uses it (#19, point 3): every photo in a
gallery with a large rendition to zoom into, and a quantity to add to the
basket, bounded by the stock, with a clear message for a bad quantity."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from catalog.services.images import product_image_renditions_build
from tests.factories.catalog import ProductImageFactory, StockRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_built_for_the_visitor(settings):
    settings.PAGE_CACHE_ENABLED = False


def product_with_photos(n: int, *, stock: int = 3):
    product = StockRecordFactory(num_in_stock=stock, num_allocated=0, product__title_en=f"Scarf, {n} photos").product
    images = []
    for position in range(n):
        image = ProductImageFactory(product=product, display_order=position, alt_text=f"Scarf, view {position + 1}")
        product_image_renditions_build(image_id=image.pk)
        image.refresh_from_db()
        images.append(image)
    return product, images


def en(product) -> str:
    with translation.override("en"):
        return product.get_absolute_url()


def page(client, product) -> str:
    response = client.get(en(product))
    assert response.status_code == 200
    return response.content.decode()


def test_every_photo_has_a_thumbnail_linking_to_its_large_rendition(client):
    product, images = product_with_photos(3)
    html = page(client, product)
    thumbs = re.findall(r'<a class="product-gallery__thumb[^"]*" href="([^"]+)"', html)
    assert thumbs == [image.rendition_urls["zoom"]["jpeg"] for image in images]
    strip = re.search(r'<ul class="product-gallery__thumbs.*?</ul>', html, re.S).group(0)
    assert strip.count('aria-current="true"') == 1
    for image in images:
        assert image.rendition_urls["thumbnail"]["jpeg"] in html
        assert f"Scarf, view {images.index(image) + 1}" in html


def test_the_main_photo_links_to_its_large_rendition_for_zooming_without_javascript(client):
    product, images = product_with_photos(2)
    html = page(client, product)
    zoom = re.search(r'<a class="product-gallery__zoom" href="([^"]+)"', html)
    assert zoom and zoom.group(1) == images[0].rendition_urls["zoom"]["jpeg"]
    assert images[0].rendition_urls["card"]["jpeg"] in html  # the main photo's smaller size for phones
    assert "product-gallery.js" in html


def test_a_product_with_one_photo_has_no_thumbnail_strip(client):
    product, _images = product_with_photos(1)
    html = page(client, product)
    assert "product-gallery__thumbs" not in html
    assert 'class="product-gallery__zoom"' in html


def test_the_gallery_reads_no_table_per_photo():
    counts = {}
    for n in (1, 5):
        product, _images = product_with_photos(n)
        client = Client()
        client.get(en(product))  # warm the fragment caches
        with CaptureQueriesContext(connection) as queries:
            html = page(client, product)
        counts[n] = len(queries)
        assert html.count("data-gallery-thumb") == (n if n > 1 else 0)
    assert counts[1] == counts[5], counts


def test_the_product_page_offers_a_quantity_bounded_by_the_stock(client):
    product, _images = product_with_photos(1, stock=3)
    html = page(client, product)
    form = re.search(r'<form id="add_to_basket_form".*?</form>', html, re.S).group(0)
    quantity = re.search(r'<input[^>]+name="quantity"[^>]*>', form).group(0)
    assert 'type="number"' in quantity
    assert 'min="1"' in quantity and 'max="3"' in quantity
    assert 'value="1"' in quantity
    assert '<label for="id_quantity">Quantity</label>' in form


def test_adding_two_puts_two_in_the_basket(client):
    product, _images = product_with_photos(1, stock=3)
    page(client, product)
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": "2"})
    assert response.status_code == 302
    lines = client.get(reverse("basket:summary")).context["basket"].all_lines()
    assert [(line.product, line.quantity) for line in lines] == [(product, 2)]


@pytest.mark.parametrize(
    "quantity, message",
    [
        ("4", "a maximum of 3 can be bought"),
        ("0", "greater than or equal to 1"),
        ("-2", "greater than or equal to 1"),
        ("two", "Enter a whole number"),
        ("", "This field is required"),
        ("99999999999999999999", "not able to ship more than"),
    ],
)
def test_a_bad_quantity_comes_back_with_a_clear_message_and_adds_nothing(client, quantity, message):
    product, _images = product_with_photos(1, stock=3)
    url = en(product)
    page(client, product)  # the visitor is on the product page
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, HTTP_REFERER=url)
    assert response.status_code == 302
    again = client.get(response["Location"])
    assert again.status_code == 200
    assert message in again.content.decode()
    assert not client.get(reverse("basket:summary")).context["basket"].all_lines()
