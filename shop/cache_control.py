"""Cache-Control for staff pages (issue #16).

The dashboard (Oscar's, the producer portal, inventory, reports), the
Wagtail admin and the Django admin show and export personal and bank data:
customers' addresses and orders, producers' members and bank accounts,
settlements and statements (CSV, XLSX, PDF). A shared computer's browser
cache, the back button after logout, or a caching proxy must not keep a
copy. Rather than decorating each view (and missing the next one), every
response under ``settings.NO_STORE_PATH_PREFIXES`` is marked
``Cache-Control: private, no-store`` (with Django's never-cache set:
``max-age=0, no-cache, must-revalidate`` and an ``Expires`` in the past);
tests/functional/security/test_role_matrix.py checks every such URL.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.NO_STORE_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes):
            add_never_cache_headers(response)
        return response
