"""The header's "Stories" link (shop.context_processors) leads to the story
index in the visitor's language, falls back to the first index while that
language has no live translation, and costs one query per page."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from shop.context_processors import shop
from tests.factories.pages import cms_site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def stories_url(language: str) -> str | None:
    request = RequestFactory().get("/")
    with translation.override(language):
        return shop(request)["stories_url"]()


def test_the_stories_link_leads_to_the_index_in_the_active_language(cms_site):
    assert stories_url("th") == cms_site.index.url
    assert stories_url("en") == cms_site.index_en.url != cms_site.index.url


def test_the_stories_link_falls_back_to_the_first_index_without_a_translation(cms_site):
    assert stories_url("zh-hans") == cms_site.index.url


def test_the_stories_link_ignores_an_unpublished_translation(cms_site):
    cms_site.index_en.unpublish()

    assert stories_url("en") == cms_site.index.url


def test_there_is_no_stories_link_before_a_story_index_exists(home_page):
    assert stories_url("en") is None


def test_the_stories_link_costs_one_query_besides_the_site_root_lookup(cms_site):
    stories_url("en")  # warm Wagtail's cached site root paths
    with CaptureQueriesContext(connection) as captured:
        stories_url("en")

    assert len(captured.captured_queries) <= 2
