"""Request-level hardening (issue 9; docs/security.md explains each piece).

- ``RequestSizeLimitMiddleware``: refuses a request body over
  ``REQUEST_MAX_BODY_SIZE`` with a 413 page before anything reads it.
- ``PathPolicyCSPMiddleware``: django-csp's middleware, choosing the policy
  by path prefix (``CSP_PATH_POLICIES``): strict on the storefront, relaxed
  styles in the staff tools, Wagtail's admin as its templates need.
- ``RateLimitMiddleware`` and ``rate_limited``: per-client-IP limits by URL
  name (``RATE_LIMITS``) or on one view, on the registration limiter's cache.
- ``LoginThrottleBackend`` and ``lockout_response``: one throttle on every
  login form: django-axes per username (as the backends match it) and
  address, plus failed logins per address on the cache (against spraying),
  with translated 429 pages.
- ``bad_request`` and ``csrf_failure``: friendly 400/413 and 403 pages.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from shop.common.ratelimit import client_ip, rate_limit_count, rate_limit_counted, rate_limit_hit

logger = logging.getLogger(__name__)

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


def limit_hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """``rate_limit_hit``, failing open when the cache is down: deliberate
    for every limit (password reset, registrations, login POSTs). Refusing
    every password reset and registration during a cache outage would be an
    outage of its own; the limits are against abuse, not the last line of
    defence (the login lockout is kept in the database). docs/security.md.

    With the site's cache (shop.common.cache_backend.FailOpenRedisCache) an outage
    never reaches this ``except``: ``rate_limit_hit`` counts per process
    meanwhile, so the limit still holds per web process. The ``except`` is
    for any other backend that raises, and then the request goes through."""
    try:
        return rate_limit_hit(scope=scope, key=key, limit=limit, window_seconds=window_seconds)
    except Exception:
        logger.warning("Rate limit %s not applied: the cache is unavailable", scope, exc_info=True)
        return False


def rate_limited(
    *, scope: str, limit: int | Callable[[], int], window_seconds: int, methods: tuple[str, ...] = ("GET", "POST")
):
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
                if limit_hit(scope=scope, key=client_ip(request), limit=allowed, window_seconds=window_seconds):
                    return too_many_requests(request, window_seconds=window_seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimitMiddleware:
    """``RATE_LIMITS = {url_name: (limit, window_seconds, methods[, scope])}``
    for views we do not own (Oscar's and Wagtail's password resets, Oscar's
    registration): the limit applies whatever language prefix the URL has;
    URL names given the same ``scope`` share one count per address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = getattr(settings, "RATE_LIMITS", {}).get(match.view_name) if match else None
        if rule is None:
            return None
        limit, window_seconds, methods, *shared = rule
        if request.method not in methods:
            return None
        scope = shared[0] if shared else match.view_name
        if limit_hit(scope=scope, key=client_ip(request), limit=limit, window_seconds=window_seconds):
            return too_many_requests(request, window_seconds=window_seconds)
        return None


# --- Login throttling (django-axes) ---------------------------------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """The one login throttle, first of AUTHENTICATION_BACKENDS so every
    login form that passes the request goes through it (customer, dashboard,
    Wagtail, Django admin, Wagtail's private pages; the tests prove each):

    1. an address with ``LOGIN_ADDRESS_FAILURE_LIMIT`` failed logins in the
       current window (any usernames, any form) is refused: password
       spraying tries one password on many accounts, which a per-username
       count never sees;
    2. then axes: ``AXES_FAILURE_LIMIT`` failures for one username (as
       ``login_username`` normalises it) from one address lock that pair.

    A refused attempt is never checked against the password. A call without
    a request (a management command, the test client's ``login()``) is not
    an HTTP login and has no client to throttle, so it passes on to the next
    backend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if login_address_throttled(request):
            # AxesMiddleware answers any request marked locked out with
            # lockout_response, which shows the rate-limit page for this one.
            request.axes_locked_out = True
            request.login_throttled_by_address = True
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def _login_window_seconds() -> int:
    return settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60


def login_address_throttled(request: HttpRequest) -> bool:
    """True when the client's address used up its failed logins for the
    current window. Fails open when the cache is down (docs/security.md),
    deliberately: failing closed would lock every member of staff out of
    the dashboard and the CMS during a cache outage. Not wide open: while
    Redis is down the failures are counted per web process
    (shop.common.ratelimit), and axes' per-username lockout, kept in the
    database, still holds."""
    try:
        failures = rate_limit_counted(
            scope="login-failures", key=client_ip(request), window_seconds=_login_window_seconds()
        )
    except Exception:
        logger.warning("Login address throttle not applied: the cache is unavailable", exc_info=True)
        return False
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def login_failure_count(sender, credentials=None, request=None, **kwargs) -> None:
    """``user_login_failed`` receiver: one more failed login for the address
    (the rate limiter's fixed window, atomic on Redis, so concurrent
    failures all count)."""
    if request is None:
        return
    try:
        rate_limit_count(scope="login-failures", key=client_ip(request), window_seconds=_login_window_seconds())
    except Exception:
        logger.warning("Failed login not counted: the cache is unavailable", exc_info=True)


def login_failure_counting_connect() -> None:
    """Called once from ShopConfig.ready()."""
    user_login_failed.connect(login_failure_count, dispatch_uid="shop.common.security.login_failure_count")


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
    it (credentials first, then the POST), normalised the way the backends
    match it, then cut to the column's length.

    Normalised: Oscar's EmailBackend strips the address and matches it with
    ``email__iexact``, so "Clerk@Example.com " logs in the same account as
    "clerk@example.com"; if axes counted them apart, every case variant would
    get five fresh guesses (#16). Stripped and casefolded, every variant
    shares one count. (Casefolding also merges usernames that differ only in
    case for Django's case-sensitive ModelBackend: a stricter lockout, never
    a looser one.)

    Cut: a 10,000-character username is a failed login to count, not a 500.
    Two different over-long names that share their first 255 characters
    count as one, which again only makes the lockout stricter."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return str(username).strip().casefold()[:AXES_USERNAME_MAX_LENGTH]


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    if getattr(request, "login_throttled_by_address", False):
        return too_many_requests(request, window_seconds=settings.LOGIN_ADDRESS_WINDOW_MINUTES * 60)
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "security/lockout.html", {"minutes": minutes}, status=429)
