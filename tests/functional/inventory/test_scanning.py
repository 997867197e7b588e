"""Keyboard-wedge scanning: every staff screen that takes a product or a bin
marks the field for the scan helper, loads it, and the server resolves
scanned codes (UPC, SKU, bin code, lot code)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories.inventory import stock_receive

# (url name, query, the data-scan kinds the screen must offer)
SCREENS = [
    ("inventory:stock-list", "", {"product", "bin"}),
    ("inventory:movement-list", "", {"product"}),
    ("inventory:counter-sale-create", "", {"product"}),
    ("inventory:stock-move", "", {"product", "bin", "lot"}),
    ("inventory:count-list", "", {"bin"}),
    ("inventory:receipt-create", "producer", {"product"}),
]


@pytest.mark.parametrize("name, query, kinds", SCREENS)
def test_every_screen_taking_a_product_or_bin_is_wired_for_the_scanner(staff_client, product, name, query, kinds):
    url = reverse(name) + (f"?producer={product.producer_id}" if query == "producer" else "")
    html = staff_client.get(url).content.decode()

    assert kinds <= set(re.findall(r'data-scan="([a-z]+)"', html))
    assert "js/inventory/scan.js" in html
    assert f'data-url="{reverse("inventory:scan-resolve")}"' in html


def test_the_scan_helper_is_a_static_file_and_the_pages_have_no_inline_script(staff_client):
    assert finders.find("js/inventory/scan.js")
    html = staff_client.get(reverse("inventory:stock-move")).content.decode()
    inline = [s for s in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S) if s.strip()]
    own = [s for s in inline if "scan" in s]
    assert own == [] and " onkeydown=" not in html


def test_the_receipt_form_offers_products_by_their_upc_so_a_scan_selects_them(staff_client, product):
    html = staff_client.get(reverse("inventory:receipt-create") + f"?producer={product.producer_id}").content.decode()
    assert "8850000000101 · ผ้าไหมยกดอก" in html


@pytest.mark.parametrize(
    "code, kind",
    [("8850000000101", "product"), ("silk-1", "product"), ("skp-a-01", "bin"), ("SKP-A", "bin"), ("LOT-SCAN", "lot")],
)
def test_the_server_resolves_upc_sku_bin_and_lot_codes(staff_client, product, code, kind):
    stock_receive(product=product, quantity=3, lot_code="LOT-SCAN")
    data = staff_client.get(reverse("inventory:scan-resolve"), {"code": code}).json()
    assert data["kind"] == kind
    if kind == "product":
        assert (data["id"], data["available"]) == (product.pk, 3)


def test_an_unknown_code_is_a_clear_404(staff_client, db):
    response = staff_client.get(reverse("inventory:scan-resolve"), {"code": "NOPE-123"})
    assert response.status_code == 404 and "NOPE-123" in response.json()["error"]
