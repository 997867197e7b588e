"""Template helpers for CMS pages and for the catalogue pages that show stories.

{% load cms_tags %}
{% page_seo %}                                  canonical, hreflang, Open Graph, JSON-LD
{% jsonld data %}                               <script type="application/ld+json">, escaped
{% stories_featuring product as stories %}      stories showing a product (or about its maker)
{% stories_for_producer producer as stories %}  a producer's stories
{% product_jsonld product as data %}            schema.org Product with offer and brand
{{ html|sanitize_html }}                        whitelist HTML (rich text)
{{ minutes|duration }}                          "2 h 30 min"
{{ value|osm_embed_url }} {{ value|osm_link }}   OpenStreetMap frame and link for a map value
{{ colour|hex_colour }}                         a #RRGGBB for a style attribute, else a default
{{ url|safe_url }}                              an editor's link, only if http(s)/mailto/tel/path
{% page_stream page "body" %}                   a StreamField's blocks, from the fragment cache
{% cmsfragment "name" %}...{% endcmsfragment %}  a part of a Wagtail page, from the fragment cache
{% product_stories_section product %}           a product page's maker and stories, from the fragment cache
"""

from __future__ import annotations

import hashlib
import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import seo
from ..sanitize import sanitize_html as _sanitize_html

register = template.Library()

