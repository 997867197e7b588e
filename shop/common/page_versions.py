"""Versions of what storefront pages show: the keys of the page cache
(shop/common/pagecache.py) and of the fragment caches (issue #18).

A *version* is a short random token in the cache under a name. A cached page
or fragment is stored together with the tokens of every name it was built
from; it is served only while all of them are unchanged. A change *bumps* the
names it touches: after the transaction commits the tokens are deleted, and
the next reader adds fresh ones, so every page built from the old data stops
matching at once, with no key scan and no list of pages to delete.

Names
-----
``catalogue``         anything a listing shows or counts (the listing caches'
                      version, catalog/listing_cache.py): every product,
                      stock record, image, review, producer and reference row.
``product:<pk>``      one product's page: the product, its stock records (price,
                      stock), images, reviews, categories, certifications; a
                      child product also bumps its parent.
``producer:<pk>``     a producer's fields, shown on its products' pages.
``reference``         categories, districts, OTOP types, certifications: the
                      navigation, breadcrumbs and labels on every page.
``search``            the search index: bumped after a product or producer is
                      (re)indexed, which happens in a task after the commit.
``cms``               Wagtail: a publish, unpublish, move or delete of any
                      page, a snippet, a site setting, an image. Menus,
                      the footer and the header's "Stories" link come from here.

Which page reads which names is declared by its view (``page_depends``):
product pages read their product and producer; listings, search and Wagtail
pages read ``catalogue``; every page reads the chrome (``reference``, ``cms``).

Why tokens are deleted, not replaced: the cache fails open while Redis is
away (shop/common/cache_backend.py) and replays a lost delete when it answers
again; a lost ``set`` of a new token could not be replayed.

Why after commit (as well as at once): a request running between the write
and the commit would otherwise read the old rows and store them under the new
token. A request
always reads the tokens *before* the rows (the page cache reads the shared
ones before the view runs, ``page_depends`` the others before the view loads
its object), so a bump at any moment leaves at worst an entry stored under a
token that is already gone: never a stale page.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

CATALOGUE = "catalogue"
REFERENCE = "reference"
CMS = "cms"
SEARCH = "search"
# Every storefront page shows the header, menus and footer.
CHROME = (REFERENCE, CMS)
# The listing caches have used this key for the catalogue version since #10;
# keeping it means one bump serves both.
_KEYS = {CATALOGUE: "catalog:listing:version"}
VERSION_TTL = 7 * 24 * 60 * 60


def product_version_name(pk: int) -> str:
    return f"product:{pk}"


def producer_version_name(pk: int) -> str:
    return f"producer:{pk}"


def _key(name: str) -> str:
    return _KEYS.get(name) or f"pv:{name}"


def page_versions_read(*, names: Iterable[str]) -> dict[str, str]:
    """The current token of each name, in one cache round trip (plus one
    ``add`` per name that has none yet)."""
    names = list(dict.fromkeys(names))
    keys = {name: _key(name) for name in names}
    found = cache.get_many(list(keys.values()))
    tokens = {}
    for name, key in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex[:12]
            # add(): two readers racing on an empty key agree on one token.
            if not cache.add(key, token, VERSION_TTL):
                token = cache.get(key) or token
        tokens[name] = token
    return tokens


def page_versions_bump(*, names: Iterable[str]) -> None:
    """Make everything built from these names stale once the current
    transaction commits (nothing happens if it rolls back)."""
    keys = sorted({_key(name) for name in names})
    if not keys:
        return
    # Now, so that this transaction's own later reads (a view that writes
    # and then renders; a test) are not served an old page; and again after
    # the commit, because another request may have re-stored the old rows
    # under a fresh token in between.
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def product_versions_bump(*, product_ids: Iterable[int]) -> None:
    """A change to these products (their fields, price, stock, images or
    reviews): their own pages, the pages that show them as a card (their
    parents' pages list their variants; the pages recommending them show
    their price and stock) and every listing."""
    from oscar.core.loading import get_model

    ids = {pk for pk in product_ids if pk}
    if ids:
        Product = get_model("catalogue", "Product")
        ProductRecommendation = get_model("catalogue", "ProductRecommendation")
        ids |= set(Product.objects.filter(pk__in=ids, parent__isnull=False).values_list("parent_id", flat=True))
        ids |= set(ProductRecommendation.objects.filter(recommendation_id__in=ids).values_list("primary_id", flat=True))
    page_versions_bump(names=[CATALOGUE, *(product_version_name(pk) for pk in sorted(ids))])


# --- Declaring what a page is built from -------------------------------------------


def page_depends(*, request, names: Iterable[str]) -> None:
    """Record that the page being built for ``request`` shows data behind
    ``names`` (plus the chrome). Only a page whose view declared its names is
    stored by the page cache; on a request the cache does not serve (a
    signed-in customer) this records and reads nothing.

    Tokens must be read before the data they cover: the page cache reads the
    shared names (``catalogue`` and the chrome) before the view runs; call
    this for a ``product:<pk>`` name before loading that product."""
    recorder = getattr(request, "page_cache", None)
    if recorder is None:
        return
    wanted = []
    for name in dict.fromkeys([*CHROME, *names]):
        if name in recorder.preread:
            recorder.tokens[name] = recorder.preread[name]
        elif name not in recorder.tokens:
            wanted.append(name)
    if wanted:
        recorder.tokens.update(page_versions_read(names=wanted))
