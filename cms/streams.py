"""Reading product ids out of StreamFields without loading any product.

Walks a page's raw StreamField data (the stored JSON) guided by the block
definitions, so it finds ProductChooserBlocks at any depth: inside a
ProductsBlock's list, a StructBlock or a nested StreamBlock."""

from __future__ import annotations

from collections.abc import Iterator

from wagtail import blocks
from wagtail.fields import StreamField

from .blocks import ProductChooserBlock


def _walk(block: blocks.Block, raw) -> Iterator[int]:
    if raw is None:
        return
    if isinstance(block, ProductChooserBlock):
        pk = getattr(raw, "pk", raw)  # a converted value is a Product
        try:
            yield int(pk)
        except (TypeError, ValueError):
            return
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                yield from _walk(block.child_blocks[item["type"]], item.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item["value"] if block._item_is_in_block_format(item) else item
            yield from _walk(block.child_block, value)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            yield from _walk(child, raw.get(name))


def product_ids_in_stream(stream_block: blocks.StreamBlock, stream_value) -> list[int]:
    """Product ids of a StreamField value, in order of appearance (repeats kept)."""
    if not stream_value:
        return []
    return list(_walk(stream_block, list(stream_value.raw_data)))


def product_ids_in_page(page) -> list[int]:
    """Product ids in every StreamField of `page`, in field then block order."""
    ids: list[int] = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            ids.extend(product_ids_in_stream(field.stream_block, getattr(page, field.attname)))
    return ids
