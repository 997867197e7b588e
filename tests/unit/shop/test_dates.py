"""Thai readers get Buddhist-Era years from every date a template shows
(shop/common/dates.py): the `date` filter of every template, Oscar's included, and
be_date; machine-readable formats keep the CE year."""

import datetime

import pytest
from django.template import engines
from django.utils import translation

from shop.common.dates import date_display

DAY = datetime.date(2026, 12, 7)


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_the_date_filter_of_any_template_gives_thai_readers_the_buddhist_era_year():
    with translation.override("th"):
        assert _render("{{ day|date }}", day=DAY) == "7 ธันวาคม 2569"
        assert _render('{{ day|date:"j F Y" }}', day=DAY) == "7 ธันวาคม 2569"


@pytest.mark.parametrize("language, expected", [("en", "Dec. 7, 2026"), ("zh-hans", "2026年12月7日")])
def test_other_languages_keep_the_common_era(language, expected):
    with translation.override(language):
        assert _render("{{ day|date }}", day=DAY) == expected


@pytest.mark.parametrize("format_string", ["Y-m-d", "c", "Y-m-d H:i"])
def test_machine_readable_formats_keep_the_ce_year_in_thai(format_string):
    with translation.override("th"):
        moment = datetime.datetime(2026, 12, 7, 10, 30)
        assert _render(f'{{{{ moment|date:"{format_string}" }}}}', moment=moment).startswith("2026")


def test_be_date_and_python_code_share_the_one_path():
    with translation.override("th"):
        assert _render("{% load otop_tags %}{{ day|be_date }}", day=DAY) == date_display(DAY) == "7 ธันวาคม 2569"
        assert _render("{% load otop_tags %}{% today_year %}").startswith("25")
