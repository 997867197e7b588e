"""Cycle counts: sheets per zone or bin, blind option, manager approval, no double posting."""

from django.urls import reverse

from inventory.models import StockBalance, StockMovement
from tests.factories.inventory import stock_receive

from .conftest import messages_of


def _sheet(code="SKP-A"):
    return reverse("inventory:count-sheet", kwargs={"code": code})


def test_a_zone_sheet_lists_its_bins_and_a_blind_sheet_hides_the_expected_quantities(staff_client, product):
    stock_receive(product=product, quantity=7, lot_code="L-1", to_bin="SKP-A-02")

    open_sheet = staff_client.get(_sheet()).content.decode()
    blind = staff_client.get(_sheet(), {"blind": "1"}).content.decode()

    assert "SKP-A-02" in open_sheet and '<td class="text-right">7</td>' in open_sheet
    assert "SKP-A-02" in blind and '<td class="text-right">7</td>' not in blind


def test_a_small_variance_is_posted_and_posting_the_same_sheet_twice_is_refused(staff_client, product):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    balance = StockBalance.objects.get(location__code="SKP-A-02")
    data = {f"counted-{balance.pk}": "5", f"expected-{balance.pk}": "7"}

    first = staff_client.post(_sheet("SKP-A-02"), data, follow=True)
    second = staff_client.post(_sheet("SKP-A-02"), data, follow=True)

    assert messages_of(first)[-1][0] == "success"
    assert messages_of(second)[-1][0] == "error"
    [move] = StockMovement.objects.filter(kind="count_variance")
    assert (move.quantity, move.from_location.code) == (2, "SKP-A-02")
    balance.refresh_from_db()
    assert balance.on_hand == 5


def test_a_variance_above_the_threshold_needs_a_center_manager(client, center_staff, center_manager, product, settings):
    settings.INVENTORY_VARIANCE_APPROVAL_THRESHOLD = 5
    stock_receive(product=product, quantity=20, to_bin="SKP-A-02")
    balance = StockBalance.objects.get(location__code="SKP-A-02")
    data = {f"counted-{balance.pk}": "10", f"expected-{balance.pk}": "20"}

    client.force_login(center_staff)
    refused = client.post(_sheet("SKP-A-02"), data)
    assert refused.status_code == 200 and messages_of(refused)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="count_variance").exists()

    client.force_login(center_manager)
    client.post(_sheet("SKP-A-02"), data)
    balance.refresh_from_db()
    assert balance.on_hand == 10


def test_bad_counts_and_unknown_bins_write_nothing(staff_client, product):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    balance = StockBalance.objects.get(location__code="SKP-A-02")

    response = staff_client.post(_sheet("SKP-A-02"), {f"counted-{balance.pk}": "-3", f"expected-{balance.pk}": "7"})

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="count_variance").exists()
    assert staff_client.get(_sheet("NO-SUCH-BIN")).status_code == 404


def test_office_staff_cannot_open_a_count_sheet(client, office_staff):
    client.force_login(office_staff)
    assert client.get(_sheet()).status_code == 403
