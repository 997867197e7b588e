"""PostgreSQL only: a GIN index on ``title || body`` of the search entries.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``; its own
GIN indexes are on ``title`` and on ``body`` separately, which that
expression cannot use, so every search scanned all the entries (issue #7:
75 ms at 10,000 products for a query matching nothing). The expression must
stay exactly the one the backend writes (catalog.search.backends) for the
planner to use the index. SQLite has its FTS5 table instead.
"""

from django.db import migrations

INDEX = "catalog_search_entry_title_body_gin"


def _entry_table(apps) -> str:
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _entry_table(apps)
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (("title" || "body"))')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_sqlite_thai_tokenizer"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
