from datetime import date, timedelta

import pytest
from django.utils import timezone

from inventory.exceptions import InsufficientStock, StockError
from inventory.models import Reservation, StockBalance, StockMovement
from inventory.services import (
    reservation_confirm,
    reservation_create,
    reservation_release,
    reservations_expire,
    stock_dispatch,
    stock_reconcile,
)
from inventory.tasks import release_expired_reservations
from tests.factories.catalog import StockRecord
from tests.factories.inventory import stock_receive

pytestmark = pytest.mark.django_db


def _record(product):
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def _statuses(reference):
    return sorted(Reservation.objects.filter(reference=reference).values_list("status", flat=True))


def test_a_reservation_holds_units_without_taking_them_off_the_shelf(product):
    stock_receive(product=product, quantity=5)

    (reservation,) = reservation_create(reference="order:100001", lines=[(product.pk, 2)])

    assert (reservation.status, reservation.quantity, reservation.location.code) == ("active", 2, "SKP-A-01")
    balance = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    assert (balance.on_hand, balance.reserved) == (5, 2)
    assert _record(product) == (5, 2)
    movement = StockMovement.objects.get(kind="reservation")
    assert (movement.reference_type, movement.reference_id, movement.from_location.code) == (
        "order",
        "100001",
        "SKP-A-01",
    )


def test_a_reservation_expires_after_the_configured_minutes_by_default(product, settings):
    settings.INVENTORY_RESERVATION_MINUTES = 15
    stock_receive(product=product, quantity=1)
    now = timezone.now()

    (reservation,) = reservation_create(reference="basket:1", lines=[(product.pk, 1)], now=now)

    assert reservation.expires_at == now + timedelta(minutes=15)


def test_a_basket_is_reserved_whole_or_not_at_all_and_the_error_names_every_short_line(product, other_product):
    stock_receive(product=product, quantity=1)
    stock_receive(product=other_product, quantity=5)
    before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock) as caught:
        reservation_create(reference="basket:2", lines=[(other_product.pk, 5), (product.pk, 3)])

    assert [(line.product, line.requested, line.available) for line in caught.value.lines] == [(product, 3, 1)]
    assert "Silk brocade: 3 requested, 1 available" in str(caught.value)
    assert StockMovement.objects.count() == before
    assert not Reservation.objects.exists()
    assert _record(other_product) == (5, 0)


def test_reservations_take_the_lot_that_expires_first(product):
    stock_receive(product=product, quantity=3, lot_code="UNDATED", to_bin="SKP-A-01")
    stock_receive(product=product, quantity=3, lot_code="JUNE", best_before=date(2026, 6, 30), to_bin="SKP-A-02")
    stock_receive(product=product, quantity=3, lot_code="MARCH", best_before=date(2026, 3, 31), to_bin="SKP-A-03")

    rows = reservation_create(reference="order:3", lines=[(product.pk, 7)])

    assert [(r.lot.code, r.quantity) for r in rows] == [("MARCH", 3), ("JUNE", 3), ("UNDATED", 1)]


def test_quarantined_units_are_never_reserved(product):
    stock_receive(product=product, quantity=4, damaged=True)

    with pytest.raises(InsufficientStock):
        reservation_create(reference="order:4", lines=[(product.pk, 1)])


@pytest.mark.parametrize(
    "lines, message",
    [
        ([], "no lines"),
        ([(999999, 1)], "Unknown product"),
        ([("x", 1)], "Unknown product"),
        ([(None, 1)], "Unknown product"),
    ],
)
def test_bad_reservation_lines_are_refused(product, lines, message):
    with pytest.raises(StockError, match=message):
        reservation_create(reference="order:5", lines=lines)


@pytest.mark.parametrize("quantity", [0, -2])
def test_reserving_zero_or_negative_units_is_refused(product, quantity):
    stock_receive(product=product, quantity=3)

    with pytest.raises(StockError, match="more than zero"):
        reservation_create(reference="order:5", lines=[(product.pk, quantity)])


def test_a_reference_must_name_its_document(product):
    with pytest.raises(StockError, match="type:id"):
        reservation_create(reference="100042", lines=[(product.pk, 1)])


def test_reserving_again_for_the_same_basket_replaces_the_previous_hold(product):
    stock_receive(product=product, quantity=3)
    reservation_create(reference="basket:7", lines=[(product.pk, 2)])

    reservation_create(reference="basket:7", lines=[(product.pk, 3)])

    assert _statuses("basket:7") == ["active", "released"]
    assert _record(product) == (3, 3)
    assert stock_reconcile() == []


def test_a_replacement_that_cannot_be_served_keeps_the_previous_hold(product):
    stock_receive(product=product, quantity=3)
    reservation_create(reference="basket:8", lines=[(product.pk, 2)])

    with pytest.raises(InsufficientStock):
        reservation_create(reference="basket:8", lines=[(product.pk, 4)])

    assert _statuses("basket:8") == ["active"]
    assert _record(product) == (3, 2)


