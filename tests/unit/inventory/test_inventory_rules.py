"""Rules of the inventory that need no database."""

import pickle
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from inventory.exceptions import InsufficientStock, InsufficientStockLine, StockError
from inventory.models import Location, Lot, StockBalance
from inventory.services import StockDifference
from inventory.services.ledger import fefo_key, quantity_check, reason_check, reference_split
from shop.partner.models import StockRecord


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_insufficient_stock_names_every_short_line_with_what_is_left():
    error = InsufficientStock(
        [
            InsufficientStockLine(product_id=1, requested=3, available=1),
            InsufficientStockLine(product_id=2, requested=2, available=0),
        ]
    )

    assert str(error) == "Not enough stock. #1: 3 requested, 1 available; #2: 2 requested, 0 available"
    assert [line.product_id for line in error.lines] == [1, 2]


def test_stock_errors_are_validation_errors_a_form_can_show():
    error = InsufficientStock([InsufficientStockLine(product_id=1, requested=1, available=0)])

    assert isinstance(error, StockError) and isinstance(error, ValidationError)
    assert error.code == "insufficient_stock"
    assert error.messages == [str(error)]


def test_insufficient_stock_survives_pickling_with_its_lines():
    error = InsufficientStock([InsufficientStockLine(product_id=7, requested=2, available=1)])

    copy = pickle.loads(pickle.dumps(error))

    assert copy.lines == error.lines and str(copy) == str(error)


@pytest.mark.parametrize("quantity", [1, 5, 10_000])
def test_positive_whole_quantities_are_accepted(quantity):
    assert quantity_check(quantity) == quantity


@pytest.mark.parametrize("quantity", [0, -1, 1.0, "3", None, True])
def test_anything_but_a_positive_whole_number_is_refused(quantity):
    with pytest.raises(StockError) as caught:
        quantity_check(quantity)

    assert caught.value.code == "bad_quantity"


def test_a_count_may_be_zero_but_not_negative():
    assert quantity_check(0, allow_zero=True) == 0
    with pytest.raises(StockError, match="cannot be negative"):
        quantity_check(-1, allow_zero=True)


@pytest.mark.parametrize(
    "reference, parts",
    [("order:100042", ("order", "100042")), ("counter_sale: CS-7 ", ("counter_sale", "CS-7")), ("a:b:c", ("a", "b:c"))],
)
def test_a_reference_is_split_into_document_type_and_id(reference, parts):
    assert reference_split(reference) == parts


@pytest.mark.parametrize("reference", ["100042", "order:", ":1", "", None, "x" * 40 + ":1"])
def test_a_reference_without_type_or_id_is_refused(reference):
    with pytest.raises(StockError) as caught:
        reference_split(reference)

    assert caught.value.code == "bad_reference"


def test_a_reason_is_trimmed_and_required_only_when_asked():
    assert reason_check("  torn  ", required=True) == "torn"
    assert reason_check("", required=False) == ""
    with pytest.raises(StockError, match="reason is required"):
        reason_check("   ", required=True)
    with pytest.raises(StockError, match="too long"):
        reason_check("x" * 256, required=False)


def _balance(*, code, best_before=None, received=1, lot_pk=1, bin_code="SKP-A-01"):
    received_at = datetime(2025, 1, received, tzinfo=UTC)
    lot = Lot(pk=lot_pk, code=code, best_before=best_before, received_at=received_at)
    return StockBalance(lot=lot, location=Location(code=bin_code))


def test_first_expiry_first_out_then_undated_lots_oldest_first():
    balances = [
        _balance(code="undated-new", received=9, lot_pk=4),
        _balance(code="june", best_before=date(2026, 6, 1), lot_pk=2),
        _balance(code="undated-old", received=2, lot_pk=3),
        _balance(code="march", best_before=date(2026, 3, 1), lot_pk=1),
    ]

    ordered = sorted(balances, key=fefo_key)

    assert [b.lot.code for b in ordered] == ["march", "june", "undated-old", "undated-new"]


def test_quarantine_is_the_only_role_whose_stock_is_not_for_sale():
    assert Location(role=Location.Role.STORAGE).is_sellable
    assert Location(role=Location.Role.RECEIVING).is_sellable
    assert not Location(role=Location.Role.QUARANTINE).is_sellable


def test_a_stock_balance_knows_what_is_available():
    assert StockBalance(on_hand=7, reserved=3).available == 4


@pytest.mark.parametrize("method", ["allocate", "consume_allocation", "cancel_allocation"])
def test_oscars_stock_record_counters_point_to_the_inventory_services(method):
    with pytest.raises(NotImplementedError, match="inventory.services"):
        getattr(StockRecord(), method)(1)


def test_a_difference_reads_as_a_sentence():
    difference = StockDifference(
        what="balance", product_id=3, location_id=5, lot_id=8, field="on_hand", cached=9, ledger=5
    )

    assert str(difference) == "balance product=3 location=5 lot=8: on_hand cached 9, ledger 5"


def test_reservations_default_to_fifteen_minutes_and_both_sweeps_are_scheduled(settings):
    assert settings.INVENTORY_RESERVATION_MINUTES == 15
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"inventory.tasks.release_expired_reservations", "inventory.tasks.check_stock_ledger"} <= schedule


def test_the_tasks_the_services_send_by_name_are_registered_under_those_names():
    # Services name their tasks by string (they never import inventory.tasks):
    # a typo there would only show as a message no worker knows.
    import inventory.tasks  # noqa: F401  (registers the shared tasks)
    from inventory.services.receipts import NOTIFY_RECEIPT_POSTED_TASK
    from inventory.services.stock_records import STOCK_RECORDS_SAVED_TASK
    from shop.celery import app

    assert {NOTIFY_RECEIPT_POSTED_TASK, STOCK_RECORDS_SAVED_TASK} <= set(app.tasks)
