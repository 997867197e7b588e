"""Small presentation helpers for the storefront and CMS templates.

{% load otop_tags %}
{{ story.date|be_date }}        10 พฤศจิกายน 2567 (Thai) / November 10, 2024
{{ 2567|ce_year }}              2024
{% otop_stars product %}        ★★★★☆ badge with the assessment year
{{ center.phone|tel_href }}     tel:+6653000000
{% product_passport product as passport %}   the passport panel's data
"""

import re

from django import template

from shop.common.dates import BE_OFFSET, date_display

register = template.Library()


@register.filter
def be_date(value, fmt="DATE_FORMAT"):
    """A date in the active language; Thai readers get the Buddhist Era year
    (shop.common.dates.date_display, the one path for dates)."""
    return date_display(value, fmt)


@register.simple_tag
def today_year():
    """This year as the reader counts it (2569 in Thai, 2026 otherwise)."""
    from django.utils import timezone

    return date_display(timezone.localdate(), "Y")


@register.filter
def ce_year(be_year):
    """2567 -> 2024, for visitors who do not count years in B.E."""
    try:
        return int(be_year) - BE_OFFSET
    except (TypeError, ValueError):
        return ""


@register.filter
def tel_href(phone):
    """A Thai phone number as a tel: link target in international form
    (053-000-000 -> tel:+6653000000): +66 replaces the leading 0."""
    digits = re.sub(r"\D", "", str(phone or ""))
    if digits.startswith("0"):
        digits = "66" + digits[1:]
    return f"tel:+{digits}" if digits else ""


@register.filter
def rate_percent(rate):
    """A commission fraction as a percentage: Decimal("0.1250") -> "12.5"."""
    if rate is None or rate == "":
        return ""
    from decimal import Decimal

    return f"{(Decimal(rate) * 100).quantize(Decimal('0.01')).normalize():f}"


@register.inclusion_tag("catalog/partials/otop_stars.html", takes_context=True)
def otop_stars(context, product, show_year=True):
    """OTOP Product Champion rating as filled and empty stars (nothing when
    the product has not been rated)."""
    stars = product.otop_stars or 0
    return {
        "stars": stars,
        "filled": range(stars),
        "empty": range(max(0, 5 - stars)),
        "year": product.otop_star_year if show_year else None,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.simple_tag
def product_passport(product):
    """The OTOP product passport of a product (catalog.selectors.product_passport)."""
    from catalog.selectors import product_passport as passport_get

    return passport_get(product=product)


@register.simple_tag(takes_context=True)
def wishlists_for_product(context, product):
    """The signed-in visitor's wish lists, each with ``has_product``
    (shop.common.visitor.wishlists_with_product), once per page and product."""
    from shop.common.visitor import wishlists_with_product

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return []
    memo = request.__dict__.setdefault("_wishlists_for_product", {}) if request is not None else {}
    if product.pk not in memo:
        memo[product.pk] = wishlists_with_product(user=user, product=product)
    return memo[product.pk]
