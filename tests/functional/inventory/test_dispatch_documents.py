"""The parcel's paperwork, printed from the order's fulfilment panel: a
shipping label in Thai Post layout with the tracking number as a barcode,
and a packing slip of the order's lines (issue 19, point 12)."""

import io
import unicodedata

import pytest
from django.urls import reverse
from pypdf import PdfReader

from shop.order.services import order_dispatched, order_packed, order_payment_confirmed, order_picking_start
from tests.factories.inventory import stock_receive
from tests.factories.order import order_place
from tests.pdf_barcodes import pdf_code128
from tests.pdf_glyphs import find_word, misplaced_marks, pdf_glyphs

from .conftest import messages_of

TRACKING = "EF123456789TH"
ADDRESS = {
    "title": "",
    "first_name": "มาลี",
    "last_name": "ใจดี",
    "line1": "99/1 หมู่ 3",
    "line2": "",
    "line3": "ต้นเปา",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
    "country_id": "TH",
    "phone_number": "+66812345678",
    "notes": "",
}


def _text(pdf: bytes) -> str:
    # Shaping draws SARA AM as NIKHAHIT + SARA AA, so the text layer has
    # the compatibility decomposition of ำ: compare in NFKC on both sides.
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture
def dispatched_order(product, other_product):
    stock_receive(product=product, quantity=3, lot_code="LOT-SILK", to_bin="SKP-A-01")
    stock_receive(product=other_product, quantity=1, lot_code="LOT-UMB", to_bin="SKP-A-02")
    order = order_place(lines=[(product, 2), (other_product, 1)], shipping_code="ems-thailand", address=ADDRESS)
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    order_picking_start(order=order)
    order_packed(order=order)
    order_dispatched(order=order, carrier="thailand_post", tracking_number=TRACKING)
    return order


def _label_url(order):
    return reverse("inventory:order-shipping-label", kwargs={"number": order.number})


def _slip_url(order):
    return reverse("inventory:order-packing-slip", kwargs={"number": order.number})


def test_the_shipping_label_carries_the_tracking_barcode_and_the_recipients_postcode(staff_client, dispatched_order):
    response = staff_client.get(_label_url(dispatched_order))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_code128(response.content) == [TRACKING]  # what a scanner reads
    text = _text(response.content)
    assert TRACKING in text and "50130" in text
    assert "มาลี ใจดี" in text and "081 234 5678" in text and _nfkc("ต.ต้นเปา อ.สันกำแพง จ.เชียงใหม่") in text
    assert _nfkc("ศูนย์จำหน่ายสินค้า OTOP") in text  # the sender: the center


def test_the_shipping_label_sets_thai_marks_on_their_consonants(staff_client, dispatched_order):
    glyphs = pdf_glyphs(staff_client.get(_label_url(dispatched_order)).content)[0]
    for word in ("ใจดี", "ต้นเปา", "สันกำแพง", "ศูนย์"):
        assert misplaced_marks(find_word(glyphs, word)) == [], word


def test_the_packing_slip_lists_every_line_with_its_lot_and_bin(staff_client, dispatched_order):
    response = staff_client.get(_slip_url(dispatched_order))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert dispatched_order.number in text
    for line in dispatched_order.lines.all():
        assert line.partner_sku in text and _nfkc(line.title) in text
    assert "LOT-SILK @ SKP-A-01 ×2" in text and "LOT-UMB @ SKP-A-02 ×1" in text
    assert {line.partner_sku for line in dispatched_order.lines.all()} == {"SILK-1", "UMB-1"}


def test_the_packing_slip_dates_the_order_in_the_buddhist_era_in_thai(client, center_staff, dispatched_order):
    from django.utils import translation

    client.force_login(center_staff)
    with translation.override("th"):
        text = _text(client.get(_slip_url(dispatched_order), headers={"Accept-Language": "th"}).content)
    year = dispatched_order.date_placed.year
    assert str(year + 543) in text


def test_a_pickup_order_has_no_shipping_label_and_says_why(staff_client, product):
    stock_receive(product=product, quantity=1)
    order = order_place(lines=[(product, 1)])

    response = staff_client.get(_label_url(order), follow=True)

    assert response.redirect_chain[-1][0] == reverse("dashboard:order-detail", kwargs={"number": order.number})
    assert messages_of(response)[-1][0] == "error"
    assert staff_client.get(_slip_url(order))["Content-Type"] == "application/pdf"  # a slip still helps packing


def test_an_unknown_order_is_a_404(staff_client, db):
    assert staff_client.get(reverse("inventory:order-packing-slip", kwargs={"number": "999999"})).status_code == 404
    assert staff_client.get(reverse("inventory:order-shipping-label", kwargs={"number": "999999"})).status_code == 404


@pytest.mark.parametrize("url", [_label_url, _slip_url])
def test_only_staff_print_an_orders_paperwork(client, dispatched_order, customer, member, office_staff, url):
    assert client.get(url(dispatched_order)).status_code == 302  # to the login page
    for outsider in (customer, member):
        client.force_login(outsider)
        assert client.get(url(dispatched_order)).status_code == 403
    client.force_login(office_staff)  # read access: printing changes nothing
    assert client.get(url(dispatched_order))["Content-Type"] == "application/pdf"


def test_the_orders_fulfilment_panel_links_to_both_documents(staff_client, dispatched_order):
    page = staff_client.get(
        reverse("dashboard:order-detail", kwargs={"number": dispatched_order.number})
    ).content.decode()

    assert _label_url(dispatched_order) in page and _slip_url(dispatched_order) in page
