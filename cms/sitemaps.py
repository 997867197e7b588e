"""sitemap.xml: Wagtail pages and public products, in every language, with
hreflang alternates (Django's i18n sitemaps).

Django's i18n sitemap lists each item once per language, activating the
language before asking for its location. For products that is all it takes
(the same URL pattern under /, /en/, /zh-hans/). A Wagtail page has a
separate page per language, which may not exist in every language: items
are translation groups, each listed only in the languages it is live in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from .selectors import pages_live_in_every_language, products_for_sitemap, site_for_request


class _RequestSitemap(Sitemap):
    """Absolute URLs on the host the sitemap was requested from."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request=None):
        self.request = request

    def get_domain(self, site=None):
        if self.request is not None:
            return self.request.get_host()
        return super().get_domain(site)

    def get_protocol(self, protocol=None):
        if self.request is not None:
            return self.request.scheme
        return super().get_protocol(protocol)


class PageGroup:
    """One page and its live translations, keyed by language code."""

    def __init__(self, translation_key):
        self.translation_key = translation_key
        self.pages: dict[str, Page] = {}

    def __repr__(self):
        return f"<PageGroup {sorted(self.pages)}>"


class PageSitemap(_RequestSitemap):
    changefreq = "weekly"

    def items(self):
        if hasattr(self, "_groups"):
            return self._groups
        root = site_for_request(request=self.request).root_page
        groups: dict = {}
        for page in pages_live_in_every_language(root=root):
            group = groups.setdefault(page.translation_key, PageGroup(page.translation_key))
            group.pages[page.locale.language_code] = page
        self._groups = list(groups.values())
        return self._groups

    def get_languages_for_item(self, item):
        return [code for code, _name in settings.LANGUAGES if code in item.pages]

    def location(self, item):
        page = item.pages[translation.get_language()]
        # Only the path: Django prefixes protocol and host.
        return page.get_url_parts(self.request)[2]

    def lastmod(self, item):
        page = item.pages.get(translation.get_language()) or next(iter(item.pages.values()))
        return page.last_published_at or page.latest_revision_created_at

    def priority(self, item):
        page = next(iter(item.pages.values()))
        return "1.0" if page.depth <= 2 else "0.8" if page.depth == 3 else "0.6"


class ProductSitemap(_RequestSitemap):
    changefreq = "daily"
    priority = "0.7"

    def items(self):
        return products_for_sitemap()

    def lastmod(self, item):
        return item.date_updated


def sitemaps_for(request) -> dict[str, Sitemap]:
    return {"pages": PageSitemap(request), "products": ProductSitemap(request)}
