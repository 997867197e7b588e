"""sitemap.xml and robots.txt (routed in shop/urls.py, outside the language prefixes)."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from .sitemaps import sitemaps_for

# Areas that are private, per visitor or endless (faceted, basket...):
# crawlers gain nothing there and would only load the server.
_PRIVATE_PATHS = ["/cms/", "/dashboard/", "/django-admin/", "/healthz/"]
_PER_LANGUAGE_URLS = ["basket:summary", "checkout:index", "customer:summary", "search:search"]


@require_GET
def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps=sitemaps_for(request))


@require_GET
def robots_txt(request):
    disallow = list(_PRIVATE_PATHS)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            disallow.extend(reverse(name) for name in _PER_LANGUAGE_URLS)
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in dict.fromkeys(disallow)), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
