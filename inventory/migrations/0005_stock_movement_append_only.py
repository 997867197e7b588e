"""The stock ledger is append-only: the database itself refuses to change it.

PostgreSQL: a trigger raises on UPDATE and DELETE of any row (TRUNCATE is
left alone: Django's test runner empties tables with it between
transactional tests).

SQLite: a trigger raises on UPDATE. DELETE stays possible because Django's
test runner and `flush` empty SQLite tables with DELETE; production runs on
PostgreSQL. Note that SQLite drops triggers when Django rebuilds a table
(any AlterField on StockMovement): a later migration that alters the table
must run the SQLite statement below again.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION inventory_stockmovement_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'inventory_stockmovement is append-only: % refused; post a reversing movement instead', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS inventory_stockmovement_append_only ON inventory_stockmovement;
CREATE TRIGGER inventory_stockmovement_append_only
    BEFORE UPDATE OR DELETE ON inventory_stockmovement
    FOR EACH ROW EXECUTE FUNCTION inventory_stockmovement_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS inventory_stockmovement_append_only ON inventory_stockmovement;
DROP FUNCTION IF EXISTS inventory_stockmovement_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER IF NOT EXISTS inventory_stockmovement_no_update
BEFORE UPDATE ON inventory_stockmovement
BEGIN
    SELECT RAISE(ABORT, 'inventory_stockmovement is append-only: UPDATE refused; post a reversing movement instead');
END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS inventory_stockmovement_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("inventory", "0004_san_kamphaeng_layout")]
    operations = [migrations.RunPython(forward, backward)]
