"""Wagtail 8.0's image and document listings (/cms/images/, /cms/documents/)
answer 500 when a search (``?q=``) is combined with the "Usage count" filter
(``usage_count_min`` / ``usage_count_max``), both offered side by side in
the listing's own filter drawer: the filter is a condition on an annotation
(a Coalesce over the reference index), which the search backend
(django-modelsearch) cannot translate ("'Coalesce' object has no attribute
'target'"). Found by the hostile-input sweep (issue 16).

Wagtail already works around the same limitation for tags
(``RelatedFilterMixin``: filter first, then keep the matching primary keys);
``install_usage_count_search_fix`` gives the usage-count filter that
treatment while a search is running. Called once from ``CmsConfig.ready``.
Remove when Wagtail's filter handles search itself.
"""

from __future__ import annotations

import django_filters
from wagtail.admin.filters import RelatedFilterMixin


class UsageCountRangeFilter(RelatedFilterMixin, django_filters.RangeFilter):
    def filter(self, qs, value):
        # Only a search needs primary keys: a plain listing filters the
        # annotation in SQL, as Wagtail does.
        request = getattr(self.parent, "request", None)
        self.use_subquery = bool(request is not None and request.GET.get("q", "").strip())
        return super().filter(qs, value)


def install_usage_count_search_fix() -> None:
    from wagtail.documents.views.documents import DocumentsFilterSet
    from wagtail.images.views.images import ImagesFilterSet

    for filterset in (ImagesFilterSet, DocumentsFilterSet):
        original = filterset.base_filters["usage_count"]
        filterset.base_filters["usage_count"] = UsageCountRangeFilter(
            field_name=original.field_name, label=original.label, widget=original.extra.get("widget")
        )
