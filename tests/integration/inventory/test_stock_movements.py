from datetime import date

import pytest

from inventory.exceptions import InsufficientStock, StockError
from inventory.models import Location, StockBalance, StockMovement
from inventory.services import (
    count_variance_post,
    counter_sale_post,
    customer_return_post,
    movement_reverse,
    reservation_confirm,
    reservation_create,
    return_to_producer_post,
    stock_adjust,
    stock_dispatch,
    stock_put_away,
    stock_reconcile,
    stock_transfer,
    stock_write_off,
)
from tests.factories.catalog import StockRecord
from tests.factories.inventory import BinFactory, LotFactory, location, stock_receive

pytestmark = pytest.mark.django_db


def _on_hand(product, code, lot):
    balance = StockBalance.objects.filter(product=product, location__code=code, lot=lot).first()
    return balance.on_hand if balance else 0


def _record(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def test_put_away_moves_units_from_receiving_to_a_shelf_with_one_ledger_row(product, receiving_bin, shelf_a1, clerk):
    lot = stock_receive(product=product, quantity=5, to_bin=None)
    before = StockMovement.objects.count()

    movement = stock_put_away(
        product=product, lot=lot, quantity=3, from_location=receiving_bin, to_location=shelf_a1, user=clerk
    )

    assert StockMovement.objects.count() == before + 1
    assert (movement.kind, movement.from_location, movement.to_location) == ("put_away", receiving_bin, shelf_a1)
    assert (_on_hand(product, "SKP-RCV-01", lot), _on_hand(product, "SKP-A-01", lot)) == (2, 3)
    assert _record(product) == (5, 0)


def test_moving_more_than_is_available_names_the_product_and_writes_nothing(product, shelf_a1, shelf_a2):
    lot = stock_receive(product=product, quantity=4)
    before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock) as caught:
        stock_transfer(product=product, lot=lot, quantity=5, from_location=shelf_a1, to_location=shelf_a2)

    (line,) = caught.value.lines
    assert (line.product, line.requested, line.available, line.location_id) == (product, 5, 4, shelf_a1.pk)
    assert "Silk brocade: 5 requested, 4 available" in str(caught.value)
    assert StockMovement.objects.count() == before
    assert not StockBalance.objects.filter(location=shelf_a2).exists()


def test_reserved_units_cannot_be_moved_away(product, shelf_a1, shelf_a2):
    lot = stock_receive(product=product, quantity=3)
    reservation_create(reference="basket:1", lines=[(product.pk, 2)])

    with pytest.raises(InsufficientStock):
        stock_transfer(product=product, lot=lot, quantity=2, from_location=shelf_a1, to_location=shelf_a2)

    stock_transfer(product=product, lot=lot, quantity=1, from_location=shelf_a1, to_location=shelf_a2)
    assert _on_hand(product, "SKP-A-02", lot) == 1


@pytest.mark.parametrize("quantity", [0, -1])
def test_transfers_of_zero_or_negative_units_are_refused(product, shelf_a1, shelf_a2, quantity):
    lot = stock_receive(product=product, quantity=3)
    before = StockMovement.objects.count()

    with pytest.raises(StockError, match="Quantity"):
        stock_transfer(product=product, lot=lot, quantity=quantity, from_location=shelf_a1, to_location=shelf_a2)

    assert StockMovement.objects.count() == before


def test_stock_cannot_be_moved_into_an_inactive_bin_or_a_bin_of_an_inactive_zone(product, shelf_a1):
    lot = stock_receive(product=product, quantity=3)
    retired = BinFactory(is_active=False)
    closed_zone_bin = BinFactory()
    closed_zone_bin.parent.is_active = False
    closed_zone_bin.parent.save()
    before = StockMovement.objects.count()

    for target in (retired, closed_zone_bin):
        with pytest.raises(StockError, match="inactive"):
            stock_transfer(product=product, lot=lot, quantity=1, from_location=shelf_a1, to_location=target)

    assert StockMovement.objects.count() == before


