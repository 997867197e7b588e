"""The producer portal's stock pages: a producer sees its own stock,
movements and receipts only; the office sees them when acting for it."""

import csv
import io

import pytest
from django.urls import reverse

from inventory.models import Receipt
from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecordFactory, producer_member
from tests.factories.inventory import stock_receive


@pytest.fixture
def other_producer_stock(db):
    producer = ProducerFactory(name_en="Other weavers")
    product = ProductFactory(producer=producer, title="ผ้าฝ้ายคนอื่น", upc="8850000000777")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, partner_sku="OTHER-1")
    stock_receive(product=product, quantity=9, lot_code="FOREIGN-LOT", to_bin="SKP-A-03")
    return product


@pytest.fixture
def my_stock(product, other_product):
    stock_receive(product=product, quantity=7, lot_code="MINE-1", to_bin="SKP-A-01")
    stock_receive(product=other_product, quantity=4, lot_code="MINE-2", to_bin="SKP-A-02")
    return product


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_a_member_sees_its_stock_by_product_lot_and_location_and_nothing_of_other_producers(
    member_client, my_stock, other_producer_stock, django_assert_max_num_queries
):
    for by, expected in [("product", "8850000000101"), ("lot", "MINE-1"), ("location", "SKP-A-01")]:
        with django_assert_max_num_queries(12):
            response = member_client.get(reverse("inventory-portal:stock"), {"by": by})
        html = response.content.decode()
        assert response.status_code == 200
        assert expected in html and "ผ้าไหมยกดอก" in html
        assert "ผ้าฝ้ายคนอื่น" not in html and "FOREIGN-LOT" not in html and "SKP-A-03" not in html
    rows = {row["product_id"]: row for row in response.context["page_obj"]}
    assert rows[my_stock.pk]["on_hand_total"] == 7 and rows[my_stock.pk]["available_total"] == 7


def test_the_movement_list_is_filtered_and_exported_for_the_producer_only(
    member_client, my_stock, other_producer_stock
):
    url = reverse("inventory-portal:movement-list")
    everything = member_client.get(url)
    assert {m.owner_id for m in everything.context["page_obj"]} == {my_stock.producer_id}

    put_aways = member_client.get(url, {"kind": "put_away", "product": "8850000000101"})
    assert [(m.kind, m.quantity) for m in put_aways.context["page_obj"]] == [("put_away", 7)]

    export = member_client.get(reverse("inventory-portal:movement-csv"), {"kind": "receipt"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][:3] == ["time", "kind", "quantity"]
    assert sorted((r[1], r[2], r[5]) for r in rows[1:]) == [("receipt", "4", "MINE-2"), ("receipt", "7", "MINE-1")]
    assert (
        "FOREIGN-LOT"
        not in b"".join(member_client.get(reverse("inventory-portal:movement-csv")).streaming_content).decode()
    )


def test_a_bad_date_filter_shows_no_movements_instead_of_failing(member_client, my_stock):
    response = member_client.get(reverse("inventory-portal:movement-list"), {"date_from": "2026-13-45"})
    assert response.status_code == 200 and list(response.context["page_obj"]) == []


def test_a_member_prints_its_receipt_and_another_producers_receipt_is_not_found(
    member_client, my_stock, other_producer_stock
):
    mine = Receipt.objects.get(producer=my_stock.producer, lines__lot_code="MINE-1")
    theirs = Receipt.objects.get(producer=other_producer_stock.producer)

    listing = member_client.get(reverse("inventory-portal:receipt-list")).content.decode()
    printable = member_client.get(reverse("inventory-portal:receipt-detail", kwargs={"pk": mine.pk}))

    assert mine.number in listing and theirs.number not in listing
    assert printable.status_code == 200 and "MINE-1" in printable.content.decode()
    assert member_client.get(reverse("inventory-portal:receipt-detail", kwargs={"pk": theirs.pk})).status_code == 404


def test_draft_receipts_stay_internal(member_client, product):
    from tests.factories.inventory import ReceiptLineFactory

    draft = ReceiptLineFactory(receipt__producer=product.producer, product=product).receipt
    assert member_client.get(reverse("inventory-portal:receipt-detail", kwargs={"pk": draft.pk})).status_code == 404


def test_office_staff_acting_for_a_producer_see_its_stock(client, office_staff, my_stock, other_producer_stock):
    client.force_login(office_staff)
    assert client.get(reverse("inventory-portal:stock")).status_code == 302  # choose a producer first

    client.post(reverse("catalog-portal:act-as"), {"producer": other_producer_stock.producer_id})
    html = client.get(reverse("inventory-portal:stock")).content.decode()

    assert "ผ้าฝ้ายคนอื่น" in html and "ผ้าไหมยกดอก" not in html


def test_customers_and_center_staff_without_a_producer_are_not_let_in(client, customer, center_staff, my_stock):
    client.force_login(customer)
    assert client.get(reverse("inventory-portal:stock")).status_code == 404
    client.force_login(center_staff)
    assert client.get(reverse("inventory-portal:movement-list")).status_code == 404
    client.logout()
    assert client.get(reverse("inventory-portal:receipt-list")).status_code == 302


def test_a_member_of_one_producer_is_not_a_member_of_another(client, my_stock, other_producer_stock):
    outsider = producer_member(other_producer_stock.producer, username="outsider")
    client.force_login(outsider)
    html = client.get(reverse("inventory-portal:stock")).content.decode()
    assert "ผ้าฝ้ายคนอื่น" in html and "ผ้าไหมยกดอก" not in html


def test_the_portal_menu_lists_the_stock_pages(settings):
    entries = [child["url_name"] for item in settings.OSCAR_DASHBOARD_NAVIGATION for child in item.get("children", [])]
    assert "inventory-portal:stock" in entries


def test_a_damaged_unit_in_quarantine_is_not_counted_as_available_just_as_the_shop_does_not_sell_it(
    member_client, product
):
    from oscar.core.loading import get_class

    stock_receive(product=product, quantity=9, lot_code="GOOD-1", to_bin="SKP-A-01")
    stock_receive(product=product, quantity=1, lot_code="DENTED-1", damaged=True)  # lands in quarantine
    product.refresh_from_db()
    shop_available = get_class("partner.strategy", "Selector")().strategy().fetch_for_product(product).availability
    assert shop_available.num_available == 9

    by_product = member_client.get(reverse("inventory-portal:stock"), {"by": "product"})
    [row] = list(by_product.context["page_obj"])
    assert (row["on_hand_total"], row["available_total"], row["quarantined_total"]) == (10, 9, 1)
    by_lot = {
        r["lot__code"]: r
        for r in member_client.get(reverse("inventory-portal:stock"), {"by": "lot"}).context["page_obj"]
    }
    assert (by_lot["DENTED-1"]["available_total"], by_lot["DENTED-1"]["quarantined_total"]) == (0, 1)
