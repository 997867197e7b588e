"""Reads for the CMS pages and the catalogue pages that show stories.

Lists of pages are for one locale. Where a language has no page yet (an
editor has not translated it), lists fall back to another language (English
for Chinese readers, then Thai, the source language) rather than showing
nothing: a translation fallback that keeps the product, producer and
district pages useful while translations are pending.

Every function costs a fixed number of queries, whatever it returns.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from oscar.core.loading import get_class, get_model
from wagtail.models import Locale, Page, Site

from catalog.selectors import producers_approved, products_browse

from .models import (
    CenterPage,
    DistrictIndexPage,
    DistrictPage,
    ExperienceIndexPage,
    ExperiencePage,
    PageProduct,
    StoryPage,
)

Product = get_model("catalogue", "Product")


# --- Per-request memo -----------------------------------------------------------------

# Locale rows are looked up by language code several times while one page
# renders (the active locale, the default one, the fallbacks): one query each
# time in Wagtail. They are kept for the length of a request only, never
# across requests (a locale can be added or removed by an editor), and not
# at all outside requests (tasks, shell, tests calling selectors directly).
_request_memo: ContextVar[dict | None] = ContextVar("cms_selectors_request_memo", default=None)


def _memo_start(**kwargs) -> None:
    _request_memo.set({})


def _memo_end(**kwargs) -> None:
    _request_memo.set(None)


request_started.connect(_memo_start, dispatch_uid="cms.selectors.memo_start")
request_finished.connect(_memo_end, dispatch_uid="cms.selectors.memo_end")


def _memoised(key: tuple, load):
    memo = _request_memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def locale_active() -> Locale:
    """Locale.get_active(), once per request and language."""
    return _memoised(("locale-active", get_language()), Locale.get_active)


def locale_default() -> Locale:
    """Locale.get_default(), once per request."""
    return _memoised(("locale-default",), Locale.get_default)


def _not_restricted() -> Exists:
    """Wagtail's ``.public()`` as a condition of the same query: a page with
    no view restriction on itself or an ancestor. ``.public()`` first reads
    every restriction (one query per call: four on the home page)."""
    from wagtail.models import PageViewRestriction

    return ~Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


# --- Products for blocks ----------------------------------------------------------------


def _strategy(request):
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        Selector = get_class("partner.strategy", "Selector")
        strategy = Selector().strategy(request=request, user=getattr(request, "user", None))
    return strategy


def _buyable(strategy, product) -> bool:
    info = strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)
    return bool(info.availability.is_available_to_buy)


def products_for_blocks(*, ids, request=None) -> dict[int, Product]:
    """The products among `ids` that a visitor can buy now (public, canonical,
    priced and in stock), by id, loaded with everything a product card needs
    in a fixed number of queries. Unknown ids are ignored."""
    wanted = list(dict.fromkeys(pk for pk in ids if pk))
    if not wanted:
        return {}
    strategy = _strategy(request)
    return {product.pk: product for product in products_browse().filter(pk__in=wanted) if _buyable(strategy, product)}


def products_buyable_by_producer(*, producer_id: int, request=None, limit: int = 4) -> list[Product]:
    """A producer's best products that can be bought now."""
    strategy = _strategy(request)
    candidates = products_browse(ordering="stars").filter(producer_id=producer_id)[: limit * 3]
    return [product for product in candidates if _buyable(strategy, product)][:limit]


def products_in_district(*, district_id: int, request=None, limit: int = 8) -> list[Product]:
    """Products made in a district (by the product's or its producer's
    district), best-rated first, that can be bought now."""
    strategy = _strategy(request)
    candidates = (
        products_browse(ordering="stars")
        .filter(Q(origin_district_id=district_id) | Q(origin_district__isnull=True, producer__district_id=district_id))
        .filter(stockrecords__num_in_stock__gt=0)
        .distinct()[: limit * 2]
    )
    return [product for product in candidates if _buyable(strategy, product)][:limit]


def products_preview_ids(limit: int = 3) -> list[int]:
    """A few public products for block previews in the admin."""
    return list(products_browse(ordering="stars").values_list("pk", flat=True)[:limit])


# --- Stories -----------------------------------------------------------------------------


def _stories() -> QuerySet:
    return StoryPage.objects.live().filter(_not_restricted()).select_related("hero_image", "district", "producer")


