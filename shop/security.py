"""Request-level hardening (issue 9; docs/security.md explains each piece).

- ``RequestSizeLimitMiddleware``: refuses a request body over
  ``REQUEST_MAX_BODY_SIZE`` with a 413 page before anything reads it.
- ``PathPolicyCSPMiddleware``: django-csp's middleware, choosing the policy
  by path prefix (``CSP_PATH_POLICIES``): strict on the storefront, relaxed
  styles in the staff tools, Wagtail's admin as its templates need.
- ``RateLimitMiddleware`` and ``rate_limited``: per-client-IP limits by URL
  name (``RATE_LIMITS``) or on one view, on the registration limiter's cache.
- ``LoginThrottleBackend`` and ``lockout_response``: django-axes on every
  login form, with a translated lockout page.
- ``bad_request`` and ``csrf_failure``: friendly 400/413 and 403 pages.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from catalog.ratelimit import client_ip, rate_limit_hit

# --- Request size ---------------------------------------------------------------------------


def request_too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = settings.REQUEST_MAX_BODY_SIZE // (1024 * 1024)
    # The size guard runs before LocaleMiddleware: take the language from the
    # URL's prefix, as that middleware would.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "security/request_too_large.html", {"limit_mb": limit_mb}, status=413)
    response["Content-Language"] = language
    return response


class RequestSizeLimitMiddleware:
    """A body larger than the cap is refused from its Content-Length, so a
    100 MB upload costs neither memory nor disk. (A body sent without a
    length, chunked, is capped by the proxy: docs/security.md.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BODY_SIZE:
            return request_too_large(request)
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: Django raises RequestDataTooBig (too many bytes of form
    fields), TooManyFieldsSent and TooManyFilesSent as SuspiciousOperation;
    the visitor sees what was wrong instead of a bare "Bad Request"."""
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "security/csrf_failure.html", status=403)


# --- Content-Security-Policy -------------------------------------------------------------------


class PathPolicyCSPMiddleware(CSPMiddleware):
    """The policy for a path is the first ``CSP_PATH_POLICIES`` entry whose
    prefix matches, else ``CONTENT_SECURITY_POLICY``. A view's own
    ``@csp``/``@csp_update`` decorators still win."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        for prefix, directives in getattr(settings, "CSP_PATH_POLICIES", ()):
            if request.path_info.startswith(prefix):
                parts.config = default_config(directives)
                break
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # Wagtail's preview panel frames the admin's own preview URL.
        prefixes = tuple(getattr(settings, "X_FRAME_OPTIONS_SAMEORIGIN_PREFIXES", ()))
        if prefixes and request.path_info.startswith(prefixes) and response.get("X-Frame-Options") == "DENY":
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


# --- Rate limits ---------------------------------------------------------------------------------


def too_many_requests(request: HttpRequest, *, window_seconds: int) -> HttpResponse:
    minutes = max(1, window_seconds // 60)
    response = render(request, "security/rate_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(window_seconds)
    return response


def rate_limited(*, scope: str, limit: int | Callable[[], int], window_seconds: int,
                 methods: tuple[str, ...] = ("GET", "POST")):
    """Decorator for one view: more than ``limit`` requests (a number, or a
    function returning one, e.g. reading settings at call time) from one
    client address in ``window_seconds`` get the 429 page.

        @rate_limited(scope="search-autocomplete", limit=60, window_seconds=60, methods=("GET",))
        def autocomplete(request): ...
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                allowed = limit() if callable(limit) else limit
                if rate_limit_hit(scope=scope, key=client_ip(request), limit=allowed,
                                  window_seconds=window_seconds):
                    return too_many_requests(request, window_seconds=window_seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimitMiddleware:
    """``RATE_LIMITS = {url_name: (limit, window_seconds, methods)}`` for
    views we do not own (Oscar's password reset and registration): the limit
    applies whatever language prefix the URL has."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = getattr(settings, "RATE_LIMITS", {}).get(match.view_name) if match else None
        if rule is None:
            return None
        limit, window_seconds, methods = rule
        if request.method not in methods:
            return None
        if rate_limit_hit(scope=match.view_name, key=client_ip(request), limit=limit,
                          window_seconds=window_seconds):
            return too_many_requests(request, window_seconds=window_seconds)
        return None


# --- Login throttling (django-axes) ---------------------------------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' standalone backend, except that a call without a request (a
    management command, Django's test client ``login()``) is not an HTTP
    login and has no client to throttle, so it passes on to the next backend
    instead of raising. Every login form of the site passes the request: the
    lockout tests prove it for each one."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_client_ip(request: HttpRequest) -> str | None:
    """Axes' client address: the same as the rate limits' (trusted proxies
    included), or None when there is no valid one (force_login in tests, a
    management command): axes stores it in an IP-address column."""
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


# AccessAttempt.username is a 255-character column.
AXES_USERNAME_MAX_LENGTH = 255


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username axes records for a login attempt, as axes' default reads
    it (credentials first, then the POST), cut to the column's length: a
    10,000-character username is a failed login to count, not a 500. Two
    different over-long names that share their first 255 characters count as
    one, which only makes the lockout stricter."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username)[:AXES_USERNAME_MAX_LENGTH]


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "security/lockout.html", {"minutes": minutes}, status=429)
