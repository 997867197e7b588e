"""Where the apps above the catalogue plug into it.

Layers run one way: catalog imports no app above it (cms, inventory, the
Oscar forks, the project). When one of its pages needs something of theirs,
that app registers it here from its ``AppConfig.ready`` and the catalogue
only ever sees what was registered:

* Product page annotations: EXISTS/COUNT expressions loaded with the product
  of the product page in its one query
  (``catalog.selectors.product_page_queryset``), so a template tag of the
  registering app knows without a query of its own whether it has anything
  to show. cms registers ``has_stories`` (cms/apps.py).
* Search sources: kinds of result the search page shows beside products and
  producers (``catalog.search.views.SearchView``). A source gives the
  engine's matching ids for a query (cached with the products' and
  producers' ids) and the visible objects among ids, which the page's
  context gets under the source's name. cms registers ``stories``.

Registering the same name again replaces the earlier registration (a second
``ready()`` in tests is harmless).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_product_page_annotations: dict[str, Callable[[], Any]] = {}
_search_sources: dict[str, SearchSource] = {}


def product_page_annotation_register(*, name: str, build: Callable[[], Any]) -> None:
    """``build()`` returns a query expression annotated as ``name`` on the
    product page's product (an ``Exists(...)`` whose OuterRef is the product)."""
    _product_page_annotations[name] = build


def product_page_annotations() -> dict[str, Callable[[], Any]]:
    return dict(_product_page_annotations)


@dataclass(frozen=True)
class SearchSource:
    #: The page context's name for the results ("stories").
    name: str
    #: (parsed query: catalog.search.engine.ParsedQuery) -> the engine's matching ids, best first.
    ids_matching: Callable[[Any], list[int]]
    #: (ids) -> the objects among them a visitor may see now, in that order.
    in_order: Callable[[list[int]], list]


def search_source_register(*, source: SearchSource) -> None:
    _search_sources[source.name] = source


def search_sources() -> list[SearchSource]:
    return list(_search_sources.values())
