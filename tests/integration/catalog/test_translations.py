"""Titles and descriptions fall back to Thai when a language has no text."""

import pytest
from django.utils import translation

from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["th", "en", "zh-hans"])
def test_a_product_without_translations_shows_its_thai_title_and_description_in_every_language(language):
    product = ProductFactory(title="ผ้าไหมยกดอก", title_en="", title_zh_hans="", description="ทอมือ")

    with translation.override(language):
        assert product.get_title() == "ผ้าไหมยกดอก"
        assert product.get_description() == "ทอมือ"


def test_chinese_without_chinese_text_falls_back_to_thai_not_english():
    product = ProductFactory(title="ผ้าไหมยกดอก", title_en="Silk brocade", title_zh_hans="")

    with translation.override("zh-hans"):
        assert product.get_title() == "ผ้าไหมยกดอก"
    with translation.override("en"):
        assert product.get_title() == "Silk brocade"
