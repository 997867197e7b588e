"""Refuse at the edge what can never be text (issue 16, item 13).

PostgreSQL refuses a NUL character in any text value, so a ``?q=%00`` that
reaches a query is a 500 (psycopg's DataError), on whatever view reads the
parameter: search boxes, filters, lookups by code or order number. Django's
form fields refuse NUL (ProhibitNullCharactersValidator), but views and
Oscar's read ``request.GET`` directly. Checking once here, before any
middleware or view reads the request, means a view written tomorrow cannot
bring the 500 back.

Refused with a 400 page (JSON for callers that only accept JSON):

- the path and the query string: NUL and the other C0 control characters
  but tab, CR and LF (no search box or link can produce them); in the query
  string also bytes that are not UTF-8 (``%ff%fe``), which Django would
  otherwise turn into U+FFFD silently. (In the path Django itself turns them
  back into ``%FF`` text, which finds nothing: a 404.)
- a form body (urlencoded or multipart): NUL in any field name or value;
  urlencoded bodies also when they are not UTF-8. Other control characters
  stay allowed in bodies: text pasted into a textarea may carry them, and
  PostgreSQL stores them. (Multipart fields that are not UTF-8 are decoded
  by Django with U+FFFD replacements: text, not an error.)
- cookies carrying a NUL (the session key is looked up in the database) are
  dropped, not refused, so a visitor is never locked out by a cookie.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy

# C0 controls but tab (\x09), LF (\x0a) and CR (\x0d); NUL included.
URL_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
BODY_FORBIDDEN = re.compile("\x00")


def _raw_bytes(value: str) -> bytes:
    # WSGI gives the raw bytes of the query string as latin-1 text;
    # ASGI servers may already have decoded them as UTF-8.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _text(raw: bytes, *, percent_encoded: bool) -> str | None:
    """The text of raw URL or form bytes; None when they are not UTF-8."""
    if percent_encoded:
        raw = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _url_is_text(request: HttpRequest) -> bool:
    # Django has already decoded the path, turning bytes that are not UTF-8
    # back into "%FF" text (harmless: a 404); only the characters are left.
    query = _text(_raw_bytes(request.META.get("QUERY_STRING", "")), percent_encoded=True)
    return not (query is None or URL_FORBIDDEN.search(query) or URL_FORBIDDEN.search(request.path_info))


def _body_is_text(request: HttpRequest) -> bool:
    if request.method not in ("POST", "PUT", "PATCH"):
        return True
    # Django's own reading of the header (lowercased, stripped, parameters
    # apart) decides how it parses the body, so the guard must use the same:
    # comparing the raw header let "Application/x-www-form-urlencoded" or a
    # leading space carry a NUL past the guard to the view (review R1).
    content_type = request.content_type
    if content_type == "application/x-www-form-urlencoded":
        # request.body is capped by DATA_UPLOAD_MAX_MEMORY_SIZE (a 413 past it).
        text = _text(request.body, percent_encoded=True)
        return text is not None and not BODY_FORBIDDEN.search(text)
    if content_type == "multipart/form-data":
        return not any(
            BODY_FORBIDDEN.search(key) or any(BODY_FORBIDDEN.search(value) for value in values)
            for key, values in request.POST.lists()
        )
    return True  # JSON (the Stripe webhook, Wagtail's API) is its views' business


def _drop_bad_cookies(request: HttpRequest) -> None:
    for name in [name for name, value in request.COOKIES.items() if BODY_FORBIDDEN.search(name + value)]:
        del request.COOKIES[name]


MESSAGE = gettext_lazy(
    "The address or the form contained characters that cannot be text (such as a null byte or invalid UTF-8). "
    "Nothing was saved. Please go back and check what you typed."
)


def refused(request: HttpRequest) -> HttpResponse:
    # The guard runs before LocaleMiddleware: take the language from the URL's
    # prefix, as that middleware would.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if request.accepts("application/json") and not request.accepts("text/html"):
            response = JsonResponse({"error": str(MESSAGE)}, status=400)
        else:
            response = render(request, "security/bad_characters.html", {"message": MESSAGE}, status=400)
    response["Content-Language"] = language
    return response


class RequestGuardMiddleware:
    """Runs before every middleware that reads the request (sessions, CSRF,
    the locale): see the module docstring for what it refuses and why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _url_is_text(request) or not _body_is_text(request):
            return refused(request)
        _drop_bad_cookies(request)
        return self.get_response(request)
