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
"""

from __future__ import annotations

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
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
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(jsonld_dumps(data)))  # noqa: S308


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
