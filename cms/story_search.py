"""Stories on the shop's search page: the search source cms registers with
the catalogue's search (catalog/hooks.py, from CmsConfig.ready), so the
catalogue never imports cms. The search page asks the engine for the
matching story ids (cached with the products' and producers') and shows the
live, public ones in the visitor's language."""

from __future__ import annotations

from wagtail.models import Locale

from catalog.hooks import SearchSource
from catalog.search import engine

from .models import StoryPage
from .selectors import locale_active


def story_ids_matching(parsed: engine.ParsedQuery, *, limit: int = 3) -> list[int]:
    """Ids of indexed story pages matching, in every language (more than
    ``limit``: most are in another language, some not live)."""
    return engine.model_ids_matching(parsed, model=StoryPage, limit=limit * 10)


def stories_in_order(ids: list[int], *, limit: int = 3) -> list:
    """Live, public story pages among ``ids`` in the visitor's language."""
    if not ids:
        return []
    try:
        locale = locale_active()
    except Locale.DoesNotExist:
        return []
    return engine.in_order(StoryPage.objects.live().public().filter(locale=locale), ids, limit)


STORIES = SearchSource(name="stories", ids_matching=story_ids_matching, in_order=stories_in_order)
