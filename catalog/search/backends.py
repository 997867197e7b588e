"""The database search backend, with one change on SQLite.

Wagtail's SQLite FTS5 backend orders by relevance through a correlated
subquery that runs the full-text match again for every matching row: fine
for a few hundred pages, quadratic for ten thousand products ("ผ้า" matches
thousands). Here the match runs once, ranked by bm25 inside the FTS query,
and the ordered ids drive the queryset. Everything else (indexing, PostgreSQL,
MySQL, filters, facets of Wagtail's API) is Wagtail's own.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "catalog.search.backends"}}
"""

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends import database
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

# Ids fetched when the caller does not slice (counting).
UNSLICED_LIMIT = 10_000


def _sqlite_classes():
    # Imported here: these modules look up SQLite-only models at import time.
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    class RankedSQLiteSearchQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def search(self, config, start, stop, score_field=None):
            normalized = normalize(self.query)
            # Only unfiltered querysets (what catalog.search.engine sends): a
            # filtered one (Wagtail's admin) must be filtered before the limit.
            if (
                not self.order_by_relevance
                or score_field is not None
                or self.queryset.query.where
                or not isinstance(normalized, (PlainText, Phrase, And, Or))
            ):
                return super().search(config, start, stop, score_field=score_field)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(normalized, config=config))
            rank = self._build_rank_expression(self.get_search_vectors(), config)
            ranked = (
                sqlite.SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
                .annotate(score=rank)
                .order_by("score", "index_entry__object_id")  # bm25: lower is better
                .values_list("index_entry__object_id", flat=True)
            )
            object_ids = list(ranked[: stop if stop is not None else UNSLICED_LIMIT])
            to_python = self.queryset.model._meta.pk.to_python
            pks = [to_python(object_id) for object_id in object_ids]
            if not pks:
                return self.queryset.none()
            position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(pks)], output_field=IntegerField())
            return self.queryset.filter(pk__in=pks).annotate(_fts_rank=position).order_by("_fts_rank")[start:stop]

    class RankedSQLiteAutocompleteQueryCompiler(RankedSQLiteSearchQueryCompiler, sqlite.SQLiteAutocompleteQueryCompiler):
        pass

    class RankedSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = RankedSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler

    return RankedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802  (the name Wagtail's loader looks for)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_classes()(params)
    return backend
