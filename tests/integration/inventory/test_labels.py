"""The label views: PDF sheets for products, bins and a goods received
note's units, as center staff print them (the sheets themselves:
tests/unit/inventory/test_labels.py)."""

import io
import unicodedata
from decimal import Decimal

import pytest
from django.urls import reverse

from inventory.labels import page_count


def _text(pdf: bytes) -> str:
    """The text layer in NFKC: shaping draws ำ as ํ + า (its compatibility
    decomposition), so expected text is compared in NFKC too."""
    from pypdf import PdfReader

    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


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
