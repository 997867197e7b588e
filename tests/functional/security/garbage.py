"""Bad input for the form walker (issue 9, section 4): the garbage corpus,
a parser that reads the POST forms a page renders, the posts made from them,
and a snapshot of the tables a rejected post must not touch.

The forms are read from the HTML the site serves (not from the Python form
classes), so a form added to any template is walked without anyone listing
it, hidden fields and all.

Covered by default (CI, about a minute a role on SQLite): every distinct form
(action + field names) of every page a role opens gets every garbage class on
all its fields at once (7 posts, plus one with other users' ids in every
id-like field), then PER_FIELD_SAMPLE fields alone, one class each, the sample
rotating from form to form; after every post a snapshot of the guarded
tables (count, highest id, KEY_COLUMNS; one round trip on PostgreSQL);
other people's objects compared whole once per form. GARBAGE_FULL=1: every
field alone, every column of every row, other people's objects after every
post."""

from __future__ import annotations

import hashlib
import itertools
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

# --- The corpus ----------------------------------------------------------------------------------
# Each class is tried on every field at once, and fields get values on their
# own (the other fields keeping what the page rendered): see variants(); never
# the cartesian product.

# Twice the longest length bound there is (5,000 characters, a form field;
# model columns stop at 2,000: test_form_garbage.py checks those), so every
# length check is crossed. 100,000 proved nothing more and cost a third of the
# walk in parsing (a Thai letter is 9 bytes percent-encoded). Bodies over the
# memory cap have their own tests (test_upload_caps.py).
HUGE_LENGTH = 10_000
HUGE = "x" * HUGE_LENGTH
EDGE = "edge"
GARBAGE: dict[str, list[str | bytes]] = {
    "empty": ["", " ", "\t\n"],
    "huge": [HUGE, "ก" * HUGE_LENGTH, "9" * HUGE_LENGTH],
    "wrong_type": [
        "not a number",
        "-1",
        "-99999999999999999999",
        "99999999999999999999999999",
        "1e309",
        "NaN",
        "Infinity",
        "-0",
        "0x1F",
        "1,5",
        "2024-13-45",
        "31/02/2567",
        "25:61",
        "true",
        "[]",
        "{}",
    ],  # fmt: skip
    "unicode": [
        "\u202eevil\u202c",
        "\u200d",
        "\ufeff",
        "👩‍👩‍👧‍👦🇹🇭",
        "\u0e31\u0e34\u0e37\u0e48\u0e49",  # Thai combining marks with no base consonant
        "Ｏｎｅ",
        "\u0301" * 50,
        "\r\n\r\nX-Injected: 1",
        "a\x1b[2Jb\x01",
    ],  # fmt: skip
    "injection": [
        "' OR 1=1 --",
        "1; DROP TABLE catalogue_product; --",
        '"><img src=x onerror=alert(1)>',
        "{{ request.user.password }}",
        "{% debug %}",
        "../../../../etc/passwd",
        "%s%s%s%n",
        "${7*7}",
        "javascript:alert(1)",
        "https://evil.example/",
        '"><script>alert(1)</script>',
    ],  # fmt: skip
    # Refused at the edge (shop/request_guard.py, issue 16): NUL, which
    # PostgreSQL refuses in any text column, and invalid UTF-8: what a lone
    # surrogate ("\ud800") becomes on the wire (a client cannot encode it as
    # UTF-8), sent as raw bytes.
    EDGE: ["\x00", "a\x00b", b"\xed\xa0\x80", b"\xff\xfe"],
}
# What an injected value would look like reflected unescaped into a page.
REFLECTED = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
CLASSES = tuple(GARBAGE)
# "Other users' ids" is a class of its own, filled per role (ids_of_others).
OTHER_IDS = "other_ids"


def garbage_value(klass: str, index: int, other_ids: list[str]) -> str | bytes:
    values = other_ids if klass == OTHER_IDS else GARBAGE[klass]
    return values[index % len(values)]


