"""What a reader sees of a page or an e-mail, and the English (or the
Gregorian years) left in it: the helpers of the translation check."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Words that stay in Latin letters in every language: brands, payment
# networks, the language switcher's own "English", units. Codes (all
# capitals: OTOP, THB, SKU, QR, GMP...) and anything with a digit
# (SKU-000001, order numbers) are allowed by rule, not listed here.
ALLOWED_WORDS = {
    "Stripe",
    "PromptPay",
    "Visa",
    "Mastercard",
    "JCB",
    "UnionPay",
    "English",
    "Facebook",
    "LINE",
    "Line",
    "Instagram",
    "OpenStreetMap",
    "Leaflet",
    "kg",
    "g",
    "cm",
    "mm",
    "ml",
    # Oscar labels the breadcrumb <nav> of 20-odd templates aria-label="breadcrumb";
    # ours say it in the reader's language. Left for Oscar's (a landmark name).
    "breadcrumb",
}
# Names of programmes kept in English inside Thai and Chinese text.
ALLOWED_PHRASES = ("CNX Soft Power", "OTOP Product Champion")

_SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "svg", "code"}
# Attributes a reader sees or a screen reader reads out.
_READ_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}

_URL_OR_EMAIL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:html|pdf|jpe?g|png|svg)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A CE year: 19xx or 20xx standing alone (not part of a price, a phone
# number, a postcode or a code). Thai readers expect 25xx (B.E.).
_CE_YEAR = re.compile(r"(?<![\d,.\-/A-Za-z])(?:19|20)\d{2}(?![\d,])")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_ELEMENTS:
            self._skipping += 1
            return
        attributes = dict(attrs)
        if self._skipping or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return
        for name in _READ_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in _SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    """The text of an HTML page a visitor reads: no scripts, styles or
    tags; alt texts, titles, placeholders and labels included."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def english_words(text: str) -> list[str]:
    """Latin-letter words left in a Thai or Chinese text, beyond brand
    names, codes, e-mail addresses and URLs."""
    found = []
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    for word in _WORD.findall(_URL_OR_EMAIL.sub(" ", text)):
        word = word.strip("'’")
        if not word or word in ALLOWED_WORDS or (word.isupper() and len(word) <= 6):
            continue
        found.append(word)
    return found


def ce_years(text: str) -> list[str]:
    """Common Era years (2025, 2026...) in a Thai text."""
    return [match.group(0) for match in _CE_YEAR.finditer(text)]


def context_of(text: str, needle: str, width: int = 40) -> str:
    at = text.find(needle)
    return " ".join(text[max(0, at - width) : at + len(needle) + width].split())