def test_stock_can_be_moved_out_of_a_bin_that_was_switched_off(product, shelf_a1, shelf_a2):
    lot = stock_receive(product=product, quantity=3)
    shelf_a1.is_active = False
    shelf_a1.save()

    stock_transfer(product=product, lot=lot, quantity=3, from_location=shelf_a1, to_location=shelf_a2)

    assert _on_hand(product, "SKP-A-02", lot) == 3


def test_stock_is_kept_in_zones_and_bins_not_on_the_center_itself(product, center, shelf_a1):
    lot = stock_receive(product=product, quantity=3)

    with pytest.raises(StockError, match="zones and bins"):
        stock_transfer(product=product, lot=lot, quantity=1, from_location=shelf_a1, to_location=center)


def test_unknown_locations_and_lots_of_another_product_are_refused(product, other_product, shelf_a1, shelf_a2):
    lot = stock_receive(product=product, quantity=3)
    foreign_lot = LotFactory(product=other_product)

    with pytest.raises(StockError, match="Unknown location"):
        stock_transfer(product=product, lot=lot, quantity=1, from_location=shelf_a1, to_location=Location(code="X"))
    with pytest.raises(StockError, match="not a lot of"):
        stock_transfer(product=product, lot=foreign_lot, quantity=1, from_location=shelf_a1, to_location=shelf_a2)
    with pytest.raises(StockError, match="Unknown lot"):
        stock_transfer(product=product, lot=None, quantity=1, from_location=shelf_a1, to_location=shelf_a2)
    with pytest.raises(StockError, match="same location"):
        stock_transfer(product=product, lot=lot, quantity=1, from_location=shelf_a1, to_location=shelf_a1)


def test_a_write_off_needs_a_reason_and_takes_units_out_of_stock(product, shelf_a1, clerk):
    lot = stock_receive(product=product, quantity=3)

    with pytest.raises(StockError, match="reason is required"):
        stock_write_off(product=product, lot=lot, quantity=1, from_location=shelf_a1, user=clerk, reason="  ")
    movement = stock_write_off(
        product=product, lot=lot, quantity=1, from_location=shelf_a1, user=clerk, reason="water damage"
    )

    assert (movement.kind, movement.reason) == ("write_off", "water damage")
    assert _record(product) == (2, 0)


def test_an_adjustment_adds_found_units_and_removes_missing_ones(product, shelf_a1):
    lot = stock_receive(product=product, quantity=3)

    stock_adjust(product=product, lot=lot, location=shelf_a1, quantity_change=2, reason="found behind shelf")
    stock_adjust(product=product, lot=lot, location=shelf_a1, quantity_change=-4, reason="missing")

    assert _on_hand(product, "SKP-A-01", lot) == 1
    with pytest.raises(StockError, match="non-zero"):
        stock_adjust(product=product, lot=lot, location=shelf_a1, quantity_change=0, reason="nothing")
    with pytest.raises(InsufficientStock):
        stock_adjust(product=product, lot=lot, location=shelf_a1, quantity_change=-2, reason="missing")


def test_a_count_posts_the_variance_and_the_same_count_posted_again_changes_nothing(product, shelf_a1, clerk):
    lot = stock_receive(product=product, quantity=10)

    first = count_variance_post(product=product, lot=lot, location=shelf_a1, counted=7, user=clerk, reference="count:1")
    again = count_variance_post(product=product, lot=lot, location=shelf_a1, counted=7, user=clerk, reference="count:1")

    assert (first.kind, first.quantity, first.from_location) == ("count_variance", 3, shelf_a1)
    assert again is None
    assert _on_hand(product, "SKP-A-01", lot) == 7
    surplus = count_variance_post(product=product, lot=lot, location=shelf_a1, counted=9)
    assert (surplus.quantity, surplus.to_location) == (2, shelf_a1)


