"""Shared caches of the storefront listings (catalogue, category, district,
search): facet counts, the search engine's matches and the card thumbnails.

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
facets per language), engine matches (per language and normalised query)
and thumbnail URLs (per image). The page of products, each card's price
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

VERSION_KEY = _KEYS[CATALOGUE]
# Safety net for changes that send no signal (QuerySet.update()): a facet
# count is never older than this.
FACETS_TTL = 30
# The engine's matches only change when a product is (re)indexed, which
# happens after a product save (bumps the version anyway).
SEARCH_TTL = 60
# A thumbnail URL only changes with the image file (its name is in the key).
THUMBNAIL_TTL = 24 * 60 * 60


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


# --- Card thumbnails --------------------------------------------------------------------

CARD_THUMBNAIL_GEOMETRY = "480x480"


def _thumbnail_key(image) -> str:
    name_hash = hashlib.sha256(str(image.original.name).encode()).hexdigest()[:16]
    return f"catalog:card-thumb:{CARD_THUMBNAIL_GEOMETRY}:{image.pk}:{name_hash}"


def card_thumbnails_attach(products) -> None:
    """Give each card whose image has no renditions yet its sorl thumbnail
    URL as ``product.card_thumbnail_url``, in one cache round trip for the
    whole page instead of one kvstore lookup per card."""
    wanted = {}
    for product in products:
        image = product.primary_image()  # a method on Oscar's product (the template calls it)
        if isinstance(image, dict) or getattr(image, "renditions_ready", False) or not image.original:
            continue
        wanted.setdefault(_thumbnail_key(image), []).append((product, image))
    if not wanted:
        return
    found = cache.get_many(list(wanted))
    missing = {}
    for key, pairs in wanted.items():
        url = found.get(key)
        if url is None:
            url = _thumbnail_url(pairs[0][1])
            if url:
                missing[key] = url
        for product, _image in pairs:
            product.card_thumbnail_url = url
    if missing:
        cache.set_many(missing, THUMBNAIL_TTL)


def _thumbnail_url(image) -> str:
    from oscar.core.thumbnails import get_thumbnailer

    try:
        thumbnail = get_thumbnailer().generate_thumbnail(image.original, size=CARD_THUMBNAIL_GEOMETRY, crop="center")
    except Exception:  # a broken file: the template's own thumbnail tag handles (and logs) it
        return ""
    return getattr(thumbnail, "url", "") or ""
