"""Absolute links for emails, all from one setting: ``SITE_URL``
(scheme://host[:port], no path).

Emails are rendered outside any request (Celery tasks, management commands),
and the Host header of the request that triggered one is the client's to
choose, so links in emails never come from the request. Our own emails call
``site_url(path)``; Wagtail's use ``WAGTAILADMIN_BASE_URL``, which settings
set to SITE_URL; Oscar's use ``{% absolute_url site.domain path %}``, i.e.
``OSCAR_URL_SCHEMA`` (SITE_URL's scheme, in settings) and the Sites
framework's row, which ``site_row_sync`` writes from SITE_URL on every
``migrate`` (every release runs it; docs/security.md).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str = "") -> str:
    """``path`` (starting with /) on the public site."""
    return settings.SITE_URL.rstrip("/") + path


def site_row_sync(**kwargs) -> None:
    """The Sites framework's row (``SITE_ID``) takes SITE_URL's host and the
    shop's name. Left alone it says example.com, and Oscar's password-reset
    email linked there ("Resetting your password at example.com", #16)."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc
    if not domain:
        return  # no SITE_URL (DEBUG off): system check shop.E001 stops the site
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": settings.WAGTAIL_SITE_NAME[:50]}
    )
    Site.objects.clear_cache()
