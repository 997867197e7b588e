"""The pictures of basket and order lines are resolved for all lines at once
(shop/checkout/thumbnails.py): the thumbnail rendition when it is built,
else the clean original (nothing is resized on a request)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.checkout.thumbnails import line_images_attach
from tests.factories.catalog import ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def _fresh(products):
    return list(Product.objects.filter(pk__in=[p.pk for p in products]).order_by("pk"))


def test_a_picture_with_renditions_shows_the_thumbnail_rendition_scaled_into_the_box():
    image = ProductImageFactory()
    image.renditions = {
        "thumbnail": {
            "webp": "images/renditions/1/thumbnail.webp",
            "jpeg": "images/renditions/1/thumbnail.jpg",
            "width": 200,
            "height": 150,
        }
    }
    image.renditions_ready = True
    image.save()
    product = _fresh([image.product])[0]

    line_images_attach([product], box=100)

    assert product.line_image["webp"].endswith("thumbnail.webp") and product.line_image["src"].endswith("thumbnail.jpg")
    assert (product.line_image["width"], product.line_image["height"]) == (100, 75)


def test_pictures_without_renditions_show_the_original_with_one_query_for_every_line():
    products = [ProductImageFactory(product=ProductFactory()).product for _n in range(3)]
    first = _fresh(products)
    line_images_attach(first, box=100)
    assert all(p.line_image["src"] for p in first)

    again = _fresh(products)
    with CaptureQueriesContext(connection) as queries:
        line_images_attach(again, box=200)

    # One query for the three products' images; no thumbnail store lookup, no resizing.
    assert len(queries) == 1 and "catalogue_productimage" in queries[0]["sql"]
    assert [p.line_image["src"] for p in again] == [p.line_image["src"] for p in first]


def test_a_product_without_pictures_gets_the_placeholder():
    product = _fresh([ProductFactory()])[0]

    line_images_attach([product, None], box=100)

    assert product.line_image["src"]