# --- Reading forms from HTML ---------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, select, textarea, checkbox, radio, hidden, file, submit ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    action: str  # absolute path, query string kept
    enctype: str
    fields: list[Field] = field(default_factory=list)

    @property
    def signature(self) -> tuple:
        return (urlsplit(self.action).path, tuple(sorted({f.name for f in self.fields if f.kind != "submit"})))

    @property
    def has_files(self) -> bool:
        return any(f.kind == "file" for f in self.fields)

    def defaults(self) -> list[tuple[str, str]]:
        """What a browser would send untouched: values, checked boxes, the
        selected option (or the first), the first submit button."""
        data, seen_radio, submitted = [], set(), False
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked and not (f.kind == "radio" and f.name in seen_radio):
                    data.append((f.name, f.value or "on"))
                    seen_radio.add(f.name)
            elif f.kind == "select":
                data.append((f.name, f.value if f.value else (f.options[0] if f.options else "")))
            elif f.kind == "submit":
                if not submitted and f.name:
                    data.append((f.name, f.value))
                    submitted = True
            elif f.kind not in ("file", "button", "reset", "image"):
                data.append((f.name, f.value))
        return data

    def names(self) -> list[str]:
        """Fields worth filling with garbage (submit buttons keep their value;
        the CSRF token stays valid so the post reaches the view)."""
        found = []
        for f in self.fields:
            if f.kind in ("submit", "button", "reset", "image") or f.name == "csrfmiddlewaretoken":
                continue
            if f.name not in found:
                found.append(f.name)
        return found


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = Form(action=urljoin(self.page_url, a.get("action") or self.page_url),
                                  enctype=a.get("enctype", ""))  # fmt: skip
                self.forms.append(self._form)
            return
        form = self._form
        if form is None or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            form.fields.append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit":
                form.fields.append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select")
            form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            if self._option_value is not None:
                self._select.options.append(self._option_value)
                if "selected" in a:
                    self._select.value = self._option_value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_in(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


# --- Posting -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    label: str  # "all:huge", "title:unicode"
    data: tuple  # ((name, value), ...)


ID_HINTS = ("id", "pk", "product", "producer", "partner", "user", "line", "address", "member", "image", "cert",
            "location", "lot", "receipt", "order", "sheet", "basket", "stockrecord", "district", "type")  # fmt: skip


def looks_like_an_id(f: Field) -> bool:
    return f.kind in ("select", "hidden", "radio", "checkbox") or any(hint in f.name.lower() for hint in ID_HINTS)


PER_FIELD_SAMPLE = 3  # fields per form that get garbage alone, by default (GARBAGE_FULL=1: all)


def variants(form: Form, other_ids: list[str], *, classes_per_field: int = 2, rotation: int = 0,
             sample: int | None = None) -> list[Variant]:  # fmt: skip
    """Each class on all fields at once (other users' ids on the id-like
    ones), then fields alone with ``classes_per_field`` classes, rotating
    through classes and values so neighbouring fields get different garbage.
    ``sample`` fields (all when None) get the per-field posts, starting at
    ``rotation`` so that successive forms sample different positions.
    A form of n fields costs about 7 + classes_per_field * min(n, sample) posts."""
    base = form.defaults()
    names = form.names()
    id_names = [f.name for f in form.fields if f.name in names and looks_like_an_id(f)]
    found = [Variant(f"all:{klass}", tuple(_replace(base, names, klass, 0, other_ids))) for klass in CLASSES]
    if other_ids and id_names:
        found.append(Variant(f"all:{OTHER_IDS}", tuple(_replace(base, id_names, OTHER_IDS, 0, other_ids))))
    positions = list(range(len(names)))
    if sample is not None and len(names) > sample:
        positions = sorted((rotation + step) % len(names) for step in range(sample))
    counter = itertools.count(1)
    for position in positions:
        name = names[position]
        klasses = [CLASSES[(position + rotation + step * 2) % len(CLASSES)] for step in range(classes_per_field)]
        if other_ids and name in id_names:
            klasses.append(OTHER_IDS)
        for klass in klasses:
            found.append(Variant(f"{name}:{klass}", tuple(_replace(base, [name], klass, next(counter), other_ids))))
    return found


def _replace(base, names, klass, start, other_ids):
    data = [(key, value) for key, value in base if key not in names]
    for offset, name in enumerate(names):
        data.append((name, garbage_value(klass, start + offset, other_ids)))
    return data


def post(client, form: Form, variant: Variant):
    """POST the variant the way a browser would: urlencoded (raw bytes kept,
    so invalid UTF-8 reaches the server) or multipart with a garbage file in
    every file input."""
    if form.has_files:
        data: dict[str, list] = {}
        for key, value in variant.data:
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            data.setdefault(key, []).append(value)
        for f in form.fields:
            if f.kind == "file":
                data[f.name] = [SimpleUploadedFile("evil.jpg", b"GIF89a<script>alert(1)</script>", "image/jpeg")]
        return client.post(form.action, data)
    body = urlencode([(key, value) for key, value in variant.data])
    return client.post(form.action, body, content_type="application/x-www-form-urlencoded")


def refused_at_edge(form: Form, variant: Variant) -> bool:
    """Whether the guard (shop/request_guard.py) must refuse the post with a
    400 before any view: a NUL in any value, or invalid UTF-8 (raw bytes) in
    an urlencoded body. In a multipart body Django decodes invalid UTF-8 as
    U+FFFD: text, which the form judges."""
    return any("\x00" in value if isinstance(value, str) else not form.has_files for _name, value in variant.data)


# --- What must not change ------------------------------------------------------------------------
# Tables grouped as the issue names them. A snapshot is cheap on purpose (it
# runs after every post): per table, the row count, the highest primary key
# (an insert and a delete in one post still moves it) and a hash of the few
# columns a form can change (KEY_COLUMNS: status, quantities, prices, the
# text a producer edits, credentials). GARBAGE_FULL=1 hashes every column of
# every row instead (minus those that change on every request by design).

SNAPSHOT_TABLES: dict[str, list[str]] = {
    "orders": ["order.Order", "order.Line", "order.PaymentEvent", "order.ShippingEvent", "order.OrderStatusChange"],
    "ledger": ["inventory.StockMovement", "inventory.Lot"],
    "stock balances": ["inventory.StockBalance", "inventory.Reservation", "partner.StockRecord"],
    "products": ["catalogue.Product", "catalogue.ProductImage", "catalogue.Certification"],
    "producers": ["catalogue.Producer", "partner.Partner", "catalogue.ProducerApplication"],
    "producer members": ["partner.Partner_users"],
    "receipts and counts": [
        "inventory.Receipt",
        "inventory.ReceiptLine",
        "inventory.CountSheet",
        "inventory.CountLine",
        "inventory.CounterSale",
    ],  # fmt: skip
    "statements": ["otop_reports.SettlementStatement", "otop_reports.SettlementLine"],
    "payments": ["payment.PaymentAttempt", "payment.Transaction", "payment.Source", "payment.StripeEvent"],
    "users": ["auth.User"],
    "addresses": ["address.UserAddress"],
}
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "order.Order": ("status", "total_incl_tax", "refunded_total"),
    "order.Line": ("status", "quantity"),
    "inventory.StockBalance": ("on_hand", "reserved"),
    "inventory.Reservation": ("status", "quantity"),
    "partner.StockRecord": ("price", "num_in_stock", "num_allocated"),
    "catalogue.Product": ("title", "title_en", "description", "is_public", "listing_status", "producer_id"),
    "catalogue.ProductImage": ("product_id", "alt_text", "display_order"),
    "catalogue.Certification": ("product_id", "number", "issuer", "expiry_date"),
    "catalogue.Producer": ("partner_id", "name_th", "status", "commission_rate", "email"),
    "partner.Partner": ("name",),
    "catalogue.ProducerApplication": ("status", "producer_id"),
    "partner.Partner_users": ("partner_id", "user_id"),
    "inventory.Receipt": ("status",),
    "inventory.CountSheet": ("status",),
    "inventory.CountLine": ("counted",),
    "otop_reports.SettlementStatement": ("status", "net_payable"),
    "payment.PaymentAttempt": ("status", "amount_refunded_satang"),
    "payment.Transaction": ("status", "amount"),
    "auth.User": ("password", "username", "email", "is_active", "is_staff", "is_superuser"),
    "address.UserAddress": ("user_id", "line1", "postcode", "is_default_for_shipping"),
}
IGNORED_COLUMNS = {"auth.User": {"last_login"}}


