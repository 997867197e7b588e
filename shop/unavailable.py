"""handler500: a "back in a moment" page (503) when the database is
unreachable, the usual 500 page otherwise (issue #17).

Django calls handler500 inside the ``except`` block that caught the error
(django.core.handlers.exception.response_for_exception), so
``sys.exc_info()`` says what failed. A database that is down, restarting or
refusing connections raises ``OperationalError`` or ``InterfaceError``
(Django's wrappers, or psycopg's own where Django did not wrap them); for
those the buyer gets a 503 with ``Retry-After`` that says the shop is back
shortly, instead of Django's bare 500. The same goes for transient database
errors a retry fixes (a statement cancelled at shutdown, a deadlock).

Everything here works without the database: no request context (no context
processors: no center, basket or user), no session, and the language comes
from LocaleMiddleware's choice when it ran, else from the URL prefix, the
language cookie or Accept-Language. JSON clients (the storefront's scripts
send ``Accept: application/json``) and the Stripe webhook get a small JSON
503 instead of HTML: Stripe retries on any 5xx.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views import defaults

RETRY_AFTER_SECONDS = 30

DATABASE_DOWN_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:  # psycopg 3's own classes, for an error raised outside Django's wrapper
    import psycopg

    DATABASE_DOWN_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # SQLite-only installs
    pass


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500 (shop/urls.py)."""
    if database_unreachable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request, template_name=template_name)


def database_unreachable(exc: BaseException | None) -> bool:
    """True when ``exc``, or an error it was raised from or while handling
    (a template or a library may wrap it), is a database connection error."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_DOWN_ERRORS):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        response = JsonResponse({"error": "unavailable", "retry_after": RETRY_AFTER_SECONDS}, status=503)
    else:
        language = _language(request)
        with translation.override(language):
            # render_to_string without the request: no context processor runs.
            html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS, "retry_url": _retry_url(request)})
        response = HttpResponse(html, status=503)
        response["Content-Language"] = language
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Neither a browser nor a proxy may keep the outage page.
    response["Cache-Control"] = "no-store"
    return response


def _wants_json(request: HttpRequest) -> bool:
    try:
        webhook = reverse("payments:stripe-webhook")
    except Exception:
        webhook = None
    if webhook and request.path_info == webhook:
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _language(request: HttpRequest) -> str:
    # LocaleMiddleware sets request.LANGUAGE_CODE (from the URL prefix; Thai
    # for an unprefixed URL, as the site's URL map says). If the database
    # failed before it ran, decide as it would: the prefix, else the cookie
    # or Accept-Language; none of these reads the database.
    language = getattr(request, "LANGUAGE_CODE", None)
    if not language:
        language = translation.get_language_from_path(request.path_info) or translation.get_language_from_request(
            request
        )
    supported = {code for code, _name in settings.LANGUAGES}
    return language if language in supported else settings.LANGUAGE_CODE


def _retry_url(request: HttpRequest) -> str:
    # Reloading a GET is safe; a form post is not resent from a link.
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return "/"
