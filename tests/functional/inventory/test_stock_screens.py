"""Stock browser and movement history with CSV export."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.catalog import ProductFactory, StockRecordFactory
from tests.factories.inventory import stock_receive


def _rows(response):
    return list(response.context["page_obj"])


def test_the_stock_browser_shows_on_hand_reserved_and_available_per_bin_and_lot(staff_client, product):
    from inventory.services import reservation_create

    stock_receive(product=product, quantity=5, lot_code="L-1")
    reservation_create(reference="order:1", lines=[(product.pk, 2)])

    response = staff_client.get(reverse("inventory:stock-list"), {"product": "8850000000101"})

    [row] = _rows(response)
    assert (row.location.code, row.lot.code, row.on_hand, row.reserved, row.available_units) == (
        "SKP-A-01",
        "L-1",
        5,
        2,
        3,
    )


def test_the_stock_browser_filters_by_bin_producer_lot_and_sku(staff_client, product, foreign_product):
    stock_receive(product=product, quantity=5, lot_code="L-1", to_bin="SKP-A-02")
    stock_receive(product=foreign_product, quantity=1, lot_code="F-1")
    url = reverse("inventory:stock-list")

    assert [b.product for b in _rows(staff_client.get(url, {"bin": "SKP-A-02"}))] == [product]
    assert [b.product for b in _rows(staff_client.get(url, {"bin": "SKP-A"}))] == [product, foreign_product] or [
        b.product for b in _rows(staff_client.get(url, {"bin": "SKP-A"}))
    ] == [foreign_product, product]
    assert [b.product for b in _rows(staff_client.get(url, {"producer": foreign_product.producer_id}))] == [
        foreign_product
    ]
    assert [b.lot.code for b in _rows(staff_client.get(url, {"lot": "f-1"}))] == ["F-1"]
    assert [b.product for b in _rows(staff_client.get(url, {"product": "SILK-1"}))] == [product]
    assert _rows(staff_client.get(url, {"bin": "NO-SUCH-BIN"})) == []


def test_the_stock_browser_runs_the_same_number_of_queries_for_one_or_many_rows(staff_client, product):
    url = reverse("inventory:stock-list")
    stock_receive(product=product, quantity=1)
    staff_client.get(url)  # warm caches (session, Oscar navigation)
    with CaptureQueriesContext(connection) as one:
        staff_client.get(url)
    for i in range(6):
        other = ProductFactory(producer=product.producer)
        StockRecordFactory(product=other, num_in_stock=0)
        stock_receive(product=other, quantity=2, lot_code=f"X{i}")
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(url)

    assert len(_rows(response)) == 7
    assert len(many) == len(one)


def test_the_stock_browser_is_paginated_and_keeps_the_filters(staff_client, product):
    for i in range(51):
        stock_receive(product=product, quantity=1, lot_code=f"P{i:02d}", to_bin=None)
    response = staff_client.get(reverse("inventory:stock-list"), {"product": "Silk"})
    assert len(_rows(response)) == 50
    assert "product=Silk&amp;page=2" in response.content.decode()


def test_the_movement_history_filters_by_kind_and_date(staff_client, product):
    stock_receive(product=product, quantity=3)  # a receipt and a put-away
    url = reverse("inventory:movement-list")

    kinds = [m.kind for m in _rows(staff_client.get(url, {"kind": "put_away"}))]
    assert kinds == ["put_away"]
    assert _rows(staff_client.get(url, {"date_from": "2000-01-01", "date_to": "2000-01-02"})) == []
    bad = staff_client.get(url, {"date_from": "2030-01-02", "date_to": "2030-01-01"})
    assert bad.context["form"].non_field_errors() and _rows(bad) == []


def test_the_csv_export_streams_the_filtered_movements(staff_client, product, foreign_product):
    stock_receive(product=product, quantity=3, lot_code="L-9")
    stock_receive(product=foreign_product, quantity=1)

    response = staff_client.get(reverse("inventory:movement-csv"), {"producer": product.producer_id, "kind": "receipt"})

    assert response.streaming and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["kind"], r["quantity"], r["upc"], r["lot"], r["to"]) for r in rows] == [
        ("receipt", "3", "8850000000101", "L-9", "SKP-RCV-01")
    ]
    assert rows[0]["reference"].startswith("receipt:")