def test_the_sweep_releases_expired_reservations_only(product):
    stock_receive(product=product, quantity=10)
    now = timezone.now()
    reservation_create(reference="basket:old", lines=[(product.pk, 3)], now=now - timedelta(minutes=20))
    reservation_create(reference="basket:new", lines=[(product.pk, 2)], now=now - timedelta(minutes=5))
    reservation_create(reference="order:paid", lines=[(product.pk, 1)], now=now - timedelta(minutes=30))
    reservation_confirm(reference="order:paid")

    expired = reservations_expire(now=now)

    assert expired == 1
    assert _statuses("basket:old") == ["expired"]
    assert _statuses("basket:new") == ["active"]
    assert _statuses("order:paid") == ["confirmed"]
    assert _record(product) == (10, 3)
    release = StockMovement.objects.get(kind="release")
    assert (release.quantity, release.reference, release.reason) == (3, "basket:old", "reservation expired")
    assert reservations_expire(now=now) == 0  # safe to run twice


def test_the_beat_task_runs_the_sweep(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="basket:9", lines=[(product.pk, 2)], expires_in=timedelta(seconds=1))
    Reservation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert release_expired_reservations.delay().get() == 1
    assert _record(product) == (2, 0)


def test_confirming_an_active_reservation_marks_it_paid_and_is_safe_to_repeat(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="order:10", lines=[(product.pk, 2)])

    first = reservation_confirm(reference="order:10")
    second = reservation_confirm(reference="order:10")

    assert (first.outcome, second.outcome) == ("confirmed", "already_confirmed")
    assert _statuses("order:10") == ["confirmed"]
    assert _record(product) == (2, 2)


def test_a_payment_that_arrives_after_expiry_reserves_again_when_stock_is_still_there(product):
    stock_receive(product=product, quantity=5)
    now = timezone.now()
    reservation_create(reference="order:11", lines=[(product.pk, 2)], now=now - timedelta(minutes=16))
    reservations_expire(now=now)

    result = reservation_confirm(reference="order:11")

    assert (result.outcome, result.needs_refund) == ("re_reserved", False)
    assert _statuses("order:11") == ["confirmed", "expired"]
    assert _record(product) == (5, 2)
    assert stock_reconcile() == []


def test_a_payment_that_arrives_after_expiry_is_flagged_for_refund_when_the_stock_was_sold(product):
    stock_receive(product=product, quantity=1)
    now = timezone.now()
    reservation_create(reference="order:12", lines=[(product.pk, 1)], now=now - timedelta(minutes=16))
    reservations_expire(now=now)
    reservation_create(reference="order:13", lines=[(product.pk, 1)])
    before = StockMovement.objects.count()

    result = reservation_confirm(reference="order:12")

    assert result.needs_refund
    assert [(line.product, line.requested, line.available) for line in result.shortages] == [(product, 1, 0)]
    assert StockMovement.objects.count() == before
    assert _statuses("order:12") == ["expired"]


def test_an_active_reservation_past_its_expiry_but_not_yet_swept_is_simply_confirmed(product):
    stock_receive(product=product, quantity=1)
    reservation_create(reference="order:14", lines=[(product.pk, 1)], now=timezone.now() - timedelta(hours=1))

    assert reservation_confirm(reference="order:14").outcome == "confirmed"
    assert reservations_expire() == 0


def test_confirming_an_unknown_reference_is_an_error(db):
    with pytest.raises(StockError, match="no reservation"):
        reservation_confirm(reference="order:404")


def test_releasing_gives_units_back_and_releasing_again_does_nothing(product):
    stock_receive(product=product, quantity=3)
    reservation_create(reference="order:15", lines=[(product.pk, 3)])
    reservation_confirm(reference="order:15")

    assert reservation_release(reference="order:15", reason="cancelled by customer") == 3
    assert reservation_release(reference="order:15") == 0

    assert _statuses("order:15") == ["released"]
    assert _record(product) == (3, 0)


def test_dispatch_consumes_the_confirmed_reservation(product, clerk):
    stock_receive(product=product, quantity=4)
    reservation_create(reference="order:16", lines=[(product.pk, 3)])
    reservation_confirm(reference="order:16")

    (movement,) = stock_dispatch(reference="order:16", user=clerk, reason="Kerry TH123")

    assert (movement.kind, movement.quantity, movement.from_location.code, movement.reason) == (
        "dispatch",
        3,
        "SKP-A-01",
        "Kerry TH123",
    )
    balance = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    assert (balance.on_hand, balance.reserved) == (1, 0)
    assert _statuses("order:16") == ["consumed"]
    assert _record(product) == (1, 0)


def test_an_unpaid_reservation_cannot_be_dispatched(product):
    stock_receive(product=product, quantity=1)
    reservation_create(reference="order:17", lines=[(product.pk, 1)])

    with pytest.raises(StockError, match="not paid yet"):
        stock_dispatch(reference="order:17")


def test_dispatching_twice_is_refused_and_changes_nothing(product):
    stock_receive(product=product, quantity=1)
    reservation_create(reference="order:18", lines=[(product.pk, 1)])
    reservation_confirm(reference="order:18")
    stock_dispatch(reference="order:18")
    before = StockMovement.objects.count()

    with pytest.raises(StockError, match="already dispatched"):
        stock_dispatch(reference="order:18")

    assert StockMovement.objects.count() == before


def test_a_paid_reservation_is_not_silently_replaced(product):
    stock_receive(product=product, quantity=2)
    reservation_create(reference="order:19", lines=[(product.pk, 1)])
    reservation_confirm(reference="order:19")

    with pytest.raises(StockError, match="already paid"):
        reservation_create(reference="order:19", lines=[(product.pk, 2)])
