"""System checks of the project's own settings (registered in shop.apps)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register()
def site_url_check(app_configs=None, **kwargs) -> list[Error]:
    """shop.E001: without SITE_URL a production site would email links to
    nowhere (or to a developer's 127.0.0.1), so every manage.py command and
    the server's start-up stop until it is set."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SITE_URL or "")
    if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/"):
        return []
    return [
        Error(
            "SITE_URL must be set to the site's public address (scheme://host, no path) when DEBUG is off.",
            hint="e.g. SITE_URL=https://shop.otop-chiangmai.example; links in emails start with it.",
            id="shop.E001",
        )
    ]


@register(Tags.security, deploy=True)
def site_url_https_check(app_configs=None, **kwargs) -> list[Error]:
    """shop.E002 (check --deploy): password-reset links sent over plain http
    can be read and used by anyone on the way."""
    if settings.DEBUG or not settings.SITE_URL or urlsplit(settings.SITE_URL).scheme == "https":
        return []
    return [
        Error(
            "SITE_URL must start with https:// in production.",
            hint="Links in emails start with SITE_URL.",
            id="shop.E002",
        )
    ]


@register(Tags.security)
def trusted_proxy_count_check(app_configs=None, **kwargs) -> list[Warning]:
    """shop.W001: SECURE_PROXY_SSL_HEADER says a proxy stands in front, but
    with RATE_LIMIT_TRUSTED_PROXY_COUNT at 0 the rate limits and the login
    throttle count the proxy's address for every client, so 20 failed logins
    from anyone would refuse logins to everyone. A warning, not an error: a
    proxy that rewrites REMOTE_ADDR itself (PROXY protocol, uWSGI's
    --honour-forwarded) needs 0."""
    if not getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or settings.RATE_LIMIT_TRUSTED_PROXY_COUNT > 0:
        return []
    return [
        Warning(
            "SECURE_PROXY_SSL_HEADER is set but RATE_LIMIT_TRUSTED_PROXY_COUNT is 0: every client would share the "
            "proxy's address, and one client's failed logins would refuse logins to all.",
            hint="Set RATE_LIMIT_TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For.",
            id="shop.W001",
        )
    ]
