"""catalog.search.backends: the ranked ids the search page uses are exactly
Wagtail's own ranked results, read from the index table alone (on
PostgreSQL Wagtail's query joins the products through a cast no index
serves; on SQLite its rank runs the match again per row)."""

import pytest
from django.db import connection
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend

from catalog.search import engine

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")

QUERIES = ["ไหม", "ผ้าไหม", "ผ้า ย้อม คราม", "ร่ม บ่อสร้าง", "silk", "scarves", "coffee", "丝绸", "Hang Dong"]


@pytest.mark.parametrize("text", QUERIES)
def test_ranked_ids_equal_wagtails_own_ranked_search(search_corpus, text):
    backend = get_search_backend()
    query = engine.engine_query(engine.parse(text))

    ranked = backend.ranked_pks(query, Product, limit=1000)
    wagtails = [p.pk for p in backend.search(query, Product.objects.only("pk"))[:1000]]

    assert ranked, f"{text!r} matches nothing in the corpus"
    assert ranked == wagtails


@pytest.mark.parametrize("typed", ["ผ้าไห", "si", "silk", "丝", "Hang"])
def test_autocomplete_ids_equal_wagtails_own_autocomplete(search_corpus, typed):
    backend = get_search_backend()
    query = engine.autocomplete_query(typed)

    for model in (Product, Producer):
        ranked = backend.ranked_pks(query, model, autocomplete=True, limit=18)
        wagtails = [obj.pk for obj in backend.autocomplete(query, model.objects.only("pk"))[:18]]
        assert ranked == wagtails


def test_postgresql_has_the_index_that_serves_the_match():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (set DATABASE_URL=postgres://...): SQLite matches in its FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_search_entry_title_body_gin'")
        row = cursor.fetchone()
    assert row is not None
    assert "gin" in row[0] and "(title || body)" in row[0]