# The escapes of django.utils.html.json_script: "</script>" or "<!--" inside
# a string cannot end the script element, "&" cannot start an entity. The
# single quote goes too (it is harmless inside the script, but escaping it
# means no HTML-significant character of user text ever comes out raw, so
# the XSS corpus tests can hold every page to one rule).
_JSON_SCRIPT_ESCAPES = {
    ord("'"): "\\u0027",
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def jsonld_dumps(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)


@register.simple_tag
def jsonld(data):
    """Render a dict (or list of dicts) as a JSON-LD script element."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(jsonld_dumps(data)))


@register.inclusion_tag("cms/partials/seo_head.html", takes_context=True)
def page_seo(context):
    page = context.get("page")
    request = context.get("request")
    if page is None:
        return {}
    return {"seo": seo.page_seo(page, request), "structured_data": context.get("structured_data") or []}


@register.simple_tag(takes_context=True)
def stories_featuring(context, product, limit=3):
    from ..selectors import stories_featuring_product

    return stories_featuring_product(product=product, limit=limit)


@register.simple_tag(takes_context=True)
def stories_for_producer(context, producer, limit=6):
    from ..selectors import stories_for_producer as select

    return select(producer=producer, limit=limit)


@register.simple_tag(takes_context=True)
def product_jsonld(context, product):
    return seo.product_jsonld(product, context.get("request"))


@register.filter
def sanitize_html(value):
    return _sanitize_html(value)


@register.filter
def duration(minutes):
    """Minutes as hours and minutes in the active language."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}


@register.filter
def osm_embed_url(value):
    """OpenStreetMap embed URL for a value with latitude and longitude."""
    lat, lon = _coordinates(value)
    if lat is None:
        return ""
    d = 0.01
    return (
        "https://www.openstreetmap.org/export/embed.html"
        f"?bbox={lon - d:.6f},{lat - d:.6f},{lon + d:.6f},{lat + d:.6f}&layer=mapnik&marker={lat:.6f},{lon:.6f}"
    )


@register.filter
def osm_link(value):
    lat, lon = _coordinates(value)
    if lat is None:
        return ""
    return f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=16/{lat:.6f}/{lon:.6f}"


def _coordinates(value):
    getter = value.get if isinstance(value, dict) or hasattr(value, "get") else lambda name: getattr(value, name, None)
    try:
        lat, lon = getter("latitude"), getter("longitude")
        if lat is None or lon is None or lat == "" or lon == "":
            return None, None
        return float(lat), float(lon)
    except (TypeError, ValueError):
        return None, None


_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@register.filter
def hex_colour(value, default="#23305e"):
    """A #RRGGBB colour for a style attribute, or `default` for anything else
    (a value that bypassed model validation must not inject CSS)."""
    value = str(value or "")
    return value if _HEX_COLOUR.match(value) else default


@register.filter
def safe_url(value):
    """`value` if it is an http(s) or mailto/tel link or a site path, else "".
    For links typed by editors that a template puts in an href: data that
    skipped the form's validation must not become a javascript: link."""
    from wagtail.whitelist import check_url

    url = str(value or "").strip()
    if not url or check_url(url) is None:
        return ""
    if url.startswith(("http://", "https://", "mailto:", "tel:")) or (url.startswith("/") and not url.startswith("//")):
        return url
    return ""


def _fragment_key(context, page, name: str, *, extra: str = "") -> tuple[str | None, bool]:
    """The fragment cache key of a part of ``page`` for this request and
    whether the part may be stored (catalog/fragment_cache.py, "Never stale"); no
    key when the part must be rendered every time: a preview (a draft filed
    under the live revision's key would reach every visitor), a page not
    live, a rendering without a request."""
    from django.utils.translation import get_language

    from catalog.fragment_cache import fragment_versions, stock_digest
    from shop.common.page_versions import CATALOGUE, CMS

    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or not getattr(page, "live_revision_id", None):
        return None, False
    try:
        host = request.get_host()
    except Exception:
        return None, False
    tokens, storable = fragment_versions(request=request, names=[CMS, CATALOGUE])
    products = context.get("products_by_id") or {}
    state = "\n".join(
        [
            str(page.live_revision_id),
            tokens[CMS],
            tokens[CATALOGUE],
            get_language() or "",
            request.scheme,
            host,
            stock_digest(products.values()),
            extra,
        ]
    )
    return f"cmsfrag:v1:{page.pk}:{name}:{hashlib.sha256(state.encode()).hexdigest()[:32]}", storable


def _fragment(context, page, name: str, render, *, extra: str = "") -> str:
    """``render(values)`` from the fragment cache: ``values`` is the
    template context with the CSRF token as the page cache's placeholder,
    replaced in the result by the token of this page."""
    from django.core.cache import cache

    from catalog.fragment_cache import FRAGMENT_TTL, csrf_fill
    from shop.common.pagecache import CSRF_PLACEHOLDER

    key, storable = _fragment_key(context, page, name, extra=extra)
    if key is None:
        return render(context, csrf_token=None)
    html = cache.get(key)
    if html is None:
        html = render(context, csrf_token=CSRF_PLACEHOLDER)
        if storable:
            cache.set(key, html, FRAGMENT_TTL)
    return csrf_fill(html, context=context)


@register.simple_tag(takes_context=True)
def page_stream(context, page, field_name):
    """Every block of ``page``'s StreamField ``field_name``, as
    ``{% for block in page.body %}{% include_block block %}{% endfor %}``
    renders them, kept in the fragment cache (catalog/fragment_cache.py) for the
    visitors who get a page built for them (issue #18). Keyed by the page,
    its live revision, the ``cms`` and ``catalogue`` versions (images, linked
    pages, snippets; the products of its blocks), the stock of the products
    the page loaded for its blocks, the language and the host. The blocks
    hold nothing of the visitor: the CSRF token of their add-to-basket forms
    is the placeholder while they render, then the visitor's own. Previews
    are never cached."""
    stream = getattr(page, field_name, None)
    if not stream:
        return ""

    def render(context, *, csrf_token):
        values = context.flatten()
        if csrf_token is not None:
            values["csrf_token"] = csrf_token
        return "".join(str(conditional_escape(child.render_as_block(context=values))) for child in stream)

    # Blocks escape their own values.
    return mark_safe(_fragment(context, page, f"stream-{field_name}", render))


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        name = self.name.resolve(context)
        page = context.get("page")

        def render(context, *, csrf_token):
            if csrf_token is None:
                return self.nodelist.render(context)
            with context.push(csrf_token=csrf_token):
                return self.nodelist.render(context)

        if page is None:
            return self.nodelist.render(context)
        # The URL's query string: a page may show a part differently by it
        # (the story index's tag and page number).
        request = context.get("request")
        query = request.META.get("QUERY_STRING", "") if request is not None else ""
        return _fragment(context, page, f"part-{name}", render, extra=query)


@register.tag
def cmsfragment(parser, token):
    """``{% cmsfragment "name" %}...{% endcmsfragment %}``: a part of the
    Wagtail page in the context (``page``) that holds nothing of the visitor,
    kept in the fragment cache with the same key and rules as
    ``page_stream`` (plus the URL's query string). What it reads should be
    lazy in the page's context (a callable), so that a cached part costs no
    query."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("cmsfragment takes one argument: the part's name")
    nodelist = parser.parse(("endcmsfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag(takes_context=True)
def product_stories_section(context, product):
    """The maker and the stories of a product page
    (cms/partials/product_stories_section.html), from the fragment cache
    (catalog/fragment_cache.py): keyed by the ``cms`` version (stories published,
    moved, their pictures) and the producer's (its name, story, status), not
    the product's, so a sale or a price change keeps it. Without stories and
    without an approved producer nothing is read."""
    from django.template.loader import get_template

    from catalog.fragment_cache import fragment
    from shop.common.page_versions import CMS, producer_version_name

    if not product.producer_id and getattr(product, "has_stories", None) is False:
        return ""
    template = get_template("cms/partials/product_stories_section.html")
    values = context.flatten()

    def render(csrf_token):
        if csrf_token is not None:
            values["csrf_token"] = csrf_token
        return template.render({**values, "product": product})

    names = [CMS, producer_version_name(product.producer_id)] if product.producer_id else [CMS]
    return mark_safe(
        fragment(
            request=context.get("request"),
            context=context,
            name=f"product-stories:{product.pk}",
            names=names,
            state=(product.producer_id, getattr(product, "has_stories", None)),
            render=render,
        )
    )
