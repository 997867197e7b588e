"""Search-engine and sharing metadata: canonical and hreflang links, Open
Graph tags and schema.org JSON-LD (Article, Organization, Product, WebSite).

Builders return plain dicts; templates render them with {% jsonld %}, which
escapes them like Django's json_script so a title cannot close the <script>.
"""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from oscar.core.loading import get_class

from .selectors import page_translations_live

OG_IMAGE_SPEC = "fill-1200x630"
OG_LOCALES = {"th": "th_TH", "en": "en_US", "zh-hans": "zh_CN"}
SCHEMA = "https://schema.org"


def absolute(request, url: str | None) -> str:
    if not url:
        return ""
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def _text(value, limit: int = 300) -> str:
    return Truncator(strip_tags(str(value or "")).strip()).chars(limit)


def shop_name() -> str:
    return str(settings.OSCAR_SHOP_NAME)


def _logo(request) -> dict:
    return {"@type": "ImageObject", "url": absolute(request, static("img/otop-mark.svg"))}


def image_for_sharing(image, request) -> dict | None:
    """A 1200×630 JPEG rendition of a Wagtail image, with absolute URL."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(f"{OG_IMAGE_SPEC}|format-jpeg")
    except Exception:  # a missing source file must not break the page
        return None
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or image.title,
    }


# --- Links between languages ------------------------------------------------------------


def page_alternates(page, request) -> list[dict]:
    """The page's live translations as hreflang links, in settings order."""
    if not page.pk:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    found = {}
    for translation in page_translations_live(page=page):
        url = translation.get_url(request)
        if url:
            found[translation.locale.language_code] = absolute(request, url)
    return [{"lang": code, "url": found[code]} for code in order if code in found]


def page_seo(page, request) -> dict:
    """Everything the <head> of a Wagtail page needs for search and sharing."""
    canonical = absolute(request, page.get_url(request)) if page.pk else ""
    alternates = page_alternates(page, request)
    default_url = next((alt["url"] for alt in alternates if alt["lang"] == settings.LANGUAGE_CODE), "")
    language = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": default_url,
        "title": page.seo_title or page.title,
        "description": _text(page.get_meta_description(), 300),
        "image": image_for_sharing(page.get_social_image(), request),
        "og_type": "article" if getattr(page, "is_article", False) else "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [OG_LOCALES.get(a["lang"], a["lang"]) for a in alternates if a["lang"] != language],
        "site_name": shop_name(),
    }


# --- schema.org ------------------------------------------------------------------------------


def website_jsonld(page, request) -> dict:
    from django.urls import reverse

    home = absolute(request, page.get_url(request))
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": shop_name(),
        "url": home,
        "inLanguage": page.locale.language_code,
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute(request, reverse("search:search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def organization_jsonld(*, request, center=None) -> dict:
    """The San Kamphaeng center as an Organization, from its CenterPage when
    there is one, else from settings.SHOP_CENTER."""
    fallback = settings.SHOP_CENTER
    english = not (getattr(request, "LANGUAGE_CODE", "") or "th").startswith("th")
    address = {
        "@type": "PostalAddress",
        "streetAddress": center.address if center else fallback["address_en" if english else "address_th"],
        "addressLocality": "San Kamphaeng",
        "addressRegion": "Chiang Mai",
        "postalCode": (center.postcode if center else "") or "50130",
        "addressCountry": "TH",
    }
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": center.center_name if center else fallback["name_en" if english else "name_th"],
        "url": absolute(request, center.get_url(request)) if center else absolute(request, "/"),
        "logo": _logo(request),
        "telephone": (center.phone if center else "") or fallback["phone"],
        "email": (center.email if center else "") or fallback["email"],
        "address": address,
    }
    if center and center.latitude is not None and center.longitude is not None:
        data["location"] = {
            "@type": "Place",
            "name": center.center_name,
            "address": address,
            "geo": {"@type": "GeoCoordinates", "latitude": center.latitude, "longitude": center.longitude},
        }
    return data


def article_jsonld(page, request) -> dict:
    url = absolute(request, page.get_url(request))
    image = image_for_sharing(page.get_social_image(), request)
    published = page.date.isoformat() if page.date else None
    modified = page.last_published_at or page.latest_revision_created_at
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": Truncator(page.title).chars(110),
        "description": _text(page.intro, 300),
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified.isoformat() if modified else published,
        "author": (
            {"@type": "Person", "name": page.author} if page.author else {"@type": "Organization", "name": shop_name()}
        ),
        "publisher": {"@type": "Organization", "name": shop_name(), "logo": _logo(request)},
    }
    if image:
        data["image"] = [image["url"]]
    if page.pk:
        keywords = [tag.name for tag in page.tags.all()]
        if keywords:
            data["keywords"] = ", ".join(keywords)
    if page.producer_id and page.producer:
        data["about"] = {
            "@type": "Organization",
            "name": page.producer.name,
            "url": absolute(request, page.producer.get_absolute_url()),
        }
    return data


_AVAILABILITY = {True: f"{SCHEMA}/InStock", False: f"{SCHEMA}/OutOfStock"}


def product_jsonld(product, request) -> dict:
    """A Product with its offer in THB and the producer as brand."""
    url = absolute(request, product.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.get_title(),
        "description": _text(product.get_description(), 500),
        "url": url,
    }
    if product.upc:
        data["sku"] = product.upc
        if product.upc.isdigit() and len(product.upc) == 13:
            data["gtin13"] = product.upc
    image = product.primary_image()
    original = getattr(image, "original", None) if not isinstance(image, dict) else None
    if original:
        try:
            data["image"] = [absolute(request, original.url)]
        except ValueError:
            pass
    producer = product.producer
    if producer is not None:
        data["brand"] = {"@type": "Brand", "name": producer.name}
        data["manufacturer"] = {
            "@type": "Organization",
            "name": producer.name,
            "url": absolute(request, producer.get_absolute_url()),
        }
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    info = strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)
    if info.price.exists:
        price = info.price.incl_tax if info.price.is_tax_known else info.price.excl_tax
        data["offers"] = {
            "@type": "Offer",
            "url": url,
            "price": f"{price:.2f}",
            "priceCurrency": info.price.currency,
            "availability": _AVAILABILITY[bool(info.availability.is_available_to_buy)],
            "itemCondition": f"{SCHEMA}/NewCondition",
            "seller": {"@type": "Organization", "name": shop_name()},
        }
    if product.otop_stars:
        # The OTOP Product Champion rating is an official assessment, not a
        # customer review: published as a property, not as aggregateRating.
        data["additionalProperty"] = {
            "@type": "PropertyValue",
            "name": "OTOP Product Champion",
            "value": product.otop_stars,
        }
    return data
