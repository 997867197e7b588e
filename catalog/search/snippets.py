"""Highlighted snippets for search results. The text is the product's own
(producers write descriptions), so every piece is HTML-escaped before the
<mark> tags are put around the matches; the result is the only safe string.
"""

from __future__ import annotations

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 180


def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Latin stems run on to the end of the word: scarv -> scarves.
    parts = [re.escape(t) + (r"\w*" if t.isascii() else "") for t in sorted(terms, key=len, reverse=True)]
    return re.compile("|".join(parts), re.IGNORECASE)


def highlight(text: str, *, terms: tuple[str, ...], max_chars: int | None = None) -> SafeString:
    """``text`` (tags stripped, escaped) with the matches of ``terms`` in
    <mark>; cut to ``max_chars`` around the first match when given."""
    plain = " ".join(strip_tags(text or "").split())
    pattern = _pattern(terms)
    if max_chars and len(plain) > max_chars:
        first = pattern.search(plain) if pattern else None
        start = max(0, (first.start() if first else 0) - max_chars // 3)
        end = min(len(plain), start + max_chars)
        plain = ("…" if start else "") + plain[start:end] + ("…" if end < len(plain) else "")
    if pattern is None:
        return mark_safe(escape(plain))
    out, last = [], 0
    for match in pattern.finditer(plain):
        out.append(escape(plain[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(plain[last:]))
    return mark_safe("".join(out))


def annotate_products(products: list, *, query) -> None:
    """Give each product of a result page ``search_title_html`` and
    ``search_snippet`` (its description around the first match)."""
    terms = query.highlight_terms
    for product in products:
        product.search_title_html = highlight(product.get_title(), terms=terms)
        product.search_snippet = highlight(product.get_description(), terms=terms, max_chars=SNIPPET_CHARS)
