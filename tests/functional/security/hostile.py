"""Hostile query strings for the GET sweep (issue 16): the values, the
query parameters worth filling, and the query strings made from them.

The parameters are those a view reads: a generic list grepped from the code
(``request.GET`` in our views and Oscar's, the filter forms' fields), the
fields of the GET forms a page renders and the parameters of its own links
(so a filter added to a template is swept without anyone listing it), and
READS for views that read a parameter no page shows (JSON endpoints,
links built by scripts)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

# --- The values ----------------------------------------------------------------------------------
# Refused at the edge (shop.request_guard): text no field can hold. A NUL is
# refused by PostgreSQL in any text column (a 500 before the guard: issue 16,
# item 13); invalid UTF-8 is sent as raw bytes, percent-encoded on the wire.
EDGE: dict[str, list[str | bytes]] = {
    "nul": ["a\x00b", "\x00"],
    "bad_utf8": [b"\xff\xfe", b"\xed\xa0\x80", b"caf\xc3"],
    "control": ["\x01", "a\x1b[2Jb", "\x08"],
}
# Reach the view, which must answer them with a page, a form error or a 4xx.
VIEW: dict[str, list[str]] = {
    "huge": ["x" * 10_000, "ก" * 10_000, "9" * 10_000],
    "numbers": [
        "-1",
        "99999999999999999999999999",
        "-99999999999999999999",
        "1e309",
        "NaN",
        "Infinity",
        "0x1F",
        "1.5",
        "0",
        "2024-13-45",
    ],  # fmt: skip
    "injection": [
        "' OR 1=1 --",
        '"><script>alert(1)</script>',
        "1; DROP TABLE catalogue_product; --",
        "{{ request.user.password }}",
        "../../../../etc/passwd",
        "\u202eevil\u202c",
        "👩‍👩‍👧‍👦🇹🇭",
        "https://evil.example/",
        "%s%s%n",
        "*",
    ],  # fmt: skip
}
CLASSES = {**EDGE, **VIEW}
# What a reflected, unescaped injection would look like in an HTML page.
REFLECTED = "<script>alert(1)</script>"
OFFSITE = ("https://evil.example", "//evil.example")

# --- The parameters ------------------------------------------------------------------------------
# Read with request.GET in catalog/, inventory/, shop/, cms/ and by Oscar's
# list views and filter forms (grep request.GET, self.request.GET, forms bound
# to request.GET). Sent all at once on every URL: a view ignores the others.
GENERIC = (
    "q", "page", "sort_by", "code", "order_number", "status", "by", "period", "export", "month", "tag",
    "receipt", "copies", "product", "reference", "location", "action", "from_location", "lot", "producer",
    "format", "next", "date_from", "date_to", "name", "upc", "partner_sku", "product_title", "voucher",
    "payment_method", "response_format", "selected_facets", "district", "category", "price_min", "price_max",
    "kind", "type", "language", "email", "username", "id", "pk",
)  # fmt: skip
# Parameters a view reads that no page of the view shows (JSON endpoints,
# links built by scripts), by the role matrix's key.
READS: dict[str, tuple[str, ...]] = {
    "inventory:scan-resolve": ("code",),
    "search:autocomplete": ("q",),
    "inventory:labels-products": ("receipt", "copies", "product"),
    "inventory:pick-list": ("reference",),
    "inventory:stock-move": ("action", "product", "from_location", "lot"),
    "inventory:count-list": ("status", "page"),
    "inventory:receipt-create": ("producer",),
    "otop-reports:dashboard": ("period", "export"),
    "otop-reports:settlement-list": ("month",),
    "otop-reports:settlement-batch-csv": ("month",),
    "otop-reports:portal-statements": ("month",),
    "catalog-portal:act-as": ("q",),
    "catalog-office:producer-list": ("q", "page"),
    "catalog-office:application-list": ("status", "page"),
    "dashboard: /dashboard/orders/": ("order_number", "response_format"),
    "wagtail_serve": ("tag", "page"),
    "catalogue:index": ("sort_by", "page"),
    "search:search": ("q", "sort_by", "page"),
    "district-products": ("sort_by", "page"),
}


class _GetParams(HTMLParser):
    """Names of the fields of GET forms, and of the query parameters of links
    to the page itself."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_path = urlsplit(page_url).path
        self.page_url = page_url
        self.names: list[str] = []
        self._in_get_form = False

    def _add(self, name: str) -> None:
        if name and name != "csrfmiddlewaretoken" and name not in self.names:
            self.names.append(name)

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._in_get_form = a.get("method", "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea", "button"):
            if a.get("type", "").lower() not in ("submit", "button", "reset", "image"):
                self._add(a.get("name", ""))
        elif tag == "a" and "?" in a.get("href", ""):
            target = urlsplit(urljoin(self.page_url, a["href"]))
            if target.path == self.page_path:
                for name, _value in parse_qsl(target.query, keep_blank_values=True):
                    self._add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def params_in(html: str, page_url: str) -> list[str]:
    parser = _GetParams(page_url)
    parser.feed(html)
    return parser.names


def query(names: list[str] | tuple[str, ...], klass: str, *, start: int = 0) -> str:
    """The query string giving each name a value of ``klass``, rotating
    through its values so that neighbouring names get different ones. Bytes
    go on the wire as they are (percent-encoded): invalid UTF-8 included."""
    values = CLASSES[klass]
    return urlencode([(name, values[(start + offset) % len(values)]) for offset, name in enumerate(names)])


def with_query(url: str, query_string: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query_string}"
