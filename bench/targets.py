"""Find the pages to measure and count their SQL queries.

Run by bench/run.py in a subprocess, once per target, under that target's
settings (DJANGO_SETTINGS_MODULE=bench.shop_settings or
bench.oscar_reference_settings):

    python -m bench.targets shop
    python -m bench.targets oscar --product-pk 123 --category-pk 4

It prints one JSON object: the URL of every page, the SQL queries of a
first and a second (warm) request made with Django's test client inside
CaptureQueriesContext, and, for the shop, what the load tool needs for the
POST and for the logged-in customer (CSRF cookie and token, session cookie
of a customer whose basket holds a product), and for each page the stock
record whose price the "after a price change" view changes: that of a
product the page shows (bench/invalidate.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

THAI_QUERY = "ผ้าไหม"
CUSTOMER_EMAIL = "customer@demo.otop"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
HREF = re.compile(r'href="([^"#?]+)')
HOST = "127.0.0.1"


def _client():
    from django.test import Client

    # A page that fails is reported with its status (500), not raised: the
    # benchmark records it and goes on with the other pages.
    return Client(HTTP_HOST=HOST, raise_request_exception=False)


def count_queries(client, path: str, *, method: str = "get", data: dict | None = None) -> dict:
    """Status, size and SQL queries of two requests to `path` (the first
    warms caches and thumbnails; the second is what a loaded server does)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    status = size = 0
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = getattr(client, method)(path, data or {})
        counts.append(len(ctx.captured_queries))
        status, size = response.status_code, len(response.content)
    return {
        "path": path,
        "method": method.upper(),
        "status": status,
        "bytes": size,
        "queries_first": counts[0],
        "queries": counts[1],
    }


def shop_pages() -> dict:
    """Representative pages of our storefront (Thai, no prefix)."""
    from django.db.models import F
    from django.urls import reverse
    from oscar.core.loading import get_model
    from wagtail.models import Locale

    from cms.models import DistrictPage, StoryPage

    Product = get_model("catalogue", "Product")
    thai = Locale.get_default()
    # A published product with a picture and 20+ units available (orders
    # placed by earlier runs keep theirs allocated), the lowest pk: the same
    # on every run over the same data until its stock is sold.
    product = (
        Product.objects.filter(
            is_public=True,
            parent=None,
            images__isnull=False,
            stockrecords__num_in_stock__gte=F("stockrecords__num_allocated") + 20,
        )
        .order_by("pk")
        .first()
    )
    if product is None:
        raise SystemExit("No public product with stock: run bench/generate.py first.")
    category = product.get_categories().first()
    district = (
        DistrictPage.objects.live().filter(locale=thai, district_id=product.origin_district_id).first()
        or DistrictPage.objects.live().filter(locale=thai).order_by("path").first()
    )
    story = StoryPage.objects.live().filter(locale=thai).order_by("path").first()
    pages = {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "category": category.get_absolute_url() if category else None,
        "district": district.url if district else None,
        "product": product.get_absolute_url(),
        "search": reverse("search:search") + "?q=" + quote(THAI_QUERY),
        "story": story.url if story else None,
    }
    return {
        "pages": {k: v for k, v in pages.items() if v},
        "basket_add": reverse("basket:add", kwargs={"pk": product.pk}),
        "product_pk": product.pk,
        "category_pk": category.pk if category else None,
        "product_count": Product.objects.filter(is_public=True).count(),
        "data": _data_sizes(),
    }


def product_pks_linked(html: str, *, pk_of) -> list[int]:
    """The products a page links to, in the order they appear, each once.
    ``pk_of(path)`` answers a product page's pk, or None for any other path."""
    pks = []
    for href in HREF.findall(html):
        pk = pk_of(href)
        if pk is not None and pk not in pks:
            pks.append(pk)
    return pks


