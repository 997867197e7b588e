"""The stock-move screen: put away, transfer, return to the producer and
write off by scanned codes; write-offs need a center manager; bad input and a
double-submitted form change nothing."""

import uuid

import pytest
from django.urls import reverse

from inventory.models import StockBalance, StockMovement
from tests.factories.inventory import stock_receive

from .conftest import messages_of

URL = "/dashboard/inventory/moves/new/"


def _move(client, **fields):
    data = {
        "token": str(uuid.uuid4()),
        "action": "transfer",
        "product": "8850000000101",
        "from_location": "SKP-A-01",
        "lot": "",
        "quantity": "1",
        "to_location": "SKP-A-02",
        "reason": "",
    }
    data.update(fields)
    return client.post(URL, data)


def _ledger_and_balances():
    return (
        StockMovement.objects.count(),
        sorted(StockBalance.objects.values_list("location__code", "on_hand", "reserved")),
    )


@pytest.fixture
def shelved(product):
    return stock_receive(product=product, quantity=5, lot_code="L-1", to_bin="SKP-A-01")


def test_the_screen_is_at_its_url(staff_client):
    assert reverse("inventory:stock-move") == URL
    html = staff_client.get(URL).content.decode()
    assert html.count('data-scan="bin"') == 2 and 'data-scan="product"' in html and 'data-scan="lot"' in html


def test_a_scanned_transfer_moves_the_units_and_a_bins_only_lot_need_not_be_scanned(staff_client, shelved):
    response = _move(staff_client, product="silk-1", from_location="skp-a-01", quantity="2")

    assert response.status_code == 302
    move = StockMovement.objects.get(kind="transfer")
    assert (move.quantity, move.from_location.code, move.to_location.code, move.lot) == (
        2,
        "SKP-A-01",
        "SKP-A-02",
        shelved,
    )


def test_receiving_goods_are_put_away_from_the_receiving_bin(staff_client, product):
    stock_receive(product=product, quantity=4, lot_code="L-9", to_bin=None)
    _move(staff_client, action="put_away", from_location="SKP-RCV-01", to_location="SKP-A-04", quantity="4", lot="L-9")
    assert StockBalance.objects.get(location__code="SKP-A-04").on_hand == 4


def test_units_go_back_to_their_producer(staff_client, shelved):
    _move(staff_client, action="return_to_producer", quantity="5", to_location="", reason="unsold after the season")
    move = StockMovement.objects.get(kind="return_to_producer")
    assert (move.quantity, move.to_location, move.reason) == (5, None, "unsold after the season")


def test_center_staff_cannot_write_stock_off_but_a_center_manager_can(client, center_staff, center_manager, shelved):
    client.force_login(center_staff)
    before = _ledger_and_balances()
    refused = _move(client, action="write_off", quantity="1", to_location="", reason="broken")
    assert refused.status_code == 400 and "needs_manager" in _error_codes(refused)
    assert _ledger_and_balances() == before

    client.force_login(center_manager)
    assert _move(client, action="write_off", quantity="1", to_location="", reason="broken").status_code == 302
    assert StockMovement.objects.get(kind="write_off").user == center_manager


def test_a_write_off_needs_a_reason(client, center_manager, shelved):
    client.force_login(center_manager)
    before = _ledger_and_balances()
    response = _move(client, action="write_off", quantity="1", to_location="", reason="")
    assert response.status_code == 400 and "reason_required" in _error_codes(response)
    assert _ledger_and_balances() == before


def _error_codes(response) -> set[str]:
    return {error.code for errors in response.context["form"].errors.as_data().values() for error in errors}


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"quantity": "0"}, "min_value"),
        ({"quantity": "-2"}, "min_value"),
        ({"quantity": "6"}, "insufficient_stock"),
        ({"from_location": "SKP-ZZ-99"}, "unknown_bin"),
        ({"to_location": "NOWHERE"}, "unknown_bin"),
        ({"to_location": ""}, "no_destination"),
        ({"lot": "NO-SUCH-LOT"}, "unknown_lot"),
        ({"product": "0000000000000"}, "unknown_product"),
        ({"from_location": "SKP-A-05"}, "not_in_bin"),
        ({"to_location": "SKP-A-01"}, "same_location"),
    ],
)
def test_bad_input_shows_a_clear_message_and_moves_nothing(staff_client, shelved, fields, code):
    before = _ledger_and_balances()

    response = _move(staff_client, **fields)

    assert response.status_code == 400
    assert code in _error_codes(response)
    html = response.content.decode()
    shown = [str(m) for errors in response.context["form"].errors.as_data().values() for e in errors for m in e]
    assert shown and all(message in html for message in shown)
    assert _ledger_and_balances() == before


