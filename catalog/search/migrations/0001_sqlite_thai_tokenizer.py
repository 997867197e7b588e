"""SQLite only: let FTS5 keep Thai vowel and tone marks inside words.

Wagtail's FTS5 table uses the default ``unicode61`` tokenizer, which treats
combining marks (Unicode category M: ั ิ ่ ้ ...) as separators: ผ้า would be
stored as ผ + า and match ผ่า. We recreate the table with the same columns and
``categories 'L* N* Co M*'`` and copy the entries back (Wagtail's triggers
on the entry table name the FTS table, so they keep working). PostgreSQL's
parser keeps marks in words already; nothing to do there.
"""

from django.db import migrations


def _tables(apps):
    entry_table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return entry_table, f"{entry_table}_fts"


def _fts_exists(schema_editor, fts_table: str) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [fts_table])
        return cursor.fetchone() is not None


def _recreate(apps, schema_editor, tokenize: str | None) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    entry_table, fts_table = _tables(apps)
    if not _fts_exists(schema_editor, fts_table):
        return  # SQLite without FTS5: Wagtail falls back to plain LIKE queries
    options = f", tokenize = \"{tokenize}\"" if tokenize else ""
    schema_editor.execute(f"DROP TABLE {fts_table}")
    schema_editor.execute(f"CREATE VIRTUAL TABLE {fts_table} USING fts5(autocomplete, body, title{options})")
    schema_editor.execute(
        f"INSERT INTO {fts_table} (rowid, title, body, autocomplete) "  # noqa: S608  (table names, no input)
        f"SELECT id, title, body, autocomplete FROM {entry_table}"
    )


def forwards(apps, schema_editor):
    _recreate(apps, schema_editor, "unicode61 categories 'L* N* Co M*'")


def backwards(apps, schema_editor):
    _recreate(apps, schema_editor, None)


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