def test_a_count_taken_before_stock_moved_is_refused(product, shelf_a1, shelf_a2):
    lot = stock_receive(product=product, quantity=10)
    sheet_shows = 10
    stock_transfer(product=product, lot=lot, quantity=2, from_location=shelf_a1, to_location=shelf_a2)
    before = StockMovement.objects.count()

    with pytest.raises(StockError, match="changed since the count sheet"):
        count_variance_post(product=product, lot=lot, location=shelf_a1, counted=10, expected_on_hand=sheet_shows)

    assert StockMovement.objects.count() == before


def test_reserved_units_cannot_be_counted_away(product, shelf_a1):
    lot = stock_receive(product=product, quantity=5)
    reservation_create(reference="order:9", lines=[(product.pk, 4)])

    with pytest.raises(StockError, match="reserved"):
        count_variance_post(product=product, lot=lot, location=shelf_a1, counted=3)


def test_a_counter_sale_takes_the_earliest_expiring_lot_first(product, shelf_a1, shelf_a2):
    late = stock_receive(product=product, quantity=5, lot_code="LATE", best_before=date(2027, 1, 1))
    early = stock_receive(
        product=product, quantity=2, lot_code="EARLY", best_before=date(2026, 6, 1), to_bin="SKP-A-02"
    )

    movements = counter_sale_post(reference="counter_sale:CS-1", lines=[(product.pk, 3)])

    assert [(m.lot.code, m.quantity) for m in movements] == [("EARLY", 2), ("LATE", 1)]
    assert (_on_hand(product, "SKP-A-02", early), _on_hand(product, "SKP-A-01", late)) == (0, 4)
    assert _record(product) == (4, 0)


def test_a_counter_sale_cannot_take_units_reserved_by_online_buyers(product, other_product):
    stock_receive(product=product, quantity=2)
    stock_receive(product=other_product, quantity=5)
    reservation_create(reference="order:1", lines=[(product.pk, 2)])
    before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock) as caught:
        counter_sale_post(reference="counter_sale:CS-2", lines=[(other_product.pk, 1), (product.pk, 1)])

    assert [(line.product_id, line.requested, line.available) for line in caught.value.lines] == [(product.pk, 1, 0)]
    assert StockMovement.objects.count() == before


def test_a_counter_sale_submitted_twice_is_posted_once(product):
    stock_receive(product=product, quantity=5)
    counter_sale_post(reference="counter_sale:CS-3", lines=[(product.pk, 1)])

    with pytest.raises(StockError, match="already posted"):
        counter_sale_post(reference="counter_sale:CS-3", lines=[(product.pk, 1)])

    assert _record(product) == (4, 0)


def test_customer_returns_are_limited_to_what_was_sold_under_the_reference(product, shelf_a1, quarantine_bin):
    lot = stock_receive(product=product, quantity=5)
    reservation_create(reference="order:77", lines=[(product.pk, 2)])
    reservation_confirm(reference="order:77")
    stock_dispatch(reference="order:77")

    customer_return_post(product=product, lot=lot, quantity=1, to_location=shelf_a1, reference="order:77")
    customer_return_post(
        product=product, lot=lot, quantity=1, to_location=quarantine_bin, reference="order:77", reason="torn"
    )
    with pytest.raises(StockError, match="can still be returned"):
        customer_return_post(product=product, lot=lot, quantity=1, to_location=shelf_a1, reference="order:77")

    assert _on_hand(product, "SKP-A-01", lot) == 4
    assert _on_hand(product, "SKP-QTN-01", lot) == 1
    assert _record(product) == (4, 0)


def test_returning_goods_to_the_producer_takes_them_out_of_stock(product, shelf_a1):
    lot = stock_receive(product=product, quantity=5)

    movement = return_to_producer_post(
        product=product, lot=lot, quantity=5, from_location=shelf_a1, reason="end of season", reference="rtp:1"
    )

    assert (movement.kind, movement.owner, movement.reference) == ("return_to_producer", product.producer, "rtp:1")
    assert _record(product) == (0, 0)


