"""Who may open every inventory screen."""

import pytest
from django.urls import reverse

from inventory.models import CounterSale, CountSheet, Location
from tests.factories.inventory import ReceiptLineFactory


@pytest.fixture
def documents(product):
    line = ReceiptLineFactory(receipt__producer=product.producer, product=product)
    sale = CounterSale.objects.create(token="00000000-0000-0000-0000-000000000001", payment_method="cash")
    count = CountSheet.objects.create(location=Location.objects.get(code="SKP-A"))
    return {"receipt": line.receipt.pk, "sale": sale.pk, "product": product.pk, "count": count.pk}


# (url name, kwargs key or None, query string)
READS = [
    ("inventory:index", None, ""),
    ("inventory:receipt-list", None, ""),
    ("inventory:receipt-detail", "receipt", ""),
    ("inventory:receipt-print", "receipt", ""),
    ("inventory:stock-list", None, ""),
    ("inventory:movement-list", None, ""),
    ("inventory:movement-csv", None, ""),
    ("inventory:counter-sale-detail", "sale", ""),
    ("inventory:counter-sale-receipt", "sale", ""),
    ("inventory:labels-products", None, "product"),
    ("inventory:labels-bins", None, ""),
    ("inventory:pick-list", None, ""),
    ("inventory:alert-list", None, ""),
    ("inventory:count-list", None, ""),
    ("inventory:count-detail", "count", ""),
    ("inventory:scan-resolve", None, "code"),
]
WRITES = [
    ("get", "inventory:receipt-create", None),
    ("post", "inventory:receipt-create", None),
    ("post", "inventory:receipt-post", "receipt"),
    ("post", "inventory:receipt-sign", "receipt"),
    ("get", "inventory:counter-sale-create", None),
    ("post", "inventory:counter-sale-create", None),
    ("post", "inventory:dispatch", None),
    ("get", "inventory:stock-move", None),
    ("post", "inventory:stock-move", None),
    ("post", "inventory:count-list", None),
    ("post", "inventory:count-submit", "count"),
    ("post", "inventory:count-approve", "count"),
    ("post", "inventory:count-cancel", "count"),
]


def _url(documents, name, key, query=""):
    url = reverse(name, kwargs={"pk": documents[key]} if key else None)
    if query == "product":
        url += f"?product={documents['product']}"
    elif query == "code":
        url += "?code=SKP-A-01"
    return url


@pytest.mark.parametrize("name,key,query", READS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, documents, name, key, query):
    response = client.get(_url(documents, name, key, query))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("method,name,key", WRITES)
def test_anonymous_visitors_cannot_write_either(client, documents, method, name, key):
    response = getattr(client, method)(_url(documents, name, key))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["customer", "member"])
@pytest.mark.parametrize("name,key,query", READS)
def test_customers_and_producer_members_are_refused_every_screen(client, documents, request, who, name, key, query):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(documents, name, key, query)).status_code == 403


@pytest.mark.parametrize("who", ["customer", "member"])
@pytest.mark.parametrize("method,name,key", WRITES)
def test_customers_and_producer_members_cannot_write(client, documents, request, who, method, name, key):
    client.force_login(request.getfixturevalue(who))
    assert getattr(client, method)(_url(documents, name, key)).status_code == 403


@pytest.mark.parametrize("who", ["center_staff", "center_manager", "office_staff", "office_admin"])
@pytest.mark.parametrize("name,key,query", READS)
def test_center_and_office_staff_can_read_every_screen(client, documents, request, who, name, key, query):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(documents, name, key, query)).status_code == 200


@pytest.mark.parametrize("who", ["office_staff", "office_admin"])
@pytest.mark.parametrize("method,name,key", WRITES)
def test_office_staff_are_read_only(client, documents, request, who, method, name, key):
    client.force_login(request.getfixturevalue(who))
    assert getattr(client, method)(_url(documents, name, key)).status_code == 403


def test_a_superuser_without_a_center_role_is_read_only(client, documents, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    assert client.get(reverse("inventory:stock-list")).status_code == 200
    assert client.get(reverse("inventory:counter-sale-create")).status_code == 403


@pytest.mark.parametrize("who", ["center_staff", "center_manager"])
@pytest.mark.parametrize("method,name,key", [w for w in WRITES if w[0] == "get"])
def test_center_staff_open_the_write_screens(client, documents, request, who, method, name, key):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(documents, name, key)).status_code == 200


def test_the_dashboard_menu_shows_inventory_to_center_staff_only(client, center_staff, customer):
    from inventory.nav import can_read, can_write

    assert can_read(center_staff) and can_write(center_staff)
    assert not can_read(customer)


def test_office_staff_see_no_write_buttons(client, office_staff, documents):
    client.force_login(office_staff)
    html = client.get(reverse("inventory:receipt-detail", kwargs={"pk": documents["receipt"]})).content.decode()
    assert reverse("inventory:receipt-post", kwargs={"pk": documents["receipt"]}) not in html
    count_html = client.get(reverse("inventory:count-detail", kwargs={"pk": documents["count"]})).content.decode()
    assert (
        'name="counted-' not in count_html
        and reverse("inventory:count-cancel", kwargs={"pk": documents["count"]}) not in count_html
    )
    assert reverse("inventory:stock-move") not in client.get(reverse("inventory:index")).content.decode()
