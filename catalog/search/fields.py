"""Index field definitions whose value is segmented text (catalog.search.text).

``field_name`` names a real model field, so every engine knows the field's
type and Wagtail's checks pass; the value indexed is what ``text(obj)``
returns instead of the raw column. The database backends put a field named
``title`` in their title column (which they rank on), Elasticsearch and
OpenSearch map each field by name and apply ``boost``.
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.search import index


class SegmentedSearchField(index.SearchField):
    def __init__(self, field_name: str, *, text: Callable[[object], str], boost: float | None = None, **kwargs):
        super().__init__(field_name, boost=boost, **kwargs)
        self.text = text

    def get_value(self, obj) -> str:
        return self.text(obj)


class SegmentedAutocompleteField(index.AutocompleteField):
    def __init__(self, field_name: str, *, text: Callable[[object], str], **kwargs):
        super().__init__(field_name, **kwargs)
        self.text = text

    def get_value(self, obj) -> str:
        return self.text(obj)


def product_search_fields() -> list:
    from . import documents

    return [
        SegmentedSearchField("title", text=documents.product_title_text, boost=3),
        SegmentedSearchField("description", text=documents.product_body_text),
        SegmentedAutocompleteField("title", text=documents.product_title_text),
    ]


def producer_search_fields() -> list:
    from . import documents

    return [
        SegmentedSearchField("name_th", text=documents.producer_name_text, boost=3),
        SegmentedSearchField("story_th", text=documents.producer_body_text),
        SegmentedAutocompleteField("name_th", text=documents.producer_name_text),
    ]


def story_search_fields() -> list:
    """Added to the story page's own search_fields (cms/models/stories.py):
    Wagtail indexes the raw title and body, we add the segmented words."""
    from . import documents

    return [SegmentedSearchField("intro", text=documents.page_text)]
