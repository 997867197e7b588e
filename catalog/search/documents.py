"""What is indexed for each searchable object, as segmented text.

Only words go into the index. Visibility, price and stock are read from the
database at query time (catalog.listing_selectors), so a price or stock
change can never leave a stale index behind, and an unpublished product is
filtered out even before its index entry is removed.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.html import strip_tags

from .text import index_text

LANGUAGES = ("th", "en", "zh-hans")


def _labels(obj, method: str) -> list[str]:
    """A choice label in every site language (Silk, ไหม, 丝绸...)."""
    labels = []
    for language in LANGUAGES:
        with translation.override(language):
            labels.append(str(getattr(obj, method)()))
    return labels


def product_title_strings(product) -> list[str]:
    return [product.title or "", product.title_en or "", product.title_zh_hans or ""]


def product_title_text(product) -> str:
    return index_text(*product_title_strings(product))


def product_body_text(product) -> str:
    texts = [
        strip_tags(product.description or ""),
        strip_tags(product.description_en or ""),
        strip_tags(product.description_zh_hans or ""),
        product.origin_tambon or "",
        product.upc or "",
    ]
    producer = product.producer if product.producer_id else None
    if producer is not None:
        texts += [producer.name_th, producer.name_en, producer.tambon or ""]
        if producer.district_id:
            d = producer.district
            texts += [d.name_th, d.name_en, d.name_zh_hans]
    if product.origin_district_id:
        d = product.origin_district
        texts += [d.name_th, d.name_en, d.name_zh_hans]
    if product.otop_type_id:
        t = product.otop_type
        texts += [t.name_th, t.name_en, t.name_zh_hans]
    for category in product.categories.all():
        texts += [category.name, category.name_en, category.name_zh_hans]
    for field, method in (
        ("fibre", "get_fibre_display"),
        ("dye_type", "get_dye_type_display"),
        ("dye_source_plant", "get_dye_source_plant_display"),
        ("weaving_technique", "get_weaving_technique_display"),
    ):
        if getattr(product, field):
            texts += _labels(product, method)
    return index_text(*texts)


def producer_name_text(producer) -> str:
    return index_text(producer.name_th, producer.name_en)


def producer_body_text(producer) -> str:
    texts = [producer.story_th, producer.story_en, producer.tambon, producer.village]
    if producer.district_id:
        d = producer.district
        texts += [d.name_th, d.name_en, d.name_zh_hans]
    texts += [f"{t.name_th} {t.name_en} {t.name_zh_hans}" for t in producer.product_types.all()]
    return index_text(*texts)


def page_text(page) -> str:
    """A Wagtail page's title, intro and body, segmented."""
    texts = [page.title, getattr(page, "intro", "") or ""]
    body_field = next((f for f in page._meta.get_fields() if f.name == "body"), None)
    if body_field is not None and hasattr(body_field, "get_searchable_content"):
        texts += [strip_tags(str(t)) for t in body_field.get_searchable_content(page.body)]
    return index_text(*texts)
