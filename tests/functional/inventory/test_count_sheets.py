"""Cycle counts through the screens: open → submitted → posted, blind
sheets that never show the expected quantities, manager approval above the
threshold, no double posting."""

import re

import pytest
from django.urls import reverse

from inventory.models import CountSheet, StockBalance, StockMovement
from tests.factories.inventory import stock_receive

from .conftest import messages_of

EXPECTED = 731  # an unusual number, easy to look for in the HTML


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.INVENTORY_COUNT_APPROVAL_THRESHOLD = {"units": 5, "value": None}


def _open(client, code="SKP-A", blind=False, token="11111111-1111-1111-1111-111111111111"):
    data = {"location": code, "token": token}
    if blind:
        data["blind"] = "on"
    return client.post(reverse("inventory:count-list"), data)


def _submit(client, sheet, counts):
    data = {f"counted-{line.pk}": str(value) for line, value in counts}
    return client.post(reverse("inventory:count-submit", kwargs={"pk": sheet.pk}), data, follow=True)


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_scanned_zone_code_opens_a_sheet_of_its_bins(staff_client, product):
    stock_receive(product=product, quantity=7, lot_code="L-1", to_bin="SKP-A-02")

    response = _open(staff_client, code="skp-a")

    sheet = CountSheet.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "inventory:count-detail", kwargs={"pk": sheet.pk}
    )
    [line] = sheet.lines.all()
    assert (line.location.code, line.lot.code, line.expected, line.counted) == ("SKP-A-02", "L-1", 7, None)
    assert sheet.status == CountSheet.Status.OPEN


def test_opening_a_sheet_twice_with_the_same_form_opens_one_sheet(staff_client, product):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    _open(staff_client)
    second = _open(staff_client)
    assert CountSheet.objects.count() == 1
    assert second["Location"] == reverse("inventory:count-detail", kwargs={"pk": CountSheet.objects.get().pk})


def test_an_unknown_bin_code_opens_nothing(staff_client):
    response = _open(staff_client, code="NO-SUCH-BIN")
    assert response.status_code == 200 and "NO-SUCH-BIN" in response.content.decode()
    assert not CountSheet.objects.exists()


def test_a_blind_sheet_never_sends_the_expected_quantity_to_the_browser(staff_client, product):
    stock_receive(product=product, quantity=EXPECTED, to_bin="SKP-A-02")
    _open(staff_client, blind=True)
    sheet = CountSheet.objects.get()

    html = _without_csrf(staff_client.get(reverse("inventory:count-detail", kwargs={"pk": sheet.pk})).content.decode())

    assert "SKP-A-02" in html and 'name="counted-' in html
    assert str(EXPECTED) not in html
    assert not re.search(r'<input[^>]*type="hidden"[^>]*name="expected', html)


def test_an_open_sheet_shows_the_expected_quantities_without_hidden_inputs(staff_client, product):
    stock_receive(product=product, quantity=EXPECTED, to_bin="SKP-A-02")
    _open(staff_client)
    html = staff_client.get(
        reverse("inventory:count-detail", kwargs={"pk": CountSheet.objects.get().pk})
    ).content.decode()
    assert f'<td class="text-right">{EXPECTED}</td>' in html
    assert 'name="expected' not in html


def test_a_small_variance_is_posted_at_once_and_posting_the_sheet_again_is_refused(staff_client, product):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    _open(staff_client, code="SKP-A-02")
    sheet = CountSheet.objects.get()
    [line] = sheet.lines.all()

    first = _submit(staff_client, sheet, [(line, 5)])
    second = _submit(staff_client, sheet, [(line, 5)])

    assert messages_of(first)[-1][0] == "success"
    assert messages_of(second)[-1][0] == "error" and sheet.number in messages_of(second)[-1][1]
    [move] = StockMovement.objects.filter(kind="count_variance")
    assert (move.quantity, move.from_location.code, move.reference) == (2, "SKP-A-02", f"count:{sheet.pk}")
    assert StockBalance.objects.get(location__code="SKP-A-02").on_hand == 5
    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.POSTED


