"""Count-sheet services (states, approval, double posting) and the bulk
transfer path (one ledger row per line, all or nothing)."""

import pytest

from inventory.exceptions import InsufficientStock, StockError
from inventory.models import CountSheet, StockBalance, StockMovement
from inventory.services import (
    MoveLine,
    count_sheet_approve,
    count_sheet_open,
    count_sheet_submit,
    stock_reconcile,
    stock_transfer_bulk,
)
from shop.common.roles import CENTER_MANAGER, CENTER_STAFF, roles_sync
from tests.factories.catalog import UserFactory
from tests.factories.inventory import stock_receive


@pytest.fixture
def staff(db):
    from django.contrib.auth.models import Group

    roles_sync()
    user = UserFactory(username="counter", is_staff=True)
    user.groups.add(Group.objects.get(name=CENTER_STAFF))
    return user


@pytest.fixture
def manager(db):
    from django.contrib.auth.models import Group

    roles_sync()
    user = UserFactory(username="boss", is_staff=True)
    user.groups.add(Group.objects.get(name=CENTER_MANAGER))
    return user


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.INVENTORY_COUNT_APPROVAL_THRESHOLD = {"units": 5, "value": None}


def test_a_count_sheet_goes_open_submitted_posted_and_cannot_be_posted_twice(product, shelf_a1, staff, manager):
    stock_receive(product=product, quantity=30, to_bin="SKP-A-01")
    sheet = count_sheet_open(location=shelf_a1, blind=True, user=staff)
    line = sheet.lines.get()

    count_sheet_submit(sheet=sheet, counted={line.pk: 20}, user=staff)
    assert sheet.status == CountSheet.Status.SUBMITTED
    with pytest.raises(StockError) as refused:
        count_sheet_approve(sheet=sheet, user=staff)
    assert refused.value.code == "needs_manager"

    assert count_sheet_approve(sheet=sheet, user=manager) == 1
    with pytest.raises(StockError) as twice:
        count_sheet_approve(sheet=sheet, user=manager)
    assert twice.value.code == "count_already_posted"
    with pytest.raises(StockError):
        count_sheet_submit(sheet=CountSheet.objects.get(pk=sheet.pk), counted={line.pk: 20}, user=manager)
    assert StockMovement.objects.filter(kind="count_variance").count() == 1
    assert StockBalance.objects.get(location=shelf_a1).on_hand == 20
    assert stock_reconcile() == []


def test_a_managers_own_submission_is_its_approval(product, shelf_a1, manager):
    stock_receive(product=product, quantity=30, to_bin="SKP-A-01")
    sheet = count_sheet_open(location=shelf_a1, user=manager)
    count_sheet_submit(sheet=sheet, counted={sheet.lines.get().pk: 0}, user=manager)
    assert (sheet.status, sheet.approved_by) == (CountSheet.Status.POSTED, manager)


def test_lines_of_another_sheet_and_negative_counts_are_refused(product, shelf_a1, shelf_a2, staff):
    stock_receive(product=product, quantity=3, to_bin="SKP-A-01")
    stock_receive(product=product, quantity=3, to_bin="SKP-A-02")
    mine = count_sheet_open(location=shelf_a1, user=staff)
    other = count_sheet_open(location=shelf_a2, user=staff)
    with pytest.raises(StockError):
        count_sheet_submit(sheet=mine, counted={other.lines.get().pk: 3}, user=staff)
    with pytest.raises(StockError):
        count_sheet_submit(sheet=mine, counted={mine.lines.get().pk: -1}, user=staff)
    with pytest.raises(StockError):
        count_sheet_submit(sheet=mine, counted={mine.lines.get().pk: None}, user=staff)
    assert CountSheet.objects.get(pk=mine.pk).status == CountSheet.Status.OPEN


def test_a_bulk_transfer_writes_one_ledger_row_per_line_and_keeps_the_caches_equal(
    product, other_product, receiving_bin, shelf_a1, shelf_a2
):
    lot_a = stock_receive(product=product, quantity=10, to_bin=None)
    lot_b = stock_receive(product=other_product, quantity=6, to_bin=None)

    moves = stock_transfer_bulk(
        lines=[
            MoveLine(product=product, lot=lot_a, quantity=4, from_location=receiving_bin, to_location=shelf_a1),
            MoveLine(product=product, lot=lot_a, quantity=6, from_location=receiving_bin, to_location=shelf_a2),
            MoveLine(product=other_product, lot=lot_b, quantity=6, from_location=receiving_bin, to_location=shelf_a1),
        ],
        kind=StockMovement.Kind.PUT_AWAY,
    )

    assert [m.quantity for m in moves] == [4, 6, 6]
    assert StockMovement.objects.filter(kind="put_away").count() == 3
    assert stock_reconcile() == []
    assert product.stockrecords.get().num_in_stock == 10


def test_a_bulk_transfer_with_one_short_line_writes_nothing(product, other_product, receiving_bin, shelf_a1):
    lot_a = stock_receive(product=product, quantity=10, to_bin=None)
    lot_b = stock_receive(product=other_product, quantity=1, to_bin=None)
    before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock):
        stock_transfer_bulk(
            lines=[
                MoveLine(product=product, lot=lot_a, quantity=10, from_location=receiving_bin, to_location=shelf_a1),
                MoveLine(
                    product=other_product, lot=lot_b, quantity=2, from_location=receiving_bin, to_location=shelf_a1
                ),
            ]
        )
    with pytest.raises(StockError):
        stock_transfer_bulk(lines=[])
    with pytest.raises(StockError):
        stock_transfer_bulk(
            lines=[MoveLine(product=product, lot=lot_a, quantity=0, from_location=receiving_bin, to_location=shelf_a1)]
        )

    assert StockMovement.objects.count() == before
    assert stock_reconcile() == []