# Where a language has no page yet, readers of Chinese get English (more of
# them read it than Thai), everyone else Thai, the source language.
_FALLBACK_LANGUAGES = {"zh-hans": ("en",)}


def fallback_locales(locale: Locale) -> list[Locale]:
    """`locale` followed by the locales to try when a page is missing in it."""
    codes = [locale.language_code, *_FALLBACK_LANGUAGES.get(locale.language_code, ())]
    if settings.LANGUAGE_CODE not in codes:
        # The default locale is the one of LANGUAGE_CODE (Locale.get_default),
        # so it comes with the others in the one query below.
        codes.append(settings.LANGUAGE_CODE)

    def load():
        found = {loc.language_code: loc for loc in Locale.objects.filter(language_code__in=codes)}
        return [found[code] for code in codes if code in found]

    return list(_memoised(("fallback-locales", tuple(codes)), load))


def _in_locale_or_default(queryset: QuerySet, *, locale: Locale, limit: int | None) -> list:
    """Pages of `queryset` in `locale`; if there are none, in the first
    fallback locale that has some (see fallback_locales)."""
    pages: list = []
    for candidate in [locale] if locale.language_code == settings.LANGUAGE_CODE else fallback_locales(locale):
        in_locale = queryset.filter(locale=candidate)
        pages = list(in_locale[:limit] if limit else in_locale)
        if pages:
            break
    return pages


def _in_active_language_or_fallback(queryset: QuerySet, *, limit: int) -> list:
    """``_in_locale_or_default`` for the visitor's language, in one query:
    the pages of every candidate language are read together (joined to
    their locale by language code, not looked up first) and the first
    language that has some wins. For short lists (a product's stories)."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        active = get_supported_content_language_variant(get_language())
    except LookupError:
        active = settings.LANGUAGE_CODE
    codes = [active, *_FALLBACK_LANGUAGES.get(active, ())]
    if settings.LANGUAGE_CODE not in codes:
        codes.append(settings.LANGUAGE_CODE)
    by_language: dict[str, list] = {}
    for page in queryset.filter(locale__language_code__in=codes).select_related("locale"):
        by_language.setdefault(page.locale.language_code, []).append(page)
    for code in codes:
        if by_language.get(code):
            return by_language[code][:limit]
    return []


def stories_latest(*, locale: Locale, limit: int = 3) -> QuerySet:
    """The newest published stories in the given locale, hero image loaded."""
    return _stories().filter(locale=locale).order_by("-date", "-pk")[:limit]


def stories_in_index(*, index, tag: str | None = None) -> QuerySet:
    stories = _stories().child_of(index).prefetch_related("tags").order_by("-date", "-pk")
    if tag:
        stories = stories.filter(tags__name=tag).distinct()
    return stories


def stories_exist_for_product() -> Exists:
    """An annotation for a product queryset: whether any live story shows
    the product or is about its producer, in any language. The product page
    loads it with the product and asks ``stories_featuring_product`` (three
    queries) only when it is true."""
    shown_on = PageProduct.objects.filter(product_id=OuterRef(OuterRef("pk"))).values("page_id")
    return Exists(StoryPage.objects.live().filter(Q(producer_id=OuterRef("producer_id")) | Q(pk__in=shown_on)))


def stories_featuring_product(*, product, locale: Locale | None = None, limit: int = 3) -> list[StoryPage]:
    """Stories that show `product` in a product block or are about its
    producer, newest first, in the visitor's language (else a fallback)."""
    if getattr(product, "has_stories", None) is False:
        return []  # loaded with the product (stories_exist_for_product)
    shown_on = PageProduct.objects.filter(product_id=product.pk).values("page_id")
    condition = Q(pk__in=shown_on)
    if product.producer_id:
        condition |= Q(producer_id=product.producer_id)
    queryset = _stories().filter(condition).order_by("-date", "-pk")
    if locale is not None:
        return _in_locale_or_default(queryset, locale=locale, limit=limit)
    return _in_active_language_or_fallback(queryset, limit=limit)


def stories_for_producer(*, producer, locale: Locale | None = None, limit: int = 6) -> list[StoryPage]:
    """Stories about `producer` or showing one of its products."""
    locale = locale or locale_active()
    shown_on = PageProduct.objects.filter(product__producer_id=producer.pk).values("page_id")
    queryset = _stories().filter(Q(producer_id=producer.pk) | Q(pk__in=shown_on)).order_by("-date", "-pk")
    return _in_locale_or_default(queryset, locale=locale, limit=limit)


