"""PDF label sheets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inventory.labels import PER_PAGE, ProductLabel, bin_labels_pdf, page_count, product_labels_pdf

LABEL = ProductLabel(
    title="ผ้าไหมยกดอก Silk brocade", price=Decimal("450.00"), code="8850000000101", url="https://example.com/p/1/"
)


def test_a_product_label_sheet_is_a_pdf_with_one_page_per_24_labels():
    pdf = product_labels_pdf([LABEL] * (PER_PAGE + 1))
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 2


def test_a_full_sheet_is_one_page_and_no_labels_still_make_a_valid_page():
    assert page_count(product_labels_pdf([LABEL] * PER_PAGE)) == 1
    assert page_count(product_labels_pdf([])) == 1


def test_bin_labels_fit_three_by_eight_on_a_page():
    pdf = bin_labels_pdf([f"SKP-A-{i:02d}" for i in range(1, 50)])
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 3


def test_a_long_code_and_a_missing_price_still_print():
    label = ProductLabel(title="x" * 200, price=None, code="SKU-" + "9" * 40, url="")
    assert page_count(product_labels_pdf([label])) == 1


@pytest.mark.django_db
def test_the_label_views_return_pdf_with_the_requested_copies(client):
    from django.contrib.auth.models import Group

    from shop.common.roles import CENTER_STAFF, roles_sync
    from tests.factories.catalog import ProductFactory, StockRecordFactory, UserFactory

    roles_sync()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=CENTER_STAFF))
    client.force_login(user)
    product = ProductFactory(upc="8850000000777")
    StockRecordFactory(product=product, price=Decimal("99.00"))

    response = client.get(reverse("inventory:labels-products"), {"product": product.pk, "copies": 30})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and page_count(response.content) == 2

    bins = client.get(reverse("inventory:labels-bins"))
    assert bins["Content-Type"] == "application/pdf" and page_count(bins.content) >= 1


@pytest.mark.django_db
def test_the_label_qr_code_links_to_the_site_url_not_to_the_host_the_request_named(client, settings, monkeypatch):
    # A printed label outlives the request: it must point at the one public
    # address, whatever Host header (an internal name, a proxy's) reached us.
    from django.contrib.auth.models import Group

    from inventory.views import labels as label_views
    from shop.common.roles import CENTER_STAFF, roles_sync
    from tests.factories.catalog import ProductFactory, StockRecordFactory, UserFactory

    settings.SITE_URL = "https://otop-chiangmai.test"
    settings.ALLOWED_HOSTS = ["*"]
    roles_sync()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=CENTER_STAFF))
    client.force_login(user)
    product = ProductFactory(upc="8850000000778")
    StockRecordFactory(product=product, price=Decimal("99.00"))
    printed = []
    monkeypatch.setattr(label_views, "product_labels_pdf", lambda labels: printed.extend(labels) or b"%PDF")

    client.get(reverse("inventory:labels-products"), {"product": product.pk}, headers={"Host": "internal.lan:8000"})

    assert [label.url for label in printed] == ["https://otop-chiangmai.test" + product.get_absolute_url()]


# --- Titles that do not fit one line, and units that must not be sold (issue 19, point 12)


def _text(pdf: bytes) -> str:
    """The text layer in NFKC: shaping draws ำ as ํ + า (its compatibility
    decomposition), so expected text is compared in NFKC too."""
    import io
    import unicodedata

    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def test_a_long_thai_title_wraps_onto_a_second_line_instead_of_being_cut():
    from pythainlp.tokenize import word_tokenize

    from inventory.labels import title_lines

    title = "ผ้าพันคอไหมทดสอบ ลายดอกไม้สีคราม"
    _size, lines = title_lines(title, 30 * 2.83465)

    assert 2 <= len(lines) <= 3
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # nothing lost, no ellipsis
    boundaries = set()
    position = 0
    for word in word_tokenize(title.replace(" ", ""), engine="newmm"):
        position += len(word)
        boundaries.add(position)
    ends, position = set(), 0
    for line in lines[:-1]:
        position += len(line.replace(" ", ""))
        ends.add(position)
    assert ends <= boundaries  # every break falls between two words
    printed = _text(product_labels_pdf([ProductLabel(title=title, price=None, code="", url="")]))
    assert _nfkc(title.replace(" ", "")) in printed.replace("\n", "").replace(" ", "")


def test_a_title_too_long_even_for_three_small_lines_ends_in_an_ellipsis_not_mid_letter():
    from inventory.labels import title_lines

    import unicodedata

    title = "ผ้าไหมยกดอกลำพูน" * 12
    _size, lines = title_lines(title, 30 * 2.83465)

    assert len(lines) == 3 and lines[-1].endswith("…")
    kept = "".join(lines)[:-1]
    assert title.startswith(kept)
    assert unicodedata.category(title[len(kept)]) != "Mn" and title[len(kept)] != "ำ"  # no mark left behind


def test_a_not_for_sale_label_has_a_warning_and_no_price_or_barcode_to_sell_it_by():
    from inventory.labels import not_for_sale_text
    from tests.pdf_barcodes import pdf_code128

    label = ProductLabel(title="ผ้าไหมยกดอก", price=None, code="", url="", not_for_sale=True, lot="GRN-000007")
    sellable = ProductLabel(title="ผ้าไหมยกดอก", price=Decimal("450.00"), code="8850000000101", url="https://e.test/p/1/")

    pdf = product_labels_pdf([label, sellable])

    assert pdf_code128(pdf) == ["8850000000101"]  # only the sellable label carries the sale barcode
    text = _text(pdf)
    assert text.count("THB") == 1
    assert "GRN-000007" in text
    thai, english = not_for_sale_text()
    assert english == "DAMAGED – NOT FOR SALE" and english in text


@pytest.mark.django_db
def test_units_received_damaged_get_not_for_sale_labels_from_the_receipt(client):
    from django.contrib.auth.models import Group

    from inventory.models import Receipt
    from inventory.services import ReceiptLineInput, receipt_create, receipt_post
    from shop.common.roles import CENTER_STAFF, roles_sync
    from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecordFactory, UserFactory
    from tests.pdf_barcodes import pdf_code128

    roles_sync()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=CENTER_STAFF))
    client.force_login(user)
    producer = ProducerFactory()
    good = ProductFactory(producer=producer, upc="8850000000881", title="ผ้าไหมดี")
    broken = ProductFactory(producer=producer, upc="8850000000882", title="ร่มบ่อสร้าง")
    for product in (good, broken):
        StockRecordFactory(product=product, price=Decimal("99.00"))
    receipt = receipt_create(
        producer=producer,
        lines=[
            ReceiptLineInput(product=good, quantity=2),
            ReceiptLineInput(product=broken, quantity=1, condition="damaged"),
        ],
    )
    receipt_post(receipt=receipt)

    response = client.get(reverse("inventory:labels-products"), {"receipt": Receipt.objects.get().pk})

    assert response["Content-Type"] == "application/pdf"
    assert sorted(pdf_code128(response.content)) == ["8850000000881", "8850000000881"]  # not the damaged umbrella
    from inventory.labels import not_for_sale_text

    text = _text(response.content)
    thai, english = not_for_sale_text()
    assert _nfkc(thai) in text and english in text
    assert text.count("99.00 THB") == 2  # the damaged unit has no price
