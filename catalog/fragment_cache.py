"""Fragment caches of the storefront pages built for one visitor (issue
#18): a signed-in customer or a visitor with a basket gets a page built for
them, never the page cache's (shop/common/pagecache.py), but most of that page is
the same for everyone. Those parts are kept here, keyed by the page versions
(shop/common/page_versions.py) and the language, so a change shows on the next
request exactly as it does for the page cache.

Product cards
-------------
A card (``oscar/catalogue/partials/product.html``) is kept under
``card:v2:<pk>:<product token>:<reference token>:<language>:<stock>``. The
product's own version changes with anything of it a card shows (its fields,
images, stock records, producer), ``reference`` with a district or type
name, and ``<stock>`` is a digest of the stock records the card shows
(price, stock, allocation; its public children's for a parent), so price
and availability are exact even after a write that bumps nothing
(``QuerySet.update()``): the stock records are on the page's products
anyway. Keyed by the product rather than the whole ``catalogue`` version:
that one changes with every sale, and would empty every card of the shop
each time. A grid costs two cache round trips: the versions of its products
(one ``get_many``), then its cards (one ``get_many``).

A card holds nothing of the visitor. Its add-to-basket form's CSRF token is
rendered as the page cache's placeholder (``shop.common.pagecache.CSRF_PLACEHOLDER``)
and replaced with the visitor's own token when the card is put in the page:
one ``str.replace`` per card, microseconds, and the same mechanism as the
page cache's (on a page built for the page cache the placeholder is left for
its middleware). Rendering the form outside the fragment would split every
card in three pieces around it for no gain. A card shows no wish-list heart
or anything else per customer; such a thing must be rendered outside.

Never stale
-----------
A fragment may be *stored* only if it cannot hold rows older than the
tokens in its key (a bump between reading the rows and the tokens would
otherwise file old rows under the new token). Views read the versions
before any row (``fragment_versions`` with ``before_data=True``, or the page
cache's own pre-read); a card is stored only if the ``catalogue`` version
read then is still current when its key is made (every product, producer
or reference change bumps it too), a page's blocks only if their versions
were read before the page loaded them. A fragment rendered on a page whose
view read nothing early is served from the cache when present, never
stored. Reading a fragment is always safe: it was built after its tokens
existed.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from oscar.core.loading import get_model

from shop.common.page_versions import CATALOGUE, REFERENCE, page_versions_read, product_version_name
from shop.common.pagecache import CSRF_PLACEHOLDER

from . import listing_cache

CARD_TEMPLATE = "oscar/catalogue/partials/product.html"
# A bump makes old keys unreachable; the TTL only bounds what they occupy.
FRAGMENT_TTL = 6 * 60 * 60

_MEMO = "_fragment_versions"
_SAFE = "_fragment_versions_safe"


# --- Versions, once a request ------------------------------------------------------------


def fragment_versions(*, request, names, before_data: bool = False) -> tuple[dict[str, str], bool]:
    """The tokens of ``names`` for fragment keys, read once a request (the
    page cache's pre-read tokens are reused), and whether fragments keyed by
    them may be stored: true when they were read before the page's rows,
    which a view says with ``before_data=True``."""
    names = list(names)
    if request is None:
        return page_versions_read(names=names), False
    memo = request.__dict__.setdefault(_MEMO, {})
    safe = request.__dict__.setdefault(_SAFE, set())
    recorder = getattr(request, "page_cache", None)
    missing = []
    for name in names:
        if name in memo:
            continue
        if recorder is not None and name in recorder.preread:
            memo[name] = recorder.preread[name]
            safe.add(name)  # read by the page cache before the view ran
        else:
            missing.append(name)
    if missing:
        memo.update(page_versions_read(names=missing))
        if before_data:
            safe.update(missing)
    return {name: memo[name] for name in names}, all(name in safe for name in names)


def _catalogue_unchanged(*, request, current: dict[str, str]) -> bool:
    """Whether the ``catalogue`` version read now is the one the view read
    before loading its rows (every product, producer or reference change
    bumps it): then nothing shown was changed in between, and a fragment
    built from those rows may be stored under the versions read now."""
    if request is None or CATALOGUE not in request.__dict__.get(_SAFE, ()):
        return False
    return request.__dict__.get(_MEMO, {}).get(CATALOGUE) == current[CATALOGUE]


def fragment(*, request, context, name: str, names, state, render) -> str:
    """A fragment the same for every visitor, from the cache: keyed by
    ``name``, the versions of ``names`` (read now, with ``catalogue`` in the
    same round trip), the language, the host and ``state`` (what else it
    depends on); else ``render(csrf_token)`` with the page cache's CSRF
    placeholder, stored if ``_catalogue_unchanged``. The token of the page is
    put in the result."""
    current = page_versions_read(names=[CATALOGUE, *names])
    try:
        host = request.get_host() if request is not None else ""
    except Exception:
        return render(None)
    raw = "\n".join(
        [*(current[n] for n in names), get_language() or "", getattr(request, "scheme", ""), host, repr(state)]
    )
    key = f"frag:v1:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    html = cache.get(key)
    if html is None:
        html = render(CSRF_PLACEHOLDER)
        if _catalogue_unchanged(request=request, current=current):
            cache.set(key, html, FRAGMENT_TTL)
    return csrf_fill(html, context=context)


# --- Product cards -------------------------------------------------------------------------


def _public_children(product) -> list:
    return list(product.get_public_children())


def _record_state(record) -> tuple:
    return (
        record.pk,
        record.partner_id,
        str(record.price),
        record.price_currency,
        record.num_in_stock,
        record.num_allocated,
    )


def _digest(state: list) -> str:
    return hashlib.sha1(repr(state).encode()).hexdigest()[:16]


def _stock_digest(product) -> str:
    """What a card shows of the stock records, as a short digest."""
    products = _public_children(product) if product.is_parent else [product]
    return _digest([(child.pk, sorted(_record_state(r) for r in child.stockrecords.all())) for child in products])


def stock_digest(products) -> str:
    """The stock state of several products (a Wagtail page's block products)."""
    return hashlib.sha1(
        "|".join(f"{p.pk}:{_stock_digest(p)}" for p in sorted(products, key=lambda p: p.pk)).encode()
    ).hexdigest()[:16]


def csrf_fill(html: str, *, context) -> str:
    """``html`` with the page cache's CSRF placeholder replaced by the token
    of the page being rendered: the visitor's own, or the placeholder itself
    on a page built for the page cache (its middleware fills it in)."""
    if CSRF_PLACEHOLDER not in html:
        return html
    token = str(context.get("csrf_token") or "")
    if token == "NOTPROVIDED":  # Django's csrf context processor without a token
        token = ""
    return html.replace(CSRF_PLACEHOLDER, token)


def _card_key(pk: int, *, current: dict[str, str], language: str, stock: str) -> str:
    return ":".join(["card:v2", str(pk), current[product_version_name(pk)], current[REFERENCE], language, stock])


def _card_keys(*, request, products, language: str, stock: bool = True) -> tuple[dict[int, str], bool]:
    """The cache key of each product's card, from its own version, the
    ``reference`` version (district, type names) and its stock, with the
    ``catalogue`` version in the same round trip; and whether cards may be
    stored: only if the ``catalogue`` version the view read before loading
    the products is still current (every product, producer or reference
    change bumps it), which proves the rows are not older than the tokens."""
    names = [CATALOGUE, REFERENCE, *(product_version_name(p.pk) for p in products)]
    # ``stock=False``: products not loaded (CachedCard), keyed by their versions alone.
    current = page_versions_read(names=names)
    storable = _catalogue_unchanged(request=request, current=current)
    keys = {
        p.pk: _card_key(p.pk, current=current, language=language, stock=_stock_digest(p) if stock else "versions")
        for p in products
    }
    return keys, storable


class CachedCard:
    """A card found in the fragment cache, standing in for its product in a
    grid (``cards_by_version``): nothing of the product is loaded."""

    is_parent = False

    def __init__(self, pk: int, html: str):
        self.pk = pk
        self._card_html = html


def cards_by_version(*, request, ids: list[int], load) -> list:
    """The cards of ``ids`` for a grid whose page does not read their stock
    (the product page's recently viewed products, from the visitor's history
    cookie): keyed by the products' versions and ``reference`` only, so a
    visitor's history costs no query once its cards are cached. A stock or
    price change bumps the product's version (the services and receivers,
    shop/common/page_versions.py), as for the page cache; only a write that
    bumps nothing is seen late, at the product's next change. The cards not
    cached are loaded with ``load(ids)`` (which leaves out what is not
    public) and rendered by ``cards_render`` under the same keys."""
    if not ids:
        return []
    stand_ins = [CachedCard(pk, "") for pk in ids]
    keys, storable = _card_keys(request=request, products=stand_ins, language=get_language() or "", stock=False)
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    loaded = {p.pk: p for p in load(missing)} if missing else {}
    out = []
    for pk in ids:
        if keys[pk] in found:
            out.append(CachedCard(pk, found[keys[pk]]))
        elif pk in loaded:
            product = loaded[pk]
            product._card_key, product._card_storable = keys[pk], storable
            out.append(product)
    return out


def cards_for_listing(*, request, ids: list[int], load) -> list:
    """A listing's cards without loading its products: their stock records
    (one light query: the key's stock digest), their versions (one cache
    read), their cards (one ``get_many``). A cached card stands in for its
    product (``CachedCard``); the others are loaded with ``load(ids)`` and
    rendered by ``cards_render`` under keys made from the loaded rows. (A
    parent's card shows its children's stock: its digest here is never the
    rendered one, so a parent's card is always rendered; the shop sells no
    variants today.)"""
    if not ids:
        return []
    StockRecord = get_model("partner", "StockRecord")
    records: dict[int, list] = {pk: [] for pk in ids}
    for row in StockRecord.objects.filter(product_id__in=ids).values_list(
        "product_id", "pk", "partner_id", "price", "price_currency", "num_in_stock", "num_allocated"
    ):
        records[row[0]].append((row[1], row[2], str(row[3]), row[4], row[5], row[6]))
    language = get_language() or ""
    current = page_versions_read(names=[CATALOGUE, REFERENCE, *(product_version_name(pk) for pk in ids)])
    storable = _catalogue_unchanged(request=request, current=current)
    keys = {
        pk: _card_key(pk, current=current, language=language, stock=_digest([(pk, sorted(records[pk]))])) for pk in ids
    }
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    loaded = {p.pk: p for p in load(missing)} if missing else {}
    cards = []
    for pk in ids:
        if keys[pk] in found:
            cards.append(CachedCard(pk, found[keys[pk]]))
        elif pk in loaded:
            product = loaded[pk]
            product._card_key = _card_key(pk, current=current, language=language, stock=_stock_digest(product))
            product._card_storable = storable
            cards.append(product)
    return cards


def cards_prefetch_children(products) -> None:
    """A parent's card shows its public children's price and stock: load
    them as Oscar's strategy reads them (``get_public_children``), with their
    stock records, in two queries for the page, only when it has a parent."""
    parents = [p for p in products if p.is_parent and not hasattr(p, "_prefetched_public_children")]
    if parents:
        Product = get_model("catalogue", "Product")
        prefetch_related_objects(
            parents,
            Prefetch(
                "children",
                queryset=Product.objects.public().prefetch_related("stockrecords"),
                to_attr="_prefetched_public_children",
            ),
        )


def cards_attach(products, *, request) -> list:
    """For a listing that loaded its products without their images: give
    each product whose card is cached ``_card_html`` (one read for the
    page's versions, one ``get_many`` for its cards) and return the others,
    which the caller loads fully before they are rendered."""
    if not products:
        return []
    keys, storable = _card_keys(request=request, products=products, language=get_language() or "")
    found = cache.get_many(list(keys.values()))
    missing = []
    for product in products:
        product._card_key, product._card_storable = keys[product.pk], storable
        html = found.get(keys[product.pk])
        if html is None:
            missing.append(product)
        else:
            product._card_html = html
    return missing


def _render_card(product, *, request, language: str) -> str:
    context = {
        "request": request,
        "product": product,
        "csrf_token": CSRF_PLACEHOLDER,
        "LANGUAGE_CODE": language,
    }
    return get_template(CARD_TEMPLATE).render(context)


def cards_render(*, context, products) -> list[tuple[object, str]]:
    """``[(product, card HTML)]`` for a grid of cards: the cached ones in one
    ``get_many`` after one read of their versions (nothing when the listing
    attached them already), the others rendered and stored with one
    ``set_many``; the visitor's CSRF token put in each."""
    products = [product for product in products if product]
    if not products:
        return []
    request = context.get("request")
    language = get_language() or ""
    cards_prefetch_children(products)
    html = {p.pk: p._card_html for p in products if getattr(p, "_card_html", None)}
    pending = [p for p in products if p.pk not in html]
    if pending:
        if all(hasattr(p, "_card_key") for p in pending):  # attached by the listing, not in the cache
            keys = {p.pk: p._card_key for p in pending}
            storable = all(p._card_storable for p in pending)
            found = {}
        else:
            keys, storable = _card_keys(request=request, products=pending, language=language)
            found = cache.get_many(list(keys.values()))
        missing = []
        for product in pending:
            if keys[product.pk] in found:
                html[product.pk] = found[keys[product.pk]]
            else:
                missing.append(product)
        if missing:
            # Their images (the selectors leave them to the cards that are
            # rendered), then one cache read for all their thumbnails.
            unloaded = [p for p in missing if "images" not in getattr(p, "_prefetched_objects_cache", {})]
            if unloaded:
                prefetch_related_objects(unloaded, "images")
            listing_cache.card_thumbnails_attach(missing)
            rendered = {}
            for product in missing:
                card = _render_card(product, request=request, language=language)
                html[product.pk] = rendered[keys[product.pk]] = card
            if storable:
                cache.set_many(rendered, FRAGMENT_TTL)
    return [(product, mark_safe(csrf_fill(html[product.pk], context=context))) for product in products]