def test_a_large_variance_waits_for_a_manager_whom_center_staff_cannot_replace(
    client, center_staff, center_manager, product
):
    stock_receive(product=product, quantity=20, to_bin="SKP-A-02")
    client.force_login(center_staff)
    _open(client, code="SKP-A-02")
    sheet = CountSheet.objects.get()
    [line] = sheet.lines.all()

    submitted = _submit(client, sheet, [(line, 10)])
    approve_url = reverse("inventory:count-approve", kwargs={"pk": sheet.pk})
    refused = client.post(approve_url, follow=True)

    assert messages_of(submitted)[-1][0] == "warning"
    assert messages_of(refused)[-1][0] == "error"
    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.SUBMITTED and sheet.needs_approval
    assert not StockMovement.objects.filter(kind="count_variance").exists()

    client.force_login(center_manager)
    approved = client.post(approve_url, follow=True)
    again = client.post(approve_url, follow=True)

    assert messages_of(approved)[-1][0] == "success"
    assert messages_of(again)[-1][0] == "error"
    sheet.refresh_from_db()
    assert (sheet.status, sheet.approved_by) == (CountSheet.Status.POSTED, center_manager)
    assert StockBalance.objects.get(location__code="SKP-A-02").on_hand == 10
    assert StockMovement.objects.filter(kind="count_variance").count() == 1


def test_a_variance_worth_more_than_the_value_limit_needs_approval_too(staff_client, product, settings):
    settings.INVENTORY_COUNT_APPROVAL_THRESHOLD = {"units": 100, "value": "500.00"}  # the product costs 450
    stock_receive(product=product, quantity=10, to_bin="SKP-A-02")
    _open(staff_client, code="SKP-A-02")
    sheet = CountSheet.objects.get()
    [line] = sheet.lines.all()

    _submit(staff_client, sheet, [(line, 8)])  # 2 × 450 = 900 THB missing

    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.SUBMITTED
    assert not StockMovement.objects.filter(kind="count_variance").exists()


def test_a_manager_rejects_a_submitted_count_and_nothing_is_posted(client, center_staff, center_manager, product):
    stock_receive(product=product, quantity=20, to_bin="SKP-A-02")
    client.force_login(center_staff)
    _open(client, code="SKP-A-02")
    sheet = CountSheet.objects.get()
    _submit(client, sheet, [(sheet.lines.get(), 1)])
    cancel_url = reverse("inventory:count-cancel", kwargs={"pk": sheet.pk})
    assert messages_of(client.post(cancel_url, follow=True))[-1][0] == "error"

    client.force_login(center_manager)
    client.post(cancel_url, {"note": "recount tomorrow"})

    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.CANCELLED
    assert StockBalance.objects.get(location__code="SKP-A-02").on_hand == 20


def test_stock_that_moved_since_the_sheet_was_opened_refuses_the_whole_count(staff_client, product, other_product):
    from inventory.services import counter_sale_post

    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    stock_receive(product=other_product, quantity=3, to_bin="SKP-A-02")
    _open(staff_client, code="SKP-A-02")
    sheet = CountSheet.objects.get()
    counter_sale_post(reference="counter_sale:T1", lines=[(product.pk, 1)])

    response = _submit(staff_client, sheet, [(line, 2) for line in sheet.lines.all()])

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="count_variance").exists()
    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.OPEN  # count again


@pytest.mark.parametrize("bad", ["-3", "2.5", "many"])
def test_bad_counts_write_nothing(staff_client, product, bad):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    _open(staff_client, code="SKP-A-02")
    sheet = CountSheet.objects.get()

    response = staff_client.post(
        reverse("inventory:count-submit", kwargs={"pk": sheet.pk}),
        {f"counted-{sheet.lines.get().pk}": bad},
        follow=True,
    )

    assert messages_of(response)[-1][0] == "error"
    assert not StockMovement.objects.filter(kind="count_variance").exists()
    sheet.refresh_from_db()
    assert sheet.status == CountSheet.Status.OPEN


def test_office_staff_read_count_sheets_but_cannot_open_or_submit_them(client, office_staff, product):
    stock_receive(product=product, quantity=7, to_bin="SKP-A-02")
    client.force_login(office_staff)
    assert client.get(reverse("inventory:count-list")).status_code == 200
    assert _open(client).status_code == 403
    assert not CountSheet.objects.exists()
