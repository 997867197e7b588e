"""Full-page cache of the storefront for visitors with no per-visitor state
(issue #18).

Who gets a cached page
----------------------
A GET or HEAD with no session cookie, no basket cookie and no messages
cookie: a tourist browsing before signing in or buying. Such a request has
nothing that could make its page differ from anyone else's, so it is looked
up here, before the session, locale, auth and basket middleware do any work.
A visitor who signs in or puts something in the basket carries one of those
cookies from then on and always gets the page built for them (the dynamic
page, made cheap by the fragment caches): showing a cached page with a
patched-in basket count and name would mean keeping two renderings of the
header in step, for the few pages such a visitor sees.

Never stale
-----------
Only pages whose view declared what it shows (``shop.common.page_versions.
page_depends``) are stored, together with the version tokens of those names.
A hit is served only while every token is unchanged; the services and model
receivers bump them when the data changes (shop/common/page_versions.py). A hit
costs two cache reads: the entry, then the current tokens of its names.

Never shared wrongly
--------------------
A page is stored only if building it set no cookie and queued no message, so
it holds nothing of the visitor it was built for. The one per-visitor thing
in a storefront page is the CSRF token of its forms (add to basket, reviews):
while a page is built for the cache, the template context's ``csrf_token`` is
a placeholder (``csrf_placeholder`` below), and every response, hit or miss,
gets the visitor's own token written over it, with Django's own CSRF
middleware reading and setting the visitor's cookie. A page that read a real
token some other way is not stored.

Headers for a CDN in front
--------------------------
A page with a form carries the visitor's token, so it is ``private, no-cache``:
a shared cache must not hand one visitor's token (which reveals their CSRF
secret) to another. Its ETag is the stored page's hash plus a hash of the
visitor's CSRF secret, so a browser revalidating gets a 304 from the cache
here. A page with no form is the same for every visitor without cookies:
``public, max-age=0, s-maxage=PAGE_CACHE_SHARED_SECONDS,
stale-while-revalidate=...`` with ``Vary: Cookie``, so a CDN keeps it briefly
and never gives it to a visitor who has a session. A dynamic page sent to a
visitor with a session or basket is ``private, no-cache``.

Response header ``X-Page-Cache``: ``hit``, ``miss`` (built and stored),
``pass`` (could have been cached, but the view declared nothing or the page
was not storable) or ``bypass`` (the visitor has per-visitor state).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from shop.common.page_versions import CATALOGUE, CHROME, page_versions_read

# Written where {% csrf_token %} puts the token while a page is built for the
# cache; letters and digits only, so escaping leaves it intact.
CSRF_PLACEHOLDER = "pagecacheCsrfTokenPlaceholder0f6b2c9d1e"
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
_KEY_PREFIX = "page:v1:"
# Headers of the built response not kept with the page: cookies are never
# stored, and the caching headers are set per response below.
# Content-Length is set per response too: the visitor's CSRF token is longer
# than the placeholder, and a length kept from the built page made browsers
# cut off the page's end (its scripts).
_NOT_STORED = {"set-cookie", "cache-control", "etag", "expires", "last-modified", "x-page-cache", "content-length"}
_SAFE_METHODS = ("GET", "HEAD")


@dataclass
class PageRecorder:
    """Set as ``request.page_cache`` on a request whose page may be stored.
    ``preread`` holds the shared tokens read before the view ran;
    ``page_depends`` copies into ``tokens`` those the page is built from."""

    preread: dict[str, str]
    tokens: dict[str, str] = field(default_factory=dict)


def csrf_placeholder(request) -> dict:
    """Template context processor (last in the list, so it overrides
    Django's built-in ``csrf`` one) for pages built for the cache."""
    if getattr(request, "page_cache", None) is not None:
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _has_visitor_state(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or settings.OSCAR_BASKET_COOKIE_OPEN in cookies
        or "messages" in cookies  # django.contrib.messages' cookie storage
        or "HTTP_AUTHORIZATION" in request.META
    )


def _page_key(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the normal path answers it with a 400
    raw = "\n".join([request.scheme, host, request.path, request.META.get("QUERY_STRING", "")])
    return _KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Django's CSRF middleware, used for its cookie handling only: read
        # the visitor's secret on a hit, set the cookie on every response
        # that carries a token.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or request.method not in _SAFE_METHODS:
            return self.get_response(request)
        has_state = _has_visitor_state(request)
        if has_state or request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES)):
            response = self.get_response(request)
            if has_state:
                # Built for this visitor: a browser may keep it, nothing shared may.
                if not response.has_header("Cache-Control"):
                    patch_cache_control(response, private=True, no_cache=True)
                response["X-Page-Cache"] = "bypass"
            return response
        key = _page_key(request)
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None and page_versions_read(names=entry["tokens"]) == entry["tokens"]:
            response = _response_from(entry)
            state = "hit"
        else:
            # The shared tokens are read before the view reads any row (see
            # shop/common/page_versions.py), in the same round trip.
            request.page_cache = PageRecorder(preread=page_versions_read(names=[*CHROME, CATALOGUE]))
            response = self.get_response(request)
            entry = _entry_for(request, response)
            if entry is None:
                state = "pass"
            else:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
                state = "miss"
        return self._finish(request, response, entry, state)

    def _finish(self, request, response, entry, state):
        response["X-Page-Cache"] = state
        if entry is None:
            self._fill_csrf(request, response)
            return response
        patch_vary_headers(response, ("Cookie",))
        if entry["csrf"]:
            self._fill_csrf(request, response)
            secret = request.META.get("CSRF_COOKIE", "")
            response["ETag"] = f'"{entry["etag"]}-{hashlib.sha256(secret.encode()).hexdigest()[:12]}"'
            patch_cache_control(response, private=True, no_cache=True)
        else:
            response["ETag"] = f'"{entry["etag"]}"'
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
                stale_while_revalidate=settings.PAGE_CACHE_SHARED_SECONDS,
            )
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _fill_csrf(self, request, response) -> None:
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return
        if _PLACEHOLDER not in response.content:
            return
        if "CSRF_COOKIE" not in request.META:  # a hit: CsrfViewMiddleware did not run
            self.csrf.process_request(request)
        token = get_token(request).encode()
        response.content = response.content.replace(_PLACEHOLDER, token)
        if response.has_header("Content-Length"):  # set by CommonMiddleware from the page as built
            response["Content-Length"] = str(len(response.content))
        self.csrf.process_response(request, response)  # sets or refreshes the visitor's csrftoken cookie


def _entry_for(request, response) -> dict | None:
    """What to store of a page built for the cache, or None if it must not be."""
    recorder = request.page_cache
    if not recorder.tokens:
        return None  # the view did not declare what it shows
    if response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None  # something of this visitor (a cookie, a real CSRF token) is in it
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if queued:
        return None
    if any(word in response.get("Cache-Control", "") for word in ("private", "no-store", "no-cache")):
        return None
    body = response.content
    return {
        "tokens": dict(recorder.tokens),
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED],
        # Pages are HTML of 30-100 kB that compress about eightfold at the
        # fastest level (well under a millisecond): 30,000 pages (10,000
        # products in three languages) then fit in a few hundred MB of Redis.
        "body": zlib.compress(body, 1),
        "etag": hashlib.sha256(body).hexdigest()[:32],
        "csrf": _PLACEHOLDER in body,
    }


def _response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(zlib.decompress(entry["body"]), status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(response.content))  # _fill_csrf keeps it right
    return response
