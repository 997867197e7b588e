"""System checks of the project's own settings (registered in shop.apps)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


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
    return [Error("SITE_URL must start with https:// in production.", hint="Links in emails start with SITE_URL.",
                  id="shop.E002")]
