"""The search page (/<lang>/shop/search/?q=...) and the autocomplete JSON
endpoint (/<lang>/shop/search/suggest/?q=...)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from catalog import hooks, listing_cache
from catalog.views import ListingMixin
from shop.common.page_versions import CATALOGUE, SEARCH, page_depends, page_versions_read
from shop.common.ratelimit import client_ip, rate_limit_hit

from . import engine, suggestions
from .text import normalise

MAX_Q_PARAM = 1000
AUTOCOMPLETE_CACHE_SECONDS = 60


def _engine_matches(parsed: engine.ParsedQuery) -> dict[str, list[int]]:
    """The engine's matching ids (products, producers, and each registered
    search source's: cms's stories) for a query, shared between visitors:
    three engine queries saved on every repeated search. Only ids are kept;
    visibility, price and stock are filtered live in the database on every
    request. Dropped when the catalogue version
    changes (a product saved, so possibly re-indexed: catalog.listing_cache)
    and after SEARCH_TTL seconds (a story or producer newly indexed shows up
    within that time)."""
    return listing_cache.get_or_build(
        namespace="search",
        # The catalogue's token and the index's (bumped once a product has
        # been re-indexed, after the commit), in one round trip.
        version="-".join(page_versions_read(names=[CATALOGUE, SEARCH]).values()),
        language=get_language() or "",
        state=listing_cache.state_key(normalise(parsed.text), settings.SEARCH_CANDIDATE_LIMIT),
        ttl=listing_cache.SEARCH_TTL,
        build=lambda: {
            "products": engine.product_ids_ranked(parsed),
            "producers": engine.producer_ids_matching(parsed),
            **{source.name: source.ids_matching(parsed) for source in hooks.search_sources()},
        },
    )


def _q(request) -> str:
    return (request.GET.get("q") or "")[:MAX_Q_PARAM].strip()


class SearchView(ListingMixin, TemplateView):
    template_name = "oscar/search/results.html"

    def get(self, request, *args, **kwargs):
        page_depends(request=request, names=[SEARCH])  # the matches change when the index does
        self.parsed = engine.parse(_q(request))
        # "Search instead for sillk": the visitor wants what they typed.
        self.as_typed = request.GET.get("as_typed") == "1"
        self.corrected_from = None
        # Without a searchable word (empty, only emoji or operators) the page
        # lists the catalogue, so the visitor can still browse and filter.
        self.query = self.parsed if self.parsed else None
        return super().get(request, *args, **kwargs)

    def listing_params(self) -> dict[str, str]:
        params = {"q": self.parsed.text} if self.parsed.text else {}
        if params and self.as_typed:
            params["as_typed"] = "1"
        return params

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parsed = self.parsed
        matches = _engine_matches(parsed) if parsed else None
        if parsed:
            corrected = suggestions.corrected_query(
                text=parsed.text, has_matches=bool(matches["products"]), as_typed=self.as_typed
            )
            if corrected:
                # The corrected words drive the whole page (results, facets,
                # links); the notice offers the typed words back.
                self.corrected_from = parsed.text
                parsed = self.parsed = self.query = engine.parse(corrected)
                matches = _engine_matches(parsed)
        result = self.listing_page(ranked_ids=matches["products"] if matches else None)
        context.update(self.listing_context(result))
        context.update(
            {
                "query": parsed.text,
                "searched": bool(parsed),
                "summary": _("Search"),
                "producers": engine.producers_in_order(matches["producers"]) if matches else [],
                # cms's "stories" (catalog/hooks.py).
                **{
                    source.name: source.in_order(matches.get(source.name, [])) if matches else []
                    for source in hooks.search_sources()
                },
                "corrected_from": self.corrected_from,
                "as_typed_href": (
                    "?" + urlencode({"q": self.corrected_from, "as_typed": "1"}) if self.corrected_from else ""
                ),
            }
        )
        if parsed and not result.count:
            context.update(self._no_results_help(parsed))
        return context

    def _no_results_help(self, parsed) -> dict:
        """A spelling suggestion, and the categories where products matching
        any one of the words (or the suggestion) are found."""
        suggestion = suggestions.spelling_suggestion(parsed.text)
        loose_ids = engine.product_ids_ranked(parsed, any_unit=True, limit=200) if len(parsed.units) > 1 else []
        if not loose_ids and suggestion:
            loose_ids = engine.product_ids_ranked(engine.parse(suggestion), limit=200)
        return {
            "suggestion": suggestion,
            "suggestion_href": "?" + urlencode({"q": suggestion}) if suggestion else "",
            "nearby_categories": suggestions.nearby_categories(product_ids=loose_ids),
        }


@require_GET
def autocomplete(request):
    """Products and producers whose names start with what was typed, as JSON:
    {"query": ..., "products": [{"title", "url"}], "producers": [{"name", "url"}]}.
    Rate-limited per client IP (429 with an empty list when over)."""
    if rate_limit_hit(
        scope="search-autocomplete",
        key=client_ip(request),
        limit=settings.SEARCH_AUTOCOMPLETE_RATE_LIMIT,
        window_seconds=settings.SEARCH_AUTOCOMPLETE_RATE_WINDOW,
    ):
        return JsonResponse({"query": "", "products": [], "producers": [], "error": "rate_limited"}, status=429)
    text = _q(request)
    # The same prefix is typed by many visitors: answers are shared for a
    # minute (a product unpublished meanwhile links to its 404 for that long).
    cache_key = "search:autocomplete:%s:%s" % (
        get_language(),
        hashlib.sha256(normalise(text).encode()).hexdigest()[:32],
    )
    payload = cache.get(cache_key)
    if payload is None:
        products = engine.products_autocomplete(text)
        producers = engine.producers_autocomplete(text)
        payload = {
            "query": text,
            "products": [{"title": p.get_title(), "url": p.get_absolute_url()} for p in products],
            "producers": [{"name": p.name, "url": p.get_absolute_url()} for p in producers],
        }
        cache.set(cache_key, payload, AUTOCOMPLETE_CACHE_SECONDS)
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response
