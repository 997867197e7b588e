"""Queries to the search engine. Everything here goes through Wagtail's
search API (backend.search / autocomplete with query objects), so it runs
unchanged on the database backends and on Elasticsearch/OpenSearch.
Products and producers are the catalogue's; other apps' indexed pages (cms's
stories) come through the search sources they register (catalog/hooks.py).

A visitor's words become an ``And`` of units; a unit is an ``Or`` of term
groups (ผ้าไหม, or ผ้า and ไหม; scarves, scarv or scarf). Terms contain only
letters and digits (catalog.search.text), so no query can carry engine
syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from .text import QueryUnit, index_terms, normalise, prefix_query_terms, query_units

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    units: tuple[QueryUnit, ...]

    def __bool__(self) -> bool:
        return bool(self.units)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """Strings to mark in titles and snippets: what was typed, and the
        parts and stems it was matched by (at least two characters)."""
        out = [u.surface for u in self.units]
        out += [t for u in self.units for t in u.terms]
        return tuple(sorted({t for t in out if len(t) >= 2 or not t.isascii()}, key=len, reverse=True))


def parse(query: str | None) -> ParsedQuery:
    text = (query or "").strip()
    return ParsedQuery(text=text, units=tuple(query_units(text)))


def _unit_query(unit: QueryUnit):
    groups = [PlainText(" ".join(group), operator="and") for group in unit.alternatives]
    return groups[0] if len(groups) == 1 else Or(groups)


def engine_query(parsed: ParsedQuery, *, any_unit: bool = False):
    """All units must match (or any one, for "did you mean" fallbacks)."""
    queries = [_unit_query(unit) for unit in parsed.units]
    if len(queries) == 1:
        return queries[0]
    return Or(queries) if any_unit else And(queries)


def product_ids_ranked(parsed: ParsedQuery, *, any_unit: bool = False, limit: int | None = None) -> list[int]:
    """Ids of indexed products matching the query, best first by the
    engine's relevance (title field boosted). The caller re-ranks and filters
    them against the live catalogue (catalog.listing_selectors)."""
    if not parsed:
        return []
    limit = limit or settings.SEARCH_CANDIDATE_LIMIT
    return _ids_matching(engine_query(parsed, any_unit=any_unit), Product, limit=limit)


def _ids_matching(query, model, *, autocomplete: bool = False, limit: int) -> list[int]:
    """Ids of ``model`` objects matching, best first. The engine is asked
    without filters (every engine supports that, none needs FilterFields);
    visibility is filtered in the database by the callers."""
    backend = get_search_backend()
    if hasattr(backend, "ranked_pks"):  # catalog.search.backends on SQLite
        pks = backend.ranked_pks(query, model, autocomplete=autocomplete, limit=limit)
        if pks is not None:
            return pks
    queryset = model.objects.only("pk")
    results = backend.autocomplete(query, queryset) if autocomplete else backend.search(query, queryset)
    return [obj.pk for obj in results[:limit]]


def model_ids_matching(parsed: ParsedQuery, *, model, limit: int) -> list[int]:
    """Ids of indexed ``model`` objects matching the query, best first: for
    the search sources other apps register (catalog/hooks.py), e.g. the
    stories of cms."""
    return _ids_matching(engine_query(parsed), model, limit=limit) if parsed else []


def in_order(queryset, ids: list[int], limit: int) -> list:
    """The objects of ``queryset`` among ``ids`` (the visible ones), in the
    engine's order, at most ``limit``."""
    found = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found][:limit]


def producer_ids_matching(parsed: ParsedQuery, *, limit: int = 4) -> list[int]:
    """Ids of indexed producers matching, best first (more than ``limit``:
    some may no longer be approved)."""
    return _ids_matching(engine_query(parsed), Producer, limit=limit * 5) if parsed else []


def producers_in_order(ids: list[int], *, limit: int = 4) -> list:
    approved = Producer.objects.filter(status=Producer.Status.APPROVED).select_related("district")
    return in_order(approved, ids, limit) if ids else []


def producers_matching(parsed: ParsedQuery, *, limit: int = 4) -> list:
    return producers_in_order(producer_ids_matching(parsed, limit=limit), limit=limit)


def autocomplete_query(text: str):
    """The words typed so far, the last one as a prefix (ผ้าไห -> ไห*)."""
    terms = prefix_query_terms(text)
    return " ".join(terms) if terms else ""


def typed_match_rank(*, names: list[str], text: str) -> int:
    """How well names answer what was typed so far: 0 when one starts with
    it (กาแ: กาแฟดริป), 1 when one has a word starting with the word being
    typed, 2 otherwise. The engine's relevance knows nothing of "starts
    with", so a short shared prefix (การบูร for กา) could rank first."""
    typed = normalise(text).strip()
    if not typed:
        return 2
    if any(normalise(name).startswith(typed) for name in names if name):
        return 0
    terms = prefix_query_terms(text)
    last = terms[-1] if terms else ""
    if last and any(term.startswith(last) for name in names if name for term in index_terms(name)):
        return 1
    return 2


def _by_typed_match(objects: list, *, names, text: str, limit: int) -> list:
    # sorted() is stable: within a rank the engine's order stays.
    return sorted(objects, key=lambda obj: typed_match_rank(names=names(obj), text=text))[:limit]


def products_autocomplete(text: str, *, limit: int = 6) -> list:
    query = autocomplete_query(text)
    if not query:
        return []
    ids = _ids_matching(query, Product, autocomplete=True, limit=limit * 3)
    visible = Product.objects.browsable().only(
        "pk", "title", "title_en", "title_zh_hans", "slug", "parent_id", "structure"
    )
    candidates = in_order(visible, ids, len(ids))
    return _by_typed_match(candidates, names=lambda p: [p.title, p.title_en, p.title_zh_hans], text=text, limit=limit)


def producers_autocomplete(text: str, *, limit: int = 3) -> list:
    query = autocomplete_query(text)
    if not query:
        return []
    ids = _ids_matching(query, Producer, autocomplete=True, limit=limit * 3)
    approved = Producer.objects.filter(status=Producer.Status.APPROVED).only("pk", "slug", "name_th", "name_en")
    candidates = in_order(approved, ids, len(ids))
    return _by_typed_match(candidates, names=lambda p: [p.name_th, p.name_en], text=text, limit=limit)
