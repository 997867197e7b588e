"""The database search backend, with one change on SQLite and PostgreSQL:
``ranked_pks``, the ids of the best matches straight from the index table.

Wagtail's SQLite FTS5 backend orders by relevance through a correlated
subquery that runs the full-text match again for every matching row: fine
for a few hundred pages, quadratic for ten thousand products ("ผ้า" matches
thousands). Here the match runs once, ranked by bm25 inside the FTS query,
and the ordered ids drive the queryset.

Wagtail's PostgreSQL backend joins the model's table to the index entries
on ``product.id::varchar = entry.object_id``, which no index serves: at
10,000 products PostgreSQL ran it as a nested loop scanning every product
once per match (0.1-0.9 s a query, issue #7's benchmark). ``ranked_pks``
asks the entry table alone, with Wagtail's own tsquery and rank
expressions, and the match ``(title || body) @@ query`` is served by a GIN
index on that expression (migration 0002). Everything else (indexing,
MySQL, filters, facets of Wagtail's API) is Wagtail's own.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "catalog.search.backends"}}
"""

from django.db import connection
from django.db.models import BigIntegerField, Case, F, IntegerField, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
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
        def ranked_pks(self, *, limit: int) -> list | None:
            """Primary keys of the best ``limit`` matches, best first, from one
            FTS query; None when the query is not a plain match."""
            normalized = normalize(self.query)
            if not isinstance(normalized, (PlainText, Phrase, And, Or)):
                return None
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(normalized, config=None)
            )
            rank = self._build_rank_expression(self.get_search_vectors(), None)
            ranked = (
                sqlite.SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
                .annotate(score=rank)
                .order_by("score", "index_entry__object_id")  # bm25: lower is better
                .values_list("index_entry__object_id", flat=True)
            )
            to_python = self.queryset.model._meta.pk.to_python
            return [to_python(object_id) for object_id in ranked[:limit]]

        def search(self, config, start, stop, score_field=None):
            # Only unfiltered querysets: a filtered one (Wagtail's admin) must
            # be filtered before the limit, which Wagtail's own code does.
            pks = None
            if self.order_by_relevance and score_field is None and not self.queryset.query.where:
                pks = self.ranked_pks(limit=stop if stop is not None else UNSLICED_LIMIT)
            if pks is None:
                return super().search(config, start, stop, score_field=score_field)
            if not pks:
                return self.queryset.none()
            position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(pks)], output_field=IntegerField())
            return self.queryset.filter(pk__in=pks).annotate(_fts_rank=position).order_by("_fts_rank")[start:stop]

    class RankedSQLiteAutocompleteQueryCompiler(
        RankedSQLiteSearchQueryCompiler, sqlite.SQLiteAutocompleteQueryCompiler
    ):
        pass

    class RankedSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = RankedSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler

        def ranked_pks(self, query, model, *, autocomplete: bool = False, limit: int) -> list | None:
            """What catalog.search.engine asks for: ids only, no model
            instances (building a 1,000-way ORDER BY CASE costs more than
            the search)."""
            compiler_class = self.autocomplete_query_compiler_class if autocomplete else self.query_compiler_class
            return compiler_class(model.objects.all(), query).ranked_pks(limit=limit)

    return RankedSQLiteSearchBackend


def _entry_field(expression):
    """Wagtail's vector and boost expressions name the entry's fields from
    the model (``index_entries__title``); on the entry table they are plain
    fields (``title``)."""
    if isinstance(expression, F):
        return F(expression.name.removeprefix("index_entries__"))
    return expression


def _postgres_classes():
    from modelsearch.backends.database.postgres import postgres

    class RankedPostgresSearchQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def ranked_pks(self, *, config, limit: int) -> list | None:
            """Primary keys of the best ``limit`` matches, best first (ties:
            newest object first, as Wagtail's ``-pk``), from the entry table
            alone; None for queries Wagtail handles differently (match-all,
            fuzzy, searches restricted to some fields)."""
            if self.fields is not None or not isinstance(self.query, (PlainText, Phrase, And, Or)):
                return None
            search_query = self.build_tsquery(self.query, config=config)
            vectors = [(_entry_field(v), _entry_field(boost)) for v, boost in self.get_index_vectors(search_query)]
            rank = self._build_rank_expression(vectors, config)
            combined = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined = CombinedExpression(combined, "||", vector)
            model = self.queryset.model
            tie = (
                Cast("object_id", BigIntegerField())
                if model._meta.pk.get_internal_type().endswith(("AutoField", "IntegerField"))
                else F("object_id")
            )
            ranked = (
                postgres.IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(model))
                .annotate(_vector_=combined)
                .filter(_vector_=search_query)
                .order_by(rank.desc(), tie.desc())
                .values_list("object_id", flat=True)
            )
            to_python = model._meta.pk.to_python
            return [to_python(object_id) for object_id in ranked[:limit]]

    class RankedPostgresAutocompleteQueryCompiler(
        RankedPostgresSearchQueryCompiler, postgres.PostgresAutocompleteQueryCompiler
    ):
        pass

    class RankedPostgresSearchBackend(postgres.PostgresSearchBackend):
        def ranked_pks(self, query, model, *, autocomplete: bool = False, limit: int) -> list | None:
            """As the SQLite backend's: ids only, no model instances."""
            compiler_class = (
                RankedPostgresAutocompleteQueryCompiler if autocomplete else RankedPostgresSearchQueryCompiler
            )
            compiler = compiler_class(model.objects.all(), query)
            return compiler.ranked_pks(config=compiler.get_config(self), limit=limit)

    return RankedPostgresSearchBackend


def SearchBackend(params):
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_classes()(params)
    if connection.vendor == "postgresql" and type(backend).__name__ == "PostgresSearchBackend":
        return _postgres_classes()(params)
    return backend