def _product_pk_of(path: str) -> int | None:
    from django.urls import Resolver404, resolve

    if not path.startswith("/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name == "detail" and "catalogue" in match.namespaces and "pk" in match.kwargs:
        return int(match.kwargs["pk"])
    return None


def price_change_targets(client, *, pages: dict, product_pk: int) -> dict:
    """For each page, the stock record whose price the "after a price
    change" view changes: that of the first product the page shows (the
    product page: its own), or the measured product's when the page shows
    none with a stock record (``on_page`` false: then the page is only
    invalidated if it depends on the whole catalogue)."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")

    def record_of(pk):
        return StockRecord.objects.filter(product_id=pk).order_by("pk").values_list("pk", flat=True).first()

    targets = {}
    for name, path in pages.items():
        if name == "product":
            linked = [product_pk]
        else:
            response = client.get(path)
            linked = product_pks_linked(response.content.decode("utf-8", "replace"), pk_of=_product_pk_of)
        chosen = None
        for pk in linked:
            record = record_of(pk)
            if record:
                chosen = (pk, record)
                break
        on_page = chosen is not None
        if chosen is None:
            chosen = (product_pk, record_of(product_pk))
        targets[name] = {"product_pk": chosen[0], "stockrecord_pk": chosen[1], "on_page": on_page}
    return targets


def _data_sizes() -> str:
    from oscar.core.loading import get_model

    from inventory.models import StockMovement

    orders = get_model("order", "Order").objects.count()
    lines = get_model("order", "Line").objects.count()
    return f"{orders:,} orders with {lines:,} lines, {StockMovement.objects.count():,} ledger movements"


def measure_shop() -> dict:
    from django.contrib.auth import get_user_model

    found = shop_pages()
    anonymous = _client()
    result = {"target": "shop", **found, "queries": {"anonymous": {}, "customer": {}}}
    for name, path in found["pages"].items():
        result["queries"]["anonymous"][name] = count_queries(anonymous, path)
    # With the page cache (issue #18) the counts above are those of a hit;
    # what a miss renders (after a price change) is counted with it off.
    from django.test.utils import override_settings

    with override_settings(PAGE_CACHE_ENABLED=False):
        uncached = _client()
        result["queries"]["anonymous_uncached"] = {
            name: count_queries(uncached, path) for name, path in found["pages"].items()
        }
    # The add-to-basket POST needs a CSRF cookie and the form's token.
    page = anonymous.get(found["pages"]["product"])
    match = CSRF_INPUT.search(page.content.decode("utf-8", "replace"))
    csrf_cookie = anonymous.cookies.get("csrftoken")
    if match is None or csrf_cookie is None:
        raise SystemExit("The product page has no add-to-basket form with a CSRF token.")
    result["csrf"] = {"cookie": csrf_cookie.value, "token": match.group(1)}
    form = {"csrfmiddlewaretoken": match.group(1), "quantity": "1"}
    result["queries"]["anonymous"]["basket_add"] = count_queries(
        anonymous, found["basket_add"], method="post", data=form
    )

    # A logged-in customer with a basket: the session cookie is sent by wrk.
    customer = _client()
    user = get_user_model().objects.filter(email__iexact=CUSTOMER_EMAIL).first()
    if user is None:
        raise SystemExit(f"No {CUSTOMER_EMAIL}: run bench/generate.py first.")
    customer.force_login(user, backend="oscar.apps.customer.auth_backends.EmailBackend")
    customer.post(found["basket_add"], form)
    for name, path in found["pages"].items():
        result["queries"]["customer"][name] = count_queries(customer, path)
    result["queries"]["customer"]["basket_add"] = count_queries(customer, found["basket_add"], method="post", data=form)
    result["session_cookie"] = customer.cookies["sessionid"].value
    result["price_change"] = price_change_targets(_client(), pages=found["pages"], product_pk=found["product_pk"])
    return result


def measure_oscar(*, product_pk: int, category_pk: int | None) -> dict:
    """The same product and category through stock Oscar's views."""
    from django.urls import reverse
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    pages = {
        "catalogue": reverse("catalogue:index"),
        "product": Product.objects.get(pk=product_pk).get_absolute_url(),
        "search": reverse("search:search") + "?q=" + quote(THAI_QUERY),
    }
    if category_pk:
        pages["category"] = Category.objects.get(pk=category_pk).get_absolute_url()
    client = _client()
    return {
        "target": "oscar",
        "pages": pages,
        "queries": {"anonymous": {name: count_queries(client, path) for name, path in pages.items()}},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Find benchmark pages and count their queries.")
    parser.add_argument("target", choices=["shop", "oscar"])
    parser.add_argument("--product-pk", type=int)
    parser.add_argument("--category-pk", type=int)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.shop_settings")
    import django

    django.setup()
    if args.target == "shop":
        result = measure_shop()
    else:
        result = measure_oscar(product_pk=args.product_pk, category_pk=args.category_pk)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