def test_a_mistaken_transfer_is_corrected_by_a_reversing_movement_once(product, shelf_a1, shelf_a2, clerk):
    lot = stock_receive(product=product, quantity=5)
    wrong = stock_transfer(product=product, lot=lot, quantity=2, from_location=shelf_a1, to_location=shelf_a2)

    reversal = movement_reverse(movement=wrong, user=clerk, reason="wrong bin scanned")

    assert (reversal.kind, reversal.from_location, reversal.to_location, reversal.reverses) == (
        "transfer",
        shelf_a2,
        shelf_a1,
        wrong,
    )
    assert _on_hand(product, "SKP-A-01", lot) == 5
    wrong.refresh_from_db()
    assert (wrong.from_location, wrong.quantity) == (shelf_a1, 2)  # the original row is untouched
    with pytest.raises(StockError, match="already reversed"):
        movement_reverse(movement=wrong, user=clerk, reason="again")
    with pytest.raises(StockError, match="cannot be reversed"):
        movement_reverse(movement=reversal, user=clerk, reason="undo the undo")


def test_a_receipt_whose_units_were_sold_cannot_be_reversed(product):
    stock_receive(product=product, quantity=2, to_bin=None)
    receipt_movement = StockMovement.objects.get(kind="receipt")
    counter_sale_post(reference="counter_sale:CS-9", lines=[(product.pk, 1)])

    with pytest.raises(InsufficientStock):
        movement_reverse(movement=receipt_movement, reason="delivered to the wrong center")


def test_reservations_and_dispatches_are_not_reversed_directly(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="order:5", lines=[(product.pk, 1)])

    with pytest.raises(StockError, match="corrected through its reservation"):
        movement_reverse(movement=StockMovement.objects.get(kind="reservation"), reason="oops")


def test_every_movement_leaves_balances_and_stock_records_equal_to_the_ledger(product, other_product, shelf_a2):
    lot = stock_receive(product=product, quantity=10, best_before=date(2026, 8, 1))
    stock_receive(product=other_product, quantity=3, damaged=True)
    stock_transfer(product=product, lot=lot, quantity=4, from_location=location("SKP-A-01"), to_location=shelf_a2)
    reservation_create(reference="order:1", lines=[(product.pk, 3)])
    counter_sale_post(reference="counter_sale:1", lines=[(product.pk, 2)])

    assert stock_reconcile() == []
    assert _record(product) == (8, 3)
    assert _record(other_product) == (0, 0)


def test_a_new_bin_takes_its_zones_role_so_quarantine_stays_unsellable(quarantine_bin):
    from inventory.services import location_create

    zone = quarantine_bin.parent
    new_bin = location_create(parent=zone, code="skp-qtn-02", name_th="ช่องกัก 02")

    assert (new_bin.code, new_bin.kind, new_bin.role) == ("SKP-QTN-02", "bin", "quarantine")
    with pytest.raises(StockError, match="zone's role"):
        location_create(parent=zone, code="SKP-QTN-03", name_th="ช่อง", role="storage")
    with pytest.raises(StockError, match="already used"):
        location_create(parent=zone, code="SKP-QTN-02", name_th="ซ้ำ")
    with pytest.raises(StockError, match="cannot hold"):
        location_create(parent=new_bin, code="SKP-QTN-02-A", name_th="ย่อย")


# --- Issue 19, point 11: a zone's code is not a bin to put goods away into


@pytest.mark.parametrize("code", ["SKP-A", "SKP"])
def test_putting_away_onto_a_zone_or_the_center_is_refused_as_an_unknown_bin(product, receiving_bin, code):
    lot = stock_receive(product=product, quantity=4, to_bin=None)
    before = (StockMovement.objects.count(), sorted(StockBalance.objects.values_list("location__code", "on_hand")))

    with pytest.raises(StockError) as caught:
        stock_put_away(product=product, lot=lot, quantity=4, from_location=receiving_bin, to_location=location(code))

    assert caught.value.code == "unknown_bin" and code in str(caught.value)
    assert (
        StockMovement.objects.count(),
        sorted(StockBalance.objects.values_list("location__code", "on_hand")),
    ) == before
