"""Receiving a producer's delivery through the screens."""

import uuid

import pytest
from django.urls import reverse

from inventory.models import Receipt, StockBalance, StockMovement

from .conftest import messages_of


def _lines(*lines, total=5, token=None):
    data = {
        "token": token or str(uuid.uuid4()),
        "lines-TOTAL_FORMS": str(total),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
        "note": "",
    }
    for i in range(total):
        data[f"lines-{i}-condition"] = "ok"
    for i, line in enumerate(lines):
        for field, value in line.items():
            data[f"lines-{i}-{field}"] = value
    return data


def _create_url(producer):
    return reverse("inventory:receipt-create") + f"?producer={producer.pk}"


def test_a_receipt_created_and_posted_through_the_screens_writes_the_ledger(staff_client, product, other_product):
    response = staff_client.post(
        _create_url(product.producer),
        _lines(
            {"product": product.pk, "quantity": "4", "lot_code": "L-7", "best_before": "2027-01-31"},
            {"product": other_product.pk, "quantity": "2", "condition": "damaged"},
        ),
    )
    receipt = Receipt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:receipt-detail", kwargs={"pk": receipt.pk})
    assert StockMovement.objects.count() == 0  # a draft writes no stock

    response = staff_client.post(reverse("inventory:receipt-post", kwargs={"pk": receipt.pk}), follow=True)

    assert messages_of(response)[-1][0] == "success"
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.POSTED
    moves = {(m.product_id, m.to_location.code, m.quantity) for m in StockMovement.objects.all()}
    assert moves == {(product.pk, "SKP-RCV-01", 4), (other_product.pk, "SKP-QTN-01", 2)}
    assert product.stockrecords.get().num_in_stock == 4
    assert other_product.stockrecords.get().num_in_stock == 0  # quarantine is not sellable


def test_posting_a_receipt_twice_shows_a_message_and_changes_nothing(staff_client, product):
    staff_client.post(_create_url(product.producer), _lines({"product": product.pk, "quantity": "3"}))
    receipt = Receipt.objects.get()
    url = reverse("inventory:receipt-post", kwargs={"pk": receipt.pk})
    staff_client.post(url)
    before = (StockMovement.objects.count(), list(StockBalance.objects.values_list("on_hand", flat=True)))

    response = staff_client.post(url, follow=True)

    assert messages_of(response)[-1][0] == "error"
    assert (StockMovement.objects.count(), list(StockBalance.objects.values_list("on_hand", flat=True))) == before


def test_posting_needs_a_post_request(staff_client, product):
    staff_client.post(_create_url(product.producer), _lines({"product": product.pk, "quantity": "3"}))
    receipt = Receipt.objects.get()
    assert staff_client.get(reverse("inventory:receipt-post", kwargs={"pk": receipt.pk})).status_code == 405
    assert StockMovement.objects.count() == 0


@pytest.mark.parametrize("quantity", ["0", "-2", "abc", ""])
def test_a_zero_negative_or_missing_quantity_is_a_form_error_and_nothing_is_written(staff_client, product, quantity):
    response = staff_client.post(_create_url(product.producer), _lines({"product": product.pk, "quantity": quantity}))

    assert response.status_code == 200
    assert response.context["formset"].errors[0]["quantity"]
    assert Receipt.objects.count() == 0 and StockMovement.objects.count() == 0


def test_a_product_of_another_producer_cannot_be_received(staff_client, product, foreign_product):
    response = staff_client.post(
        _create_url(product.producer), _lines({"product": foreign_product.pk, "quantity": "2"})
    )

    assert response.status_code == 200
    assert response.context["formset"].errors[0]["product"][0].startswith("Select a valid choice") or response.context[
        "formset"
    ].forms[0].has_error("product", code="invalid_choice")
    assert Receipt.objects.count() == 0


def test_only_the_producers_own_products_are_offered(staff_client, product, foreign_product):
    response = staff_client.get(_create_url(product.producer))
    offered = response.context["formset"].forms[0].fields["product"].queryset
    assert list(offered) == [product]


def test_an_empty_receipt_is_refused(staff_client, product):
    response = staff_client.post(_create_url(product.producer), _lines())
    assert response.context["formset"].non_form_errors()
    assert Receipt.objects.count() == 0


def test_the_sign_off_is_stored_once_and_printed(staff_client, product):
    staff_client.post(_create_url(product.producer), _lines({"product": product.pk, "quantity": "1"}))
    receipt = Receipt.objects.get()
    url = reverse("inventory:receipt-sign", kwargs={"pk": receipt.pk})

    staff_client.post(url, {"signed_by_name": "Somchai Courier"})
    second = staff_client.post(url, {"signed_by_name": "Someone Else"}, follow=True)

    receipt.refresh_from_db()
    assert receipt.signed_by_name == "Somchai Courier" and receipt.signed_at is not None
    assert messages_of(second)[-1][0] == "error"
    printed = staff_client.get(reverse("inventory:receipt-print", kwargs={"pk": receipt.pk})).content.decode()
    assert "Somchai Courier" in printed and "@media print" not in printed and "inventory-print.css" in printed


def test_double_submitting_the_new_receipt_form_drafts_one_receipt_and_shows_it(staff_client, product):
    data = _lines({"product": product.pk, "quantity": "3"}, token="22222222-2222-2222-2222-222222222222")

    first = staff_client.post(_create_url(product.producer), data)
    second = staff_client.post(_create_url(product.producer), data, follow=True)

    receipt = Receipt.objects.get()
    assert first["Location"] == reverse("inventory:receipt-detail", kwargs={"pk": receipt.pk})
    assert second.redirect_chain[-1][0] == reverse("inventory:receipt-detail", kwargs={"pk": receipt.pk})
    assert messages_of(second)[-1][0] == "error"


def test_a_form_corrected_after_an_error_keeps_its_token_and_is_saved_once(staff_client, product):
    token = "33333333-3333-3333-3333-333333333333"
    bad = staff_client.post(
        _create_url(product.producer), _lines({"product": product.pk, "quantity": "0"}, token=token)
    )
    assert bad.status_code == 200 and token in bad.content.decode()

    good = staff_client.post(
        _create_url(product.producer), _lines({"product": product.pk, "quantity": "2"}, token=token)
    )

    assert good.status_code == 302 and Receipt.objects.count() == 1
