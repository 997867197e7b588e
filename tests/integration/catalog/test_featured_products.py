"""The home page's featured products (catalog.selectors.products_featured)."""

import pytest

from catalog.selectors import products_featured
from tests.factories.catalog import ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db


def test_featured_products_are_in_stock_best_rated_first_and_unrated_last():
    unrated = StockRecordFactory(product=ProductFactory(otop_stars=None)).product
    three = StockRecordFactory(product=ProductFactory(otop_stars=3)).product
    five_sold_out = StockRecordFactory(product=ProductFactory(otop_stars=5), num_in_stock=0).product
    five = StockRecordFactory(product=ProductFactory(otop_stars=5)).product
    hidden = StockRecordFactory(product=ProductFactory(otop_stars=5, is_public=False)).product

    featured = list(products_featured(limit=8))

    assert featured == [five, three, unrated]
    assert five_sold_out not in featured and hidden not in featured


def test_a_product_with_two_stocked_records_is_featured_once():
    product = ProductFactory(otop_stars=4)
    StockRecordFactory(product=product)
    StockRecordFactory(product=product)

    assert list(products_featured(limit=8)) == [product]
