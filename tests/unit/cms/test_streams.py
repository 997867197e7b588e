"""Product ids are read from raw StreamField data at any depth, without queries."""

from wagtail.blocks import StreamValue

from cms.blocks import BodyBlock
from cms.streams import product_ids_in_stream


def stream(raw):
    block = BodyBlock()
    return block, StreamValue(block, raw, is_lazy=True)


def test_ids_are_found_in_product_blocks_in_order_of_appearance():
    block, value = stream(
        [
            {"type": "products", "value": {"heading": "a", "products": [3, 1]}},
            {"type": "paragraph", "value": "<p>text</p>"},
            {"type": "products", "value": {"heading": "b", "products": [{"type": "item", "value": 7, "id": "x"}]}},
        ]
    )

    assert product_ids_in_stream(block, value) == [3, 1, 7]


def test_blocks_without_products_and_broken_values_give_no_ids():
    block, value = stream(
        [
            {"type": "quote", "value": {"text": "q", "attribution": ""}},
            {"type": "products", "value": {"heading": "x", "products": [None, "not-a-number"]}},
            {"type": "unknown-block", "value": {"products": [9]}},
        ]
    )

    assert product_ids_in_stream(block, value) == []


def test_an_empty_stream_has_no_ids():
    block, value = stream([])

    assert product_ids_in_stream(block, value) == []