def test_a_double_submitted_move_is_posted_once(staff_client, shelved):
    token = str(uuid.uuid4())
    _move(staff_client, token=token, quantity="2")
    second = staff_client.post(
        URL,
        {
            "token": token,
            "action": "transfer",
            "product": "SILK-1",
            "from_location": "SKP-A-01",
            "quantity": "2",
            "to_location": "SKP-A-02",
        },
        follow=True,
    )

    assert messages_of(second)[-1][0] == "error"
    assert StockMovement.objects.filter(kind="transfer").count() == 1
    assert StockBalance.objects.get(location__code="SKP-A-01").on_hand == 3


def test_a_move_refused_for_lack_of_stock_can_be_corrected_and_sent_with_the_same_form(staff_client, shelved):
    token = str(uuid.uuid4())
    assert _move(staff_client, token=token, quantity="9").status_code == 400
    assert _move(staff_client, token=token, quantity="2").status_code == 302
    assert StockMovement.objects.filter(kind="transfer").count() == 1


def test_office_staff_cannot_open_or_post_the_move_screen(client, office_staff, shelved):
    client.force_login(office_staff)
    assert client.get(URL).status_code == 403
    assert _move(client).status_code == 403
    assert not StockMovement.objects.filter(kind="transfer").exists()


# --- Issue 19, point 11: a zone's code scanned where a bin's is wanted


@pytest.fixture
def received(product):
    return stock_receive(product=product, quantity=4, lot_code="L-9", to_bin=None)


def _shown(response) -> str:
    return " ".join(str(m) for errors in response.context["form"].errors.as_data().values() for e in errors for m in e)


@pytest.mark.parametrize("lot", ["L-9", ""])
def test_putting_away_to_a_zone_code_says_unknown_bin_names_a_bin_and_moves_nothing(staff_client, received, lot):
    before = _ledger_and_balances()

    response = _move(
        staff_client, action="put_away", from_location="SKP-RCV-01", to_location="SKP-A", quantity="4", lot=lot
    )

    assert response.status_code == 400
    assert _error_codes(response) == {"unknown_bin"}
    assert "SKP-A" in _shown(response) and "SKP-A-01" in _shown(response)  # a bin to use instead
    assert _ledger_and_balances() == before


def test_putting_away_from_the_receiving_zones_code_says_unknown_bin_not_zero_available(staff_client, received):
    before = _ledger_and_balances()

    response = _move(
        staff_client, action="put_away", from_location="SKP-RCV", to_location="SKP-A-01", quantity="4", lot="L-9"
    )

    assert response.status_code == 400
    assert _error_codes(response) == {"unknown_bin"}
    assert "SKP-RCV-01" in _shown(response)
    assert _ledger_and_balances() == before


def test_the_centers_code_is_not_a_bin_either(staff_client, received):
    response = _move(
        staff_client, action="put_away", from_location="SKP-RCV-01", to_location="SKP", quantity="4", lot="L-9"
    )
    assert response.status_code == 400 and _error_codes(response) == {"unknown_bin"}


def test_a_lot_named_for_a_bin_that_holds_none_of_it_says_so(staff_client, received):
    response = _move(
        staff_client, action="put_away", from_location="SKP-A-01", to_location="SKP-A-02", quantity="4", lot="L-9"
    )
    assert response.status_code == 400 and _error_codes(response) == {"not_in_bin"}


def test_units_once_booked_on_a_zone_can_still_be_moved_out_to_a_bin(staff_client, received, product):
    from inventory.services import stock_transfer
    from tests.factories.inventory import location

    # As the screen allowed before issue 19: units booked on the zone itself.
    stock_transfer(
        product=product, lot=received, quantity=4, from_location=location("SKP-RCV-01"), to_location=location("SKP-A")
    )

    response = _move(
        staff_client, action="transfer", from_location="SKP-A", to_location="SKP-A-03", quantity="4", lot="L-9"
    )

    assert response.status_code == 302
    assert StockBalance.objects.get(location__code="SKP-A-03").on_hand == 4
