"""Storefront listings: the catalogue, category, district and search result
pages share one listing with filters, facet counts, sorting and pagination
(the ``browse_*`` functions; the views are catalog.views.ListingMixin).

Reads only (selectors). Every filter is a condition on the product row
(Exists/IN subqueries, never joins that duplicate rows), so a facet count is
exactly the number of results the visitor gets by clicking it: each facet
group is counted with every *other* filter applied.

A page of results costs a fixed number of queries whatever its size: the
reference lookups for the filters present in the URL, the page of ids with
its total (one query), then the cards (two; their images a third, only for
cards not in the fragment cache, catalog/fragment_cache.py). The facet counts
(one or two queries per group) are shared between visitors through the cache,
keyed by the catalogue version (catalog.listing_cache states when it changes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from . import fragment_cache, listing_cache
from .ordering import PRODUCT_ORDERINGS
from .search import engine, snippets
from .search.text import normalise
from .selectors import product_cards_queryset

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
Certification = get_model("catalogue", "Certification")
District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
StockRecord = get_model("partner", "StockRecord")

PAGE_SIZES = (12, 24, 48)
MAX_PAGE = 10_000
MAX_PRICE = Decimal("10000000")
# Price ranges offered as facet links (THB, incl. VAT); the last is open.
PRICE_BANDS = (
    (None, Decimal("300")),
    (Decimal("300"), Decimal("700")),
    (Decimal("700"), Decimal("1500")),
    (Decimal("1500"), None),
)

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "stars": _("OTOP stars"),
    "title": _("Name"),
}

# Relevance = engine order + title match + in stock (catalog.search docs).
TITLE_WEIGHT = 2.0
ENGINE_WEIGHT = 1.0
IN_STOCK_WEIGHT = 0.3


# --- Filters from the URL ------------------------------------------------------------------


@dataclass(frozen=True)
class BrowseFilters:
    otop_type: object | None = None
    category: object | None = None
    district: object | None = None
    min_stars: int | None = None
    certification: str | None = None
    natural_dye: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    producer: object | None = None

    def params(self) -> dict[str, str]:
        """The URL parameters that select exactly these filters."""
        out = {
            "type": self.otop_type.code if self.otop_type else "",
            "category": str(self.category.pk) if self.category else "",
            "district": self.district.slug if self.district else "",
            "stars": str(self.min_stars or ""),
            "cert": self.certification or "",
            "dye": "natural" if self.natural_dye else "",
            "price_min": _decimal_str(self.price_min),
            "price_max": _decimal_str(self.price_max),
            "stock": "1" if self.in_stock else "",
            "producer": self.producer.slug if self.producer else "",
        }
        return {k: v for k, v in out.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.params())


def _decimal_str(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _one(data: QueryDict, key: str) -> str:
    return (data.get(key) or "").strip()[:100]


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0 or number > MAX_PRICE:
        return None
    return number.quantize(Decimal("0.01"))


def _int(value: str, *, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def browse_filters_parse(*, data: QueryDict) -> BrowseFilters:
    """The filters in a query string. A value that is malformed or names
    nothing (an unknown district, a hidden category, stars=9) is dropped and
    the other filters still apply: a shared link never turns into an error."""
    code = _one(data, "type")
    otop_type = OtopProductType.objects.filter(code=code).first() if code else None
    category_id = _int(_one(data, "category"), low=1, high=2**31 - 1)
    category = Category.objects.browsable().filter(pk=category_id).first() if category_id else None
    slug = _one(data, "district")
    district = District.objects.filter(slug=slug).first() if slug else None
    producer_slug = _one(data, "producer")
    producer = (
        Producer.objects.filter(slug=producer_slug, status=Producer.Status.APPROVED).first() if producer_slug else None
    )
    cert = _one(data, "cert")
    price_min, price_max = _decimal(_one(data, "price_min")), _decimal(_one(data, "price_max"))
    if price_min is not None and price_max is not None and price_min > price_max:
        price_min, price_max = price_max, price_min
    return BrowseFilters(
        otop_type=otop_type,
        category=category,
        district=district,
        min_stars=_int(_one(data, "stars"), low=1, high=5),
        certification=cert if cert in Certification.Kind.values else None,
        natural_dye=_one(data, "dye") == "natural",
        price_min=price_min,
        price_max=price_max,
        in_stock=_one(data, "stock") in {"1", "true", "on", "yes"},
        producer=producer,
    )


def sort_parse(*, value: str | None, searching: bool) -> str:
    value = (value or "").strip()
    if value == "relevance" and not searching:
        return "newest"
    if value in SORTS:
        return value
    return "relevance" if searching else "newest"


def page_size_parse(*, value: str | None, default: int) -> int:
    number = _int((value or "").strip(), low=1, high=1000)
    return number if number in PAGE_SIZES else default


def page_number_parse(*, value: str | None) -> int:
    return _int((value or "").strip(), low=1, high=MAX_PAGE) or 1


# --- Conditions ------------------------------------------------------------------------------


def _own_stock_records() -> QuerySet:
    # The producer's own record: the one Oscar's strategy prices and sells from.
    return StockRecord.objects.filter(product=OuterRef("pk"), partner_id=OuterRef("producer__partner_id"))


def in_stock_condition() -> Exists:
    return Exists(
        _own_stock_records()
        .annotate(available=F("num_in_stock") - Coalesce(F("num_allocated"), Value(0)))
        .filter(available__gt=0)
    )


def price_expression() -> Subquery:
    return Subquery(_own_stock_records().order_by("pk").values("price")[:1])


def _district_condition(district) -> Q:
    # The product's own district of origin, else its producer's.
    return Q(origin_district=district) | Q(origin_district__isnull=True, producer__district=district)


def _category_condition(category) -> Q:
    return Q(
        pk__in=ProductCategory.objects.filter(
            category__path__startswith=category.path, category__depth__gte=category.depth
        ).values("product_id")
    )


def _conditions(filters: BrowseFilters) -> dict[str, Q]:
    """One condition per active facet group, keyed by the group name."""
    found: dict[str, Q] = {}
    if filters.otop_type is not None:
        found["type"] = Q(otop_type=filters.otop_type)
    if filters.category is not None:
        found["category"] = _category_condition(filters.category)
    if filters.district is not None:
        found["district"] = _district_condition(filters.district)
    if filters.min_stars:
        found["stars"] = Q(otop_stars__gte=filters.min_stars)
    if filters.certification:
        today = timezone.localdate()
        found["cert"] = Q(
            Exists(
                Certification.objects.filter(product=OuterRef("pk"), kind=filters.certification).filter(
                    Q(expiry_date__isnull=True) | Q(expiry_date__gte=today)
                )
            )
        )
    if filters.natural_dye:
        found["dye"] = Q(dye_type=Product.DyeType.NATURAL)
    if filters.price_min is not None or filters.price_max is not None:
        records = _own_stock_records()
        if filters.price_min is not None:
            records = records.filter(price__gte=filters.price_min)
        if filters.price_max is not None:
            records = records.filter(price__lte=filters.price_max)
        found["price"] = Q(Exists(records))
    if filters.in_stock:
        found["stock"] = Q(in_stock_condition())
    if filters.producer is not None:
        found["producer"] = Q(producer=filters.producer)
    return found


def _apply(queryset: QuerySet, conditions: dict[str, Q], *, except_group: str | None = None) -> QuerySet:
    # One filter() call, not one per condition: each call clones the query
    # (Query.clone was ~240 calls a request in the profile). The same result,
    # since no condition joins a multi-valued relation (see module doc).
    wanted = [condition for name, condition in conditions.items() if name != except_group]
    return queryset.filter(*wanted) if wanted else queryset


# --- Facets --------------------------------------------------------------------------------------


@dataclass
class FacetOption:
    label: str
    count: int
    selected: bool
    params: dict[str, str]  # the filters after clicking this option


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    clear_params: dict[str, str] | None = None  # the filters after removing this group


def _with(filters: BrowseFilters, **changes) -> dict[str, str]:
    return replace(filters, **changes).params()


def _facet_type(scope, conditions, filters) -> FacetGroup:
    rows = (
        _apply(scope, conditions, except_group="type")
        .filter(otop_type__isnull=False)
        .values("otop_type")
        .annotate(n=Count("pk"))
    )
    counts = {row["otop_type"]: row["n"] for row in rows}
    group = FacetGroup("type", _("OTOP product type"), clear_params=_with(filters, otop_type=None))
    for otop_type in OtopProductType.objects.filter(pk__in=counts):
        group.options.append(
            FacetOption(
                otop_type.name,
                counts[otop_type.pk],
                filters.otop_type == otop_type,
                _with(filters, otop_type=otop_type),
            )
        )
    return group


def _facet_category(scope, conditions, filters, *, within) -> FacetGroup:
    """Counts for the sub-categories one level below ``within`` (the page's
    category, or the top level), each counting its own descendants."""
    base = _apply(scope, conditions, except_group="category")
    depth = within.depth + 1 if within is not None else 1
    rows = ProductCategory.objects.filter(product__in=base.values("pk"), category__depth__gte=depth)
    if within is not None:
        rows = rows.filter(category__path__startswith=within.path)
    step = Category.steplen
    products_by_node: dict[str, set[int]] = {}
    for product_id, path in rows.values_list("product_id", "category__path"):
        products_by_node.setdefault(path[: depth * step], set()).add(product_id)
    group = FacetGroup("category", _("Category"), clear_params=_with(filters, category=None))
    nodes = Category.objects.browsable().filter(depth=depth, path__in=products_by_node).order_by("path")
    for node in nodes:
        group.options.append(
            FacetOption(
                node.display_name,
                len(products_by_node[node.path]),
                filters.category is not None and filters.category.pk == node.pk,
                _with(filters, category=node),
            )
        )
    if filters.category is not None and not any(o.selected for o in group.options):
        # A deeper category chosen by URL: show it so it can be removed.
        count = base.filter(_category_condition(filters.category)).count()
        group.options.insert(0, FacetOption(filters.category.display_name, count, True, filters.params()))
    return group


def _facet_district(scope, conditions, filters) -> FacetGroup:
    rows = (
        _apply(scope, conditions, except_group="district")
        .annotate(effective_district=Coalesce("origin_district_id", "producer__district_id"))
        .filter(effective_district__isnull=False)
        .values("effective_district")
        .annotate(n=Count("pk"))
    )
    counts = {row["effective_district"]: row["n"] for row in rows}
    group = FacetGroup("district", _("District"), clear_params=_with(filters, district=None))
    for district in District.objects.filter(pk__in=counts):
        group.options.append(
            FacetOption(
                district.name, counts[district.pk], filters.district == district, _with(filters, district=district)
            )
        )
    group.options.sort(key=lambda o: (-o.count, o.label))
    return group


def _facet_stars(scope, conditions, filters) -> FacetGroup:
    rows = (
        _apply(scope, conditions, except_group="stars")
        .filter(otop_stars__isnull=False)
        .values("otop_stars")
        .annotate(n=Count("pk"))
    )
    counts = {row["otop_stars"]: row["n"] for row in rows}
    group = FacetGroup("stars", _("OTOP stars"), clear_params=_with(filters, min_stars=None))
    for stars in (5, 4, 3, 2, 1):
        at_least = sum(n for s, n in counts.items() if s >= stars)
        if at_least:
            label = (
                _("5 stars")
                if stars == 5
                else ngettext("%(stars)s star or more", "%(stars)s stars or more", stars) % {"stars": stars}
            )
            group.options.append(
                FacetOption(str(label), at_least, filters.min_stars == stars, _with(filters, min_stars=stars))
            )
    return group


def _facet_certification(scope, conditions, filters) -> FacetGroup:
    today = timezone.localdate()
    rows = (
        Certification.objects.filter(product__in=_apply(scope, conditions, except_group="cert").values("pk"))
        .filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))
        .values("kind")
        .annotate(n=Count("product", distinct=True))
    )
    labels = dict(Certification.Kind.choices)
    group = FacetGroup("cert", _("Certification (valid)"), clear_params=_with(filters, certification=None))
    for row in sorted(rows, key=lambda r: -r["n"]):
        group.options.append(
            FacetOption(
                str(labels.get(row["kind"], row["kind"])),
                row["n"],
                filters.certification == row["kind"],
                _with(filters, certification=row["kind"]),
            )
        )
    return group


def _facet_toggles(scope, conditions, filters) -> list[FacetGroup]:
    dye_count = _apply(scope, conditions, except_group="dye").filter(dye_type=Product.DyeType.NATURAL).count()
    stock_count = _apply(scope, conditions, except_group="stock").filter(in_stock_condition()).count()
    dye = FacetGroup("dye", _("Natural dye"), clear_params=_with(filters, natural_dye=False))
    if dye_count:
        dye.options.append(
            FacetOption(str(_("Natural dye only")), dye_count, filters.natural_dye, _with(filters, natural_dye=True))
        )
    stock = FacetGroup("stock", _("Availability"), clear_params=_with(filters, in_stock=False))
    if stock_count:
        stock.options.append(
            FacetOption(str(_("In stock only")), stock_count, filters.in_stock, _with(filters, in_stock=True))
        )
    return [dye, stock]


def _facet_price(scope, conditions, filters) -> FacetGroup:
    base = _apply(scope, conditions, except_group="price").annotate(shelf_price=price_expression())
    aggregates = {}
    for index, (low, high) in enumerate(PRICE_BANDS):
        condition = Q(shelf_price__isnull=False)
        if low is not None:
            condition &= Q(shelf_price__gte=low)
        if high is not None:
            condition &= Q(shelf_price__lte=high)
        aggregates[f"band{index}"] = Count("pk", filter=condition)
    counts = base.aggregate(**aggregates)
    group = FacetGroup("price", _("Price"), clear_params=_with(filters, price_min=None, price_max=None))
    for index, (low, high) in enumerate(PRICE_BANDS):
        if not counts[f"band{index}"]:
            continue
        if low is None:
            label = _("Up to ฿%(high)s") % {"high": f"{high:,.0f}"}
        elif high is None:
            label = _("฿%(low)s and more") % {"low": f"{low:,.0f}"}
        else:
            label = _("฿%(low)s – ฿%(high)s") % {"low": f"{low:,.0f}", "high": f"{high:,.0f}"}
        selected = (filters.price_min, filters.price_max) == (low, high)
        group.options.append(
            FacetOption(str(label), counts[f"band{index}"], selected, _with(filters, price_min=low, price_max=high))
        )
    return group


def _facet_producer(scope, conditions, filters, *, limit: int = 12) -> FacetGroup:
    rows = (
        _apply(scope, conditions, except_group="producer")
        .filter(producer__isnull=False)
        .values("producer")
        .annotate(n=Count("pk"))
        .order_by("-n", "producer")[:limit]
    )
    counts = {row["producer"]: row["n"] for row in rows}
    if filters.producer is not None and filters.producer.pk not in counts:
        counts[filters.producer.pk] = _apply(scope, conditions).count()
    group = FacetGroup("producer", _("Producer"), clear_params=_with(filters, producer=None))
    for producer in Producer.objects.filter(pk__in=counts):
        group.options.append(
            FacetOption(
                producer.name, counts[producer.pk], filters.producer == producer, _with(filters, producer=producer)
            )
        )
    group.options.sort(key=lambda o: (-o.count, o.label))
    return group


def browse_facets(*, scope: QuerySet, filters: BrowseFilters, category=None, district=None) -> list[FacetGroup]:
    """Facet groups for a listing. ``scope`` is what the page lists before any
    filter (the catalogue, a category, a district, the search matches). A
    group the page is already fixed to (its category's parents, its district)
    is left out."""
    conditions = _conditions(filters)
    groups = [_facet_type(scope, conditions, filters), _facet_category(scope, conditions, filters, within=category)]
    if district is None:
        groups.append(_facet_district(scope, conditions, filters))
    groups += [
        _facet_stars(scope, conditions, filters),
        _facet_certification(scope, conditions, filters),
        *_facet_toggles(scope, conditions, filters),
        _facet_price(scope, conditions, filters),
        _facet_producer(scope, conditions, filters),
    ]
    return [group for group in groups if group.options]


# --- The listing ---------------------------------------------------------------------------------


@dataclass
class BrowsePage:
    """What a listing template needs. ``paginator``/``page_obj`` mimic
    Django's so Oscar's pagination partial works unchanged."""

    products: list
    count: int
    number: int
    page_size: int
    sort: str
    facets: list[FacetGroup]
    query: engine.ParsedQuery | None = None

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def paginator(self):
        return self

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.page_size + 1 if self.count else 0


def browse_scope(*, category=None, district=None, product_ids: list[int] | None = None) -> QuerySet:
    """The products a page lists before filters: public canonical products,
    within a category (and its descendants), a district or a set of ids."""
    scope = Product.objects.browsable()
    if category is not None:
        scope = scope.filter(_category_condition(category))
    if district is not None:
        scope = scope.filter(_district_condition(district))
    if product_ids is not None:
        scope = scope.filter(pk__in=product_ids)
    return scope


_ORDERINGS = {
    **PRODUCT_ORDERINGS,
    "price_asc": (F("shelf_price").asc(nulls_last=True), "pk"),
    "price_desc": (F("shelf_price").desc(nulls_last=True), "pk"),
}


def _relevance_order(*, filtered: QuerySet, ranked_ids: list[int], parsed: engine.ParsedQuery) -> list[int]:
    """Engine order, then boosted: a title containing what was asked for
    counts double, an available product a little more (catalog/search docs)."""
    rows = filtered.annotate(available=in_stock_condition()).values_list(
        "pk", "title", "title_en", "title_zh_hans", "available"
    )
    position = {pk: i for i, pk in enumerate(ranked_ids)}
    total = max(1, len(ranked_ids))
    scores = {}
    for pk, title, title_en, title_zh, available in rows:
        titles = normalise(f"{title} {title_en} {title_zh}")
        matched = sum(
            1 for unit in parsed.units if unit.surface in titles or any(term in titles for term in unit.terms)
        )
        title_share = matched / len(parsed.units)
        engine_share = 1 - position.get(pk, total) / total
        scores[pk] = TITLE_WEIGHT * title_share + ENGINE_WEIGHT * engine_share + (IN_STOCK_WEIGHT if available else 0)
    return sorted(scores, key=lambda pk: (-scores[pk], position.get(pk, total)))


def _cards(ids: list[int], *, request=None, searching: bool = False) -> list:
    """The page's products in the order of ``ids``, for their cards. For a
    request's listing (not a search: its snippets need the products' text)
    a card found in the fragment cache stands in for its product, which is
    not loaded (catalog/fragment_cache.py cards_for_listing: its stock records
    are); the others are loaded with their images and thumbnails."""
    if request is not None and not searching:
        return fragment_cache.cards_for_listing(request=request, ids=ids, load=_cards_load)
    products = _cards_load(ids, images=False)
    missing = fragment_cache.cards_attach(products, request=request)
    if missing:
        prefetch_related_objects(missing, "images")
        listing_cache.card_thumbnails_attach(missing)
    return products


def _cards_load(ids: list[int], *, images: bool = True) -> list:
    by_id = {p.pk: p for p in product_cards_queryset().filter(pk__in=ids)} if ids else {}
    products = [by_id[pk] for pk in ids if pk in by_id]
    # A parent's price and availability come from its public children: two
    # more queries, only on pages that show a parent.
    fragment_cache.cards_prefetch_children(products)
    if images and products:
        prefetch_related_objects(products, "images")
        listing_cache.card_thumbnails_attach(products)
    return products


def _listing_state(*, filters: BrowseFilters, category, district, ranked_ids) -> str:
    """The cache key part of everything a listing's facet counts and total
    depend on: page (category, district), the engine's matches, the filters
    and the date (certifications expire at midnight)."""
    return listing_cache.state_key(
        category.pk if category is not None else None,
        district.pk if district is not None else None,
        sorted(ranked_ids) if ranked_ids is not None else None,
        sorted(filters.params().items()),
        timezone.localdate().isoformat(),
    )


def _facets_cached(*, scope, filters, category, district, state: str, version: str) -> list[FacetGroup]:
    """browse_facets, shared between visitors for FACETS_TTL seconds at most
    and dropped at once when the catalogue changes (catalog.listing_cache
    explains the invalidation), per language (labels)."""
    return listing_cache.get_or_build(
        namespace="facets",
        version=version,
        language=get_language() or "",
        state=state,
        ttl=listing_cache.FACETS_TTL,
        build=lambda: browse_facets(scope=scope, filters=filters, category=category, district=district),
    )


def _count_cached(*, filtered: QuerySet, state: str, version: str) -> int:
    """How many products the listing has, shared like the facet counts (the
    same key and invalidation): counting is a scan of every matching product
    (65 ms at 100,000 products), the page itself is an index scan."""
    return listing_cache.get_or_build(
        namespace="count",
        version=version,
        language="",
        state=state,
        ttl=listing_cache.FACETS_TTL,
        build=filtered.count,
    )


def _page_ids(*, filtered: QuerySet, sort: str, page: int, page_size: int, count: int) -> tuple[list[int], int]:
    """The ids of one page and its number (clamped to the last page)."""
    page = min(page, max(1, math.ceil(count / page_size)))
    ordered = filtered
    if sort in ("price_asc", "price_desc"):
        ordered = ordered.annotate(shelf_price=price_expression())
    ordered = ordered.order_by(*_ORDERINGS.get(sort, _ORDERINGS["newest"]))
    ids = list(ordered.values_list("pk", flat=True)[(page - 1) * page_size : page * page_size]) if count else []
    return ids, page


def browse_page(
    *,
    filters: BrowseFilters,
    sort: str,
    page: int,
    page_size: int,
    category=None,
    district=None,
    query: engine.ParsedQuery | None = None,
    ranked_ids: list[int] | None = None,
    version: str | None = None,
    request=None,
) -> BrowsePage:
    """One page of a listing, with its facets. With a query, ``ranked_ids``
    are the engine's matches (engine.product_ids_ranked) and the listing is
    limited to them.

    Queries: the facets and the total come from the cache (else one or two
    per group, and a count); the page of ids is one query (the relevance
    ranking's rows on the search page), the cards two (their images a third,
    only for cards not in the fragment cache). Prices and
    availability are live. ``version`` is the catalogue version if the view
    has read it already (it must be read before any row of the page), and
    ``request`` the request whose product cards may then be kept in the
    fragment cache (catalog/fragment_cache.py)."""
    searching = query is not None
    scope = browse_scope(category=category, district=district, product_ids=ranked_ids if searching else None)
    conditions = _conditions(filters)
    filtered = _apply(scope, conditions)
    state = _listing_state(
        filters=filters, category=category, district=district, ranked_ids=ranked_ids if searching else None
    )
    if version is None:
        version = listing_cache.catalogue_version()  # one cache round trip for the facets, the total and the cards
    facets = _facets_cached(
        scope=scope, filters=filters, category=category, district=district, state=state, version=version
    )

    if searching and sort == "relevance":
        ordered = _relevance_order(filtered=filtered, ranked_ids=ranked_ids or [], parsed=query)
        count = len(ordered)
        page = min(page, max(1, math.ceil(count / page_size)))
        page_ids = ordered[(page - 1) * page_size : page * page_size]
    else:
        count = _count_cached(filtered=filtered, state=state, version=version)
        page_ids, page = _page_ids(filtered=filtered, sort=sort, page=page, page_size=page_size, count=count)

    products = _cards(page_ids, request=request, searching=searching)
    if searching:
        snippets.annotate_products(products, query=query)
    return BrowsePage(
        products=products, count=count, number=page, page_size=page_size, sort=sort, facets=facets, query=query
    )
