""" "No results" help: spelling suggestions from the vocabulary of indexed
words (difflib), and categories near what was asked for.

The vocabulary is the segmented words of public product titles, categories,
OTOP types, districts and producers, kept in the cache for an hour and
forgotten when the index is rebuilt.
"""

from __future__ import annotations

import difflib

from django.core.cache import cache
from oscar.core.loading import get_model

from .text import index_terms, normalise, query_units

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
ProductCategory = get_model("catalogue", "ProductCategory")

VOCABULARY_CACHE_KEY = "search:vocabulary:v1"
VOCABULARY_TTL = 3600


def _indexed_title_words() -> list[str]:
    """Words already segmented in the database backends' entry table (no
    re-segmenting): the autocomplete column on SQLite (product titles,
    producer names, page titles), the plain title text on PostgreSQL. Other
    engines: the titles of up to 2,000 products, segmented here."""
    from django.db import connection
    from modelsearch.conf import get_app_config
    from wagtail.search.backends import get_search_backend

    if "database" in type(get_search_backend()).__module__:
        IndexEntry = get_app_config().get_model("IndexEntry")
        column = "title_text" if connection.vendor == "postgresql" else "autocomplete"
        words: list[str] = []
        for text in IndexEntry.objects.exclude(**{column: None}).values_list(column, flat=True).iterator():
            words.extend(text.split())
        return words
    texts = [t for row in Product.objects.browsable().values_list("title", "title_en")[:2000] for t in row if t]
    return [term for text in texts for term in index_terms(text)]


def vocabulary() -> frozenset[str]:
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is None:
        texts: list[str] = []
        for row in Category.objects.browsable().values_list("name", "name_en", "name_zh_hans"):
            texts.extend(row)
        for row in OtopProductType.objects.values_list("name_th", "name_en", "name_zh_hans"):
            texts.extend(row)
        for row in District.objects.values_list("name_th", "name_en"):
            texts.extend(row)
        for row in Producer.objects.filter(status=Producer.Status.APPROVED).values_list("name_th", "name_en"):
            texts.extend(row)
        terms = _indexed_title_words() + [term for text in texts if text for term in index_terms(text)]
        words = frozenset(term for term in terms if len(term) >= 3 or not term.isascii())
        cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_TTL)
    return words


def vocabulary_forget() -> None:
    cache.delete(VOCABULARY_CACHE_KEY)


def spelling_suggestion(query: str) -> str | None:
    """The query with each unknown word replaced by the closest known one
    ("umbrela" -> "umbrella", "ผ้าใหม" -> "ผ้าไหม"), or None when nothing
    changes."""
    words = vocabulary()
    if not words:
        return None
    changed = False
    out: list[str] = []
    for unit in query_units(query):
        surface = unit.surface
        if surface in words or any(all(t in words for t in group) for group in unit.alternatives):
            out.append(surface)
            continue
        close = difflib.get_close_matches(surface, words, n=1, cutoff=0.75 if surface.isascii() else 0.6)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(surface)
    suggestion = " ".join(out)
    return suggestion if changed and normalise(suggestion) != normalise(query) else None


def corrected_query(*, text: str, has_matches: bool, as_typed: bool = False) -> str | None:
    """The spelling to show results for instead of ``text`` ("sillk" ->
    "silk"): only when what was typed matches nothing, the visitor did not
    ask for it as typed ("Search instead for sillk"), and the correction
    itself matches products in the index. None otherwise, and the page
    shows its "no results" help."""
    if as_typed or has_matches:
        return None
    suggestion = spelling_suggestion(text)
    if not suggestion:
        return None
    from . import engine

    return suggestion if engine.product_ids_ranked(engine.parse(suggestion), limit=1) else None


def nearby_categories(*, product_ids: list[int], limit: int = 4) -> list:
    """The public categories most of ``product_ids`` (loose matches) are in."""
    if not product_ids:
        return []
    from django.db.models import Count

    rows = (
        ProductCategory.objects.filter(product_id__in=product_ids[:200], category__is_public=True)
        .values("category")
        .annotate(n=Count("product", distinct=True))
        .order_by("-n")[:limit]
    )
    order = [row["category"] for row in rows]
    found = {c.pk: c for c in Category.objects.browsable().filter(pk__in=order)}
    return [found[pk] for pk in order if pk in found]
