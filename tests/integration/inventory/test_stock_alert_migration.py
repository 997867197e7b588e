"""partner 0008 closes the duplicate open stock alerts that racing workers
left behind (#16) before it adds the one-open-alert constraint, so the
migration applies on a database that has them and those records work again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories.catalog import StockRecordFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("partner", "0007_partneraddress_code")]
AFTER = [("partner", "0008_stockalert_one_open")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_the_migration_keeps_the_newest_open_alert_of_each_record_and_closes_the_others():
    record = StockRecordFactory(num_in_stock=1, low_stock_threshold=5)
    other = StockRecordFactory(num_in_stock=1, low_stock_threshold=5)
    old_apps = _migrate(BEFORE)
    OldStockAlert = old_apps.get_model("partner", "StockAlert")
    first = OldStockAlert.objects.create(stockrecord_id=record.pk, threshold=5)
    second = OldStockAlert.objects.create(stockrecord_id=record.pk, threshold=5)
    alone = OldStockAlert.objects.create(stockrecord_id=other.pk, threshold=5)

    new_apps = _migrate(AFTER)

    StockAlert = new_apps.get_model("partner", "StockAlert")
    statuses = dict(StockAlert.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "Closed", second.pk: "Open", alone.pk: "Open"}
    assert StockAlert.objects.get(pk=first.pk).date_closed is not None


@pytest.mark.postgres
def test_the_clean_up_locks_out_writers_of_stock_alerts_until_the_constraint_is_on():
    # Old workers keep writing during a deploy: one inserting a second open
    # alert between the clean-up and CREATE UNIQUE INDEX failed the migration.
    import importlib

    from django.apps import apps
    from django.db import transaction

    migration = importlib.import_module("shop.partner.migrations.0008_stockalert_one_open")
    with transaction.atomic(), connection.schema_editor(atomic=False) as editor:
        migration.close_duplicate_open_alerts(apps, editor)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT mode FROM pg_locks WHERE relation = 'partner_stockalert'::regclass AND pid = pg_backend_pid()"
            )
            modes = {row[0] for row in cursor.fetchall()}

    assert "ShareRowExclusiveLock" in modes