def full() -> bool:
    """GARBAGE_FULL=1: every column of every row, every field of every form."""
    return os.environ.get("GARBAGE_FULL", "") not in ("", "0")


def _model(label: str):
    if label == "partner.Partner_users":
        return apps.get_model("partner", "Partner").users.through
    return apps.get_model(label)


def _columns(label: str, model) -> list[str]:
    if full():
        return [f.attname for f in model._meta.concrete_fields if f.attname not in IGNORED_COLUMNS.get(label, ())]
    return ["pk", *KEY_COLUMNS.get(label, ())]


_SNAPSHOT_SQL: dict[tuple[str, bool], str] = {}


def _snapshot_sql(label: str) -> str:
    """The table's SELECT (pk order, the watched columns), compiled by the ORM
    once: the walk takes a snapshot after every post."""
    key = (label, full())
    if key not in _SNAPSHOT_SQL:
        model = _model(label)
        sql, params = model.objects.order_by("pk").values_list(*_columns(label, model)).query.sql_with_params()
        assert not params, (label, params)
        _SNAPSHOT_SQL[key] = sql
    return _SNAPSHOT_SQL[key]


def _snapshot_rows(labels: list[str]) -> dict[str, list[tuple]]:
    """Each table's rows as the database returns them (no ORM instances). On
    PostgreSQL all tables in one round trip (the statements one after
    another, read with nextset); elsewhere one query each."""
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(";\n".join(_snapshot_sql(label) for label in labels))
            for label in labels:
                rows[label] = cursor.fetchall()
                cursor.nextset()
        else:
            for label in labels:
                cursor.execute(_snapshot_sql(label))
                rows[label] = cursor.fetchall()
    return rows


def snapshot() -> dict[str, str]:
    """Per group, a digest of its tables: equal snapshots, equal data (for
    the columns watched)."""
    rows_of = _snapshot_rows([label for labels in SNAPSHOT_TABLES.values() for label in labels])
    found = {}
    for group, labels in SNAPSHOT_TABLES.items():
        digest = hashlib.sha256()
        for label in labels:
            rows = rows_of[label]
            digest.update(f"{len(rows)}:{rows[-1][0] if rows else 0}:".encode())
            digest.update(repr(rows).encode())
            digest.update(b"|")
        found[group] = digest.hexdigest()
    return found


def changed_groups(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {group for group in before if before[group] != after[group]}
