"""Two workers running ``inventory.tasks.stock_records_saved`` for the same
stock record at once must leave one open low-stock alert (Oscar's
StockAlert), not two: with two, Oscar's ``StockAlert.objects.get(...)``
raises MultipleObjectsReturned on every later save of that record.

Real threads, real PostgreSQL connections, committed for real. The race is
forced: each worker waits for the other just before it decides whether the
record is below its threshold, which is after Oscar's receiver looked for an
open alert and before it creates one. A worker that cannot reach the other
(because the other holds the record's row lock) gives up waiting after two
seconds and goes on.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from oscar.core.loading import get_model

from inventory.tasks import stock_records_saved
from tests.factories.catalog import StockRecordFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

StockAlert = get_model("partner", "StockAlert")
StockRecord = get_model("partner", "StockRecord")


def _run(record_id) -> str:
    try:
        stock_records_saved([record_id])
        return "ok"
    except Exception as exc:
        return f"error: {exc!r}"
    finally:
        connection.close()


@pytest.fixture
def workers_meet_before_deciding(monkeypatch):
    barrier = threading.Barrier(2, timeout=2)
    real = StockRecord.is_below_threshold

    def meeting(self):
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass  # the other worker is waiting for the row lock: go on alone
        return real.fget(self)

    monkeypatch.setattr(StockRecord, "is_below_threshold", property(meeting))


def test_two_workers_saving_the_same_low_record_at_once_open_one_stock_alert(workers_meet_before_deciding):
    record = StockRecordFactory(num_in_stock=1, low_stock_threshold=5)

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(_run, [record.pk, record.pk]))

    assert outcomes == ["ok", "ok"]
    assert StockAlert.objects.filter(stockrecord=record, status=StockAlert.OPEN).count() == 1


def test_after_a_race_the_record_alerts_still_work(workers_meet_before_deciding):
    record = StockRecordFactory(num_in_stock=1, low_stock_threshold=5)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(_run, [record.pk, record.pk]))
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=20)

    outcome = _run(record.pk)

    assert outcome == "ok"
    assert not StockAlert.objects.filter(stockrecord=record, status=StockAlert.OPEN).exists()
