import functools

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language

from shop.common.visitor import visitor_header


def _home_url(lang: str) -> str:
    """The Wagtail home page in `lang` ("/" for Thai, "/en/" for English...)."""
    with translation.override(lang):
        return reverse("wagtail_serve", args=[""])


def _wagtail_page(request):
    """The Wagtail page this request is serving, or None on Oscar pages.

    Wagtail caches its routing result on the request, so this costs no query
    when called while rendering a page that Wagtail itself served."""
    match = getattr(request, "resolver_match", None)
    if not match or match.url_name != "wagtail_serve":
        return None
    from wagtail.models import Page

    return Page.find_for_request(request, match.args[0] if match.args else "")


def _language_links(request, lang: str) -> list[dict]:
    """One link per language that keeps the visitor on the same page.

    Oscar and our own views share their URL patterns across languages, so
    translate_url() is enough. A Wagtail page has its own translations with
    their own URLs, and may have none in some language: then we send the
    visitor to that language's home page rather than to a 404."""
    path = request.get_full_path() if request else "/"
    page = _wagtail_page(request) if request else None
    page_urls = _page_translation_urls(request, page) if page is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            url = page_urls.get(code) or _home_url(code)
        else:
            url = translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "active": code == lang})
    return links


def _chrome_cached(request, *, name: str, part: str, load):
    """A value of the header or footer that reads Wagtail (the "Stories"
    link, a page's translations), kept in the cache under the ``cms``
    version (any publish, move, site or locale change bumps it), per site
    and scheme: every page, also those built for one visitor, read it with
    one or two queries otherwise."""
    from django.core.cache import cache
    from django.core.exceptions import DisallowedHost

    from catalog.fragment_cache import FRAGMENT_TTL, fragment_versions
    from shop.common.page_versions import CMS

    try:
        host = request.get_host()
        # Read before the pages it covers (or earlier in this request).
        version = fragment_versions(request=request, names=[CMS])[0][CMS]
        key = f"chrome:{name}:v1:{version}:{part}:{request.scheme}:{host}"
        value = cache.get(key)
    except DisallowedHost:
        return load()
    except Exception:
        # Every page, the login forms included, renders the header: with a
        # cache backend that raises instead of failing open (ours fails open,
        # shop/common/cache_backend.py; a plain one may not) it is read directly.
        return load()
    if value is None:
        value = load()
        cache.set(key, value, FRAGMENT_TTL)
    return value


def _page_translation_urls(request, page) -> dict[str, str]:
    """{language code: URL} of the live translations of a Wagtail page."""

    def load():
        return {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }

    return _chrome_cached(request, name="page-translations", part=str(page.pk), load=load)


# Which header navigation item is current, by URL namespace.
_NAV_SECTIONS = {"catalogue": "shop", "search": "shop", "offer": "shop", "producers": "producers"}


def _nav_section(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    page = _wagtail_page(request)
    if page is not None:
        from cms.models import StoryIndexPage, StoryPage

        return "stories" if isinstance(page.specific, (StoryIndexPage, StoryPage)) else ""
    return _NAV_SECTIONS.get(match.namespace.split(":")[0], "")


def _stories_url(request):
    """URL of the story index in the active language (None until one exists).

    The same answer as `first_index.localized`, but in one query instead of
    three (the index, the active Locale, its translation): every storefront
    page pays for this link in its header and footer. We load the first live
    index together with its live translations and pick the active language's
    one, falling back to the first index as `.localized` does."""
    from django.db.models import Subquery
    from wagtail.coreutils import get_supported_content_language_variant

    from cms.models import StoryIndexPage

    live = StoryIndexPage.objects.live()
    first_key = live.order_by("depth", "path").values("translation_key")[:1]
    indexes = list(live.filter(translation_key=Subquery(first_key)).select_related("locale"))
    if not indexes:
        return None
    index = min(indexes, key=lambda page: (page.depth, page.path))
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return index.get_url(request)
    try:
        active = get_supported_content_language_variant(get_language())
    except LookupError:
        active = None
    localized = next((page for page in indexes if page.locale.language_code == active), index)
    return localized.get_url(request)


def _stories_url_cached(request):
    """``_stories_url`` for the active language, from the cache."""
    url = _chrome_cached(
        request, name="stories-url", part=get_language() or "", load=lambda: _stories_url(request) or ""
    )
    return url or None


def center_details() -> dict:
    """The center's name, address and opening hours in the active language
    (settings.SHOP_CENTER), picked as every other name is
    (catalog.models.reference.name_for_language: Chinese, else English; Thai by default)."""
    from catalog.models.reference import name_for_language

    center = settings.SHOP_CENTER
    details = {
        field: name_for_language(
            th=center[f"{field}_th"], en=center[f"{field}_en"], zh=center.get(f"{field}_zh_hans", "")
        )
        for field in ("name", "address", "hours")
    }
    return {**details, "phone": center["phone"], "email": center["email"]}


def shop(request):
    """Center details in the active language, the language switcher links and
    the few URLs the site header needs on every page (Oscar's and Wagtail's)."""
    lang = get_language() or settings.LANGUAGE_CODE
    home_url = _home_url(lang)
    return {
        "center": center_details(),
        "language_links": _language_links(request, lang),
        "nav_section": _nav_section(request) if request else "",
        "home_url": home_url,
        # Oscar's templates link "Home" (breadcrumbs, error pages, brand) to
        # `homepage_url`, which its metadata processor sets to the catalogue.
        # For visitors "Home" is the Wagtail home page in their language, so we
        # replace it here (this processor runs after Oscar's). The setting
        # OSCAR_HOMEPAGE is left alone: /shop/ must still redirect to the
        # catalogue, not to the site home.
        "homepage_url": home_url,
        # A cached callable: the template engine calls it only if the page
        # uses it, so the dashboard pays no query for it, and only once.
        "stories_url": functools.cache(lambda: _stories_url_cached(request) if request else None),
        # The header's basket count, unread notifications and dashboard link,
        # in one query on first use (shop/common/visitor.py); replaces Oscar's
        # notifications processor, which counted on every render.
        "visitor": visitor_header(request=request) if request else None,
        "num_unread_notifications": functools.cache(
            lambda: visitor_header(request=request).unread_notifications if request else 0
        ),
    }
