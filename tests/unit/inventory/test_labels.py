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

    from shop.roles import CENTER_STAFF, roles_sync
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
    from shop.roles import CENTER_STAFF, roles_sync
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
