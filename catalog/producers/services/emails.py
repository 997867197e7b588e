"""Small helpers shared by the catalogue's emails: absolute links and who
hears about a producer's affairs."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from shop.common.email_links import site_url


def absolute_url(path: str) -> str:
    """``path`` on the public site (emails are read outside any request)."""
    return site_url(path)


def absolute_url_in_language(url_name: str, *, language: str, kwargs: dict | None = None) -> str:
    """An absolute link to a language-prefixed page (/en/..., Thai unprefixed)."""
    with translation.override(language):
        return absolute_url(reverse(url_name, kwargs=kwargs))


def producer_recipients(producer) -> list[str]:
    """The producer's own address and its active members' addresses."""
    emails = [producer.email] if producer.email else []
    emails += [
        email for email in producer.partner.users.filter(is_active=True).values_list("email", flat=True) if email
    ]
    return sorted({email.lower() for email in emails})


def email_language(producer) -> str:
    languages = dict(settings.LANGUAGES)
    return producer.language if producer.language in languages else settings.LANGUAGE_CODE
