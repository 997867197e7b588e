"""Categories carry a name per language and visitors read theirs (issue #19:
"ผ้าไหม · Silk" was shown in every language)."""

import pytest
from django.utils import translation

from shop.demo.products import seed_categories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, expected", [("th", "ผ้าไหม"), ("en", "Silk"), ("zh-hans", "丝绸")])
def test_a_category_is_named_in_the_visitors_language(language, expected):
    silk = seed_categories()["silk"]

    with translation.override(language):
        assert silk.display_name == expected
        assert str(silk).endswith(expected)


def test_a_category_without_a_chinese_name_falls_back_to_english_for_chinese_visitors():
    silk = seed_categories()["silk"]
    silk.name_zh_hans = ""

    with translation.override("zh-hans"):
        assert silk.display_name == "Silk"