def stories_in_district(*, district_id: int, locale: Locale, limit: int = 3) -> list[StoryPage]:
    queryset = _stories().filter(district_id=district_id).order_by("-date", "-pk")
    return _in_locale_or_default(queryset, locale=locale, limit=limit)


# --- Districts, experiences, the center -------------------------------------------------


def district_pages_in_index(*, index) -> list[DistrictPage]:
    """The index's live district pages by district code; when none are
    translated into the index's language yet, those of the fallback
    language's index (see fallback_locales)."""

    def children(parent):
        return list(
            DistrictPage.objects.child_of(parent)
            .live()
            .filter(_not_restricted())
            .select_related("district", "hero_image")
            .order_by("district__code")
        )

    pages = children(index)
    if pages:
        return pages
    for locale in fallback_locales(index.locale)[1:]:
        translated = index.get_translation_or_none(locale)
        if translated is not None and translated.live and (pages := children(translated)):
            return pages
    return []


def district_page_taken(*, district_id: int, locale_id: int, exclude_pk: int | None = None) -> bool:
    """Another page of the district exists in the locale (one page per
    district and language: a second would split the district's producers and
    stories between two URLs)."""
    return DistrictPage.objects.filter(district_id=district_id, locale_id=locale_id).exclude(pk=exclude_pk).exists()


def district_index_live(*, locale: Locale):
    return DistrictIndexPage.objects.live().filter(_not_restricted()).filter(locale=locale).first()


def district_page_for(*, district, locale: Locale | None = None):
    """The live page of `district` in the visitor's language, else in a
    fallback language, else None."""
    locale = locale or locale_active()
    pages = DistrictPage.objects.live().filter(_not_restricted()).filter(district_id=getattr(district, "pk", district))
    found = _in_locale_or_default(pages.order_by("pk"), locale=locale, limit=1)
    return found[0] if found else None


def producers_in_district(*, district_id: int) -> QuerySet:
    return producers_approved().filter(district_id=district_id).order_by("name_th")


def experiences_in_index(*, index) -> QuerySet:
    return (
        ExperiencePage.objects.child_of(index)
        .live()
        .filter(_not_restricted())
        .select_related("hero_image", "district", "host")
        .order_by("path")
    )


def experiences_latest(*, locale: Locale, limit: int = 2) -> QuerySet:
    return (
        ExperiencePage.objects.live()
        .filter(_not_restricted())
        .filter(locale=locale)
        .select_related("hero_image", "district")
        .order_by("path")[:limit]
    )


def center_page_live(*, locale: Locale):
    """The center page in `locale`, else in the default locale, else None."""
    pages = _in_locale_or_default(
        CenterPage.objects.live().filter(_not_restricted()).order_by("path"), locale=locale, limit=1
    )
    return pages[0] if pages else None


def experience_index_live(*, locale: Locale):
    return ExperienceIndexPage.objects.live().filter(_not_restricted()).filter(locale=locale).first()


def campaign_in_language(*, campaign):
    """A campaign chosen on the home page, in the visitor's language when it
    has a translation; None when there is none or it is not live."""
    return campaign.localized.specific if campaign and campaign.live else None


# --- Sitemap and links between languages ------------------------------------------------


def site_for_request(*, request=None) -> Site:
    """The Wagtail site the request is for, else the default site."""
    site = Site.find_for_request(request) if request else None
    return site or Site.objects.select_related("root_page").get(is_default_site=True)


def pages_live_in_every_language(*, root) -> QuerySet:
    """The live, public pages under ``root`` and under each of its
    translations (the home page's translations are its siblings: every
    language's tree), in path order, with their locale."""
    in_a_tree = Q()
    for tree_root in Page.objects.filter(translation_key=root.translation_key):
        in_a_tree |= Q(path__startswith=tree_root.path)
    return Page.objects.filter(in_a_tree).live().public().select_related("locale").order_by("path")


def page_translations_live(*, page) -> QuerySet:
    """The page and its live translations, with their locale."""
    return page.get_translations(inclusive=True).live().select_related("locale")


def products_for_sitemap() -> QuerySet:
    """Public, canonical products (child variants share their parent's page),
    with only what a sitemap entry needs."""
    return Product.objects.browsable().order_by("pk").only("pk", "slug", "date_updated")
