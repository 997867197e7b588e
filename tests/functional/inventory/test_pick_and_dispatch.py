"""Pick lists sorted by bin with FEFO lots, and dispatch with a tracking number."""

from datetime import date

from django.urls import reverse

from inventory.models import Reservation, StockMovement
from inventory.services import reservation_confirm, reservation_create
from tests.factories.inventory import stock_receive

from .conftest import messages_of


def test_a_pick_list_is_sorted_by_bin_and_takes_the_first_expiring_lot(staff_client, product, other_product):
    stock_receive(product=product, quantity=2, lot_code="LATE", best_before=date(2028, 1, 1), to_bin="SKP-A-01")
    stock_receive(product=product, quantity=2, lot_code="SOON", best_before=date(2027, 1, 1), to_bin="SKP-A-03")
    stock_receive(product=other_product, quantity=2, lot_code="U", to_bin="SKP-A-02")
    reservation_create(reference="order:100001", lines=[(product.pk, 1), (other_product.pk, 1)])
    reservation_create(reference="order:100002", lines=[(product.pk, 1)])

    single = staff_client.get(reverse("inventory:pick-list"), {"reference": "100001"})
    batch = staff_client.get(reverse("inventory:pick-list") + "?reference=order:100001&reference=order:100002")

    assert [(r.location.code, r.lot.code) for r in single.context["rows"]] == [("SKP-A-02", "U"), ("SKP-A-03", "SOON")]
    assert [(r.location.code, r.lot.code, r.reference) for r in batch.context["rows"]] == [
        ("SKP-A-02", "U", "order:100001"),
        ("SKP-A-03", "SOON", "order:100001"),
        ("SKP-A-03", "SOON", "order:100002"),
    ]


def test_the_default_batch_lists_every_paid_order_not_yet_dispatched(staff_client, product):
    stock_receive(product=product, quantity=5)
    reservation_create(reference="order:1", lines=[(product.pk, 1)])
    reservation_create(reference="order:2", lines=[(product.pk, 1)])
    reservation_confirm(reference="order:2")

    response = staff_client.get(reverse("inventory:pick-list"))

    assert [r.reference for r in response.context["rows"]] == ["order:2"]


def test_dispatch_records_the_tracking_number_and_a_second_dispatch_changes_nothing(staff_client, product):
    stock_receive(product=product, quantity=3)
    reservation_create(reference="order:100042", lines=[(product.pk, 2)])
    reservation_confirm(reference="order:100042")
    url = reverse("inventory:dispatch")

    first = staff_client.post(url, {"reference": "100042", "tracking_number": "TH0123456789"}, follow=True)
    second = staff_client.post(url, {"reference": "order:100042", "tracking_number": "TH0123456789"}, follow=True)

    [move] = StockMovement.objects.filter(kind="dispatch")
    assert (move.reference, move.quantity) == ("order:100042", 2) and "TH0123456789" in move.reason
    assert messages_of(first)[-1][0] == "success" and messages_of(second)[-1][0] == "error"
    assert Reservation.objects.get().status == Reservation.Status.CONSUMED
    assert product.stockrecords.get().num_in_stock == 1


def test_dispatch_without_a_tracking_number_is_refused(staff_client, product):
    stock_receive(product=product, quantity=3)
    reservation_create(reference="order:7", lines=[(product.pk, 1)])
    reservation_confirm(reference="order:7")

    response = staff_client.post(reverse("inventory:dispatch"), {"reference": "order:7"}, follow=True)

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="dispatch").exists()
