"""Page slugs that keep Thai whole (issue 19, point 15).

Thai writes vowels above and below the line and the tone marks as
combining marks (Unicode categories Mn and Mc: ั ิ ี ุ ู ่ ้ ๊ ๋ ็ ์). Django's
``slugify``, Wagtail's slug field script, Django's slug validator and
Wagtail's page URL pattern all accept only letters and digits (``\\w``,
``\\p{L}\\p{N}``), so "มาลัยกับผ้าไหม" became "มาลยกบผาไหม": another word, or
none. Here the marks are kept everywhere a page slug is made, checked or
routed:

* ``slugify``: the server's slug (a page saved without one), the same rule
  as the editor's script (``cms/static/cms/js/thai-slugs.js``): lower case,
  letters, digits, marks, ``_`` and ``-`` kept, runs of spaces and hyphens
  one ``-``. NFC, not Django's NFKC, which splits sara am (ำ) in two and
  would make a slug the script never makes.
* ``install()`` (from ``CmsConfig.ready``): Django's unicode slug validator
  (model and form fields, so the page form refuses nothing Thai), Wagtail's
  ``slugify`` for pages, and Wagtail's page URL pattern (else a page whose
  slug has a mark would be a 404 and have no URL).
"""

from __future__ import annotations

import re
import unicodedata

MARK_CATEGORIES = ("Mn", "Mc")


def _mark_class() -> str:
    """The combining marks of the Basic Multilingual Plane as a regex class
    body of ranges (Python's ``re`` has no ``\\p{M}``)."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code)) in MARK_CATEGORIES:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


MARKS = _mark_class()
SLUG_RE = re.compile(rf"^[-\w{MARKS}]+\Z")
SERVE_PATTERN = rf"^((?:[\w{MARKS}\-]+/)*)$"
_DROP = re.compile(rf"[^\w{MARKS}\s-]")


def slugify(value: str) -> str:
    """A page slug from a title, Thai marks kept:
    "มาลัยกับผ้าไหมย้อมคราม บ้านทดสอบ" → "มาลัยกับผ้าไหมย้อมคราม-บ้านทดสอบ"."""
    value = unicodedata.normalize("NFC", str(value)).lower()
    value = _DROP.sub("", value)
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def _wagtail_page_slugify(value, allow_unicode: bool = False) -> str:
    from django.utils.text import slugify as django_slugify

    return slugify(value) if allow_unicode else django_slugify(value)


def install() -> None:
    from django.core import validators
    from django.urls import re_path
    from wagtail import urls as wagtail_urls
    from wagtail import views as wagtail_views
    from wagtail.models import pages as wagtail_pages

    # One validator object serves every SlugField(allow_unicode=True),
    # model and form: give it the pattern that admits the marks.
    validators.validate_unicode_slug.regex = SLUG_RE
    # A page saved without a slug gets one from its title (Page.full_clean).
    wagtail_pages.slugify = _wagtail_page_slugify
    # Resolving and reversing page URLs (Page.url reverses "wagtail_serve").
    for index, pattern in enumerate(wagtail_urls.urlpatterns):
        if getattr(pattern, "name", None) == "wagtail_serve" and pattern.pattern.regex.pattern != SERVE_PATTERN:
            wagtail_urls.urlpatterns[index] = re_path(SERVE_PATTERN, wagtail_views.serve, name="wagtail_serve")
