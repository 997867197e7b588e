"""Shared caches of the storefront listings (catalogue, category, district,
search): facet counts and the search engine's matches; and the cards'
pictures of photos whose renditions are not built yet.

Invalidation rule (issue #10)
-----------------------------
Every cached listing value is keyed by the *catalogue version*, a token in
the cache that ``catalogue_version_bump`` replaces after the transaction
commits whenever something a listing shows or counts may have changed:

* a product is saved or deleted (publication goes through
  ``product.save(update_fields=...)``), or its category links change;
* a stock record is saved or deleted: prices, and availability, since the
  inventory's bulk stock writes send Oscar's StockRecord ``post_save`` from
  a task after commit (inventory.tasks.stock_records_saved);
* a certification, producer, category, district or OTOP type is saved or
  deleted (facet options and their labels).

The version is the page cache's ``catalogue`` version (shop/common/page_versions.py);
the receivers that bump it are in catalog/page_version_receivers.py.

A bump makes every old key unreachable at once (no key scan). Writes that
send no signal at all (``QuerySet.update()``) are covered by the short TTL:
``FACETS_TTL`` seconds at most. Only what is the same for every visitor is
cached: facet counts and the listing's total (per page and filter state;
facets per language) and engine matches (per language and normalised
query). The page of products, each card's price
and availability, the basket and the user are read live on every request.

When Redis is down (issue #17)
------------------------------
The cache fails open (shop/common/cache_backend.py): the version read is a miss, so
each request builds its listing from the database under a throwaway token and
nothing is stored. A bump that cannot be written is the one risk: if Redis
kept its data (a network blip, not a restart), it would still hold the old
version. So a bump *deletes* the version (the next reader adds a fresh one),
and the cache backend replays a delete lost in an outage before that process
next reads the cache. A process that never reads the cache again (a Celery
worker) cannot replay it; then the TTLs bound it: every value keyed by a
version expires within ``FACETS_TTL``/``SEARCH_TTL`` (60 s) and Redis expires
keys on its own clock while cut off, so a listing is at most a minute stale,
the same bound as a ``QuerySet.update()``. A Redis restarted empty has
nothing stale at all.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache

from shop.common.page_versions import _KEYS, CATALOGUE, page_versions_bump, page_versions_read
from shop.common.thumbnails import picture_for

VERSION_KEY = _KEYS[CATALOGUE]
# Safety net for changes that send no signal (QuerySet.update()): a facet
# count is never older than this.
FACETS_TTL = 30
# The engine's matches only change when a product is (re)indexed, which
# happens after a product save (bumps the version anyway).
SEARCH_TTL = 60


def catalogue_version() -> str:
    """The current catalogue version (one cache round trip)."""
    return page_versions_read(names=[CATALOGUE])[CATALOGUE]


def catalogue_version_bump() -> None:
    """Make every cached listing value stale, once the current transaction
    commits (a rolled back change must not evict, and a request running
    between the write and the commit must not re-cache the old state under
    the new token)."""
    # A delete, not a set of a new token: a delete lost while Redis is
    # unreachable is replayed when it answers again (module docstring).
    page_versions_bump(names=[CATALOGUE])


def state_key(*parts) -> str:
    """A short cache-key part for any JSON-able state (filters, ids)."""
    raw = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def get_or_build(*, namespace: str, version: str, language: str, state: str, ttl: int, build):
    key = f"catalog:listing:{namespace}:{version}:{language}:{state}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, ttl)
    return value


# --- Card pictures -----------------------------------------------------------------------

#: The side of a card's picture, in pixels (the ``card`` rendition's).
CARD_PICTURE_BOX = 480


def card_thumbnails_attach(products) -> None:
    """Give each card whose photo has no renditions yet the clean original's
    URL as ``product.card_thumbnail_url`` (shop.common.thumbnails: nothing
    is resized on a request; the card's stylesheet fits it), with no query
    or cache read. Cards with renditions use them directly."""
    for product in products:
        image = product.primary_image()  # a method on Oscar's product (the template calls it)
        if isinstance(image, dict) or getattr(image, "renditions_ready", False) or not image.original:
            continue
        product.card_thumbnail_url = picture_for(image.original, box=CARD_PICTURE_BOX).url
