"""Stock changes only through the inventory ledger: the Django admin and
Oscar's dashboard product form show the stock counters but cannot change
them, and only superusers and office admins open the Django admin at all."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oscar.core.loading import get_model

from shop.common.roles import CENTER_MANAGER, CENTER_STAFF, OFFICE_ADMIN, OFFICE_STAFF, roles_sync
from tests.factories.catalog import ProductFactory, StockRecordFactory, UserFactory, category_get_or_create

StockRecord = get_model("partner", "StockRecord")
ProductCategory = get_model("catalogue", "ProductCategory")

pytestmark = pytest.mark.django_db


def role_user(role: str):
    roles_sync()
    user = UserFactory(username=role.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)


def form_post_data(form) -> dict:
    """What a browser would post for ``form`` as rendered (its current values)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if bound.field.show_hidden_initial:  # fields with a callable default (price_currency)
            data[bound.html_initial_name] = str(value)
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def product_page_post_data(response) -> dict:
    data = form_post_data(response.context["form"])
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = response.context[name]
        data.update(form_post_data(formset.management_form))
        for form in formset.forms:
            data.update(form_post_data(form))
    return data


def categorised_product():
    # Oscar's product form requires a category for a stand-alone product.
    product = ProductFactory()
    ProductCategory.objects.create(product=product, category=category_get_or_create("silk"))
    return product


@pytest.fixture
def stockrecord():
    return StockRecordFactory(product=categorised_product(), num_in_stock=7, num_allocated=2, price=Decimal("450.00"))


# --- Django admin ------------------------------------------------------------------


def test_the_admin_shows_the_stock_counters_read_only_with_a_pointer_to_the_ledger(client, stockrecord):
    client.force_login(role_user(OFFICE_ADMIN))

    html = client.get(f"/django-admin/partner/stockrecord/{stockrecord.pk}/change/").content.decode()

    assert 'name="num_in_stock"' not in html
    assert 'name="num_allocated"' not in html
    assert 'name="partner"' not in html and 'name="product"' not in html
    assert 'name="price"' in html
    assert "/dashboard/inventory/" in html


def test_an_admin_post_changes_the_price_but_not_the_stock(client, stockrecord):
    client.force_login(role_user(OFFICE_ADMIN))

    response = client.post(
        f"/django-admin/partner/stockrecord/{stockrecord.pk}/change/",
        {"partner_sku": stockrecord.partner_sku, "price_currency": "THB", "price": "500.00",
         "num_in_stock": "999", "num_allocated": "0", "low_stock_threshold": ""},
    )  # fmt: skip

    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        response.context["stockrecord_formset"].errors,
    )
    stockrecord.refresh_from_db()
    assert stockrecord.price == Decimal("500.00")
    assert (stockrecord.num_in_stock, stockrecord.num_allocated) == (7, 2)


def test_the_admin_cannot_add_or_delete_stock_records(client, stockrecord):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert client.get("/django-admin/partner/stockrecord/add/").status_code == 403
    assert (
        client.post(f"/django-admin/partner/stockrecord/{stockrecord.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert StockRecord.objects.filter(pk=stockrecord.pk).exists()


def test_the_admin_cannot_add_stock_movements_or_balances(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert client.get("/django-admin/inventory/stockmovement/add/").status_code == 403
    assert client.get("/django-admin/inventory/stockbalance/add/").status_code == 403


@pytest.mark.parametrize("role", [CENTER_STAFF, CENTER_MANAGER, OFFICE_STAFF])
def test_staff_who_are_not_office_admins_are_sent_to_the_admin_login(client, stockrecord, role):
    client.force_login(role_user(role))

    for url in ("/django-admin/", f"/django-admin/partner/stockrecord/{stockrecord.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/django-admin/login/"), url
    assert (
        client.post(f"/django-admin/partner/stockrecord/{stockrecord.pk}/change/", {"num_in_stock": "999"}).status_code
        == 302
    )
    stockrecord.refresh_from_db()
    assert stockrecord.num_in_stock == 7


def test_an_office_admin_opens_the_admin(client):
    client.force_login(role_user(OFFICE_ADMIN))

    assert client.get("/django-admin/").status_code == 200


# --- Oscar's dashboard product form ------------------------------------------------


def test_the_product_form_shows_the_stock_counter_disabled(client, stockrecord):
    client.force_login(role_user(OFFICE_STAFF))

    response = client.get(f"/dashboard/catalogue/products/{stockrecord.product.pk}/")

    form = response.context["stockrecord_formset"].forms[0]
    assert form.fields["num_in_stock"].disabled
    assert not form.fields["price"].disabled and not form.fields["partner_sku"].disabled
    assert "disabled" in str(form["num_in_stock"])


def test_a_product_form_post_changes_price_and_sku_but_ignores_the_stock_counter(client, stockrecord):
    client.force_login(role_user(OFFICE_STAFF))
    url = f"/dashboard/catalogue/products/{stockrecord.product.pk}/"
    data = product_page_post_data(client.get(url))
    data.update(
        {
            "stockrecords-0-num_in_stock": "999",
            "stockrecords-0-price": "520.00",
            "stockrecords-0-partner_sku": "NEW-SKU",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        [
            (n, response.context[n].errors, response.context[n].non_form_errors())
            for n in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset")
        ],
    )
    stockrecord.refresh_from_db()
    assert (stockrecord.price, stockrecord.partner_sku) == (Decimal("520.00"), "NEW-SKU")
    assert (stockrecord.num_in_stock, stockrecord.num_allocated) == (7, 2)


def test_a_stock_record_added_on_the_product_form_starts_at_zero(client):
    product = categorised_product()
    client.force_login(role_user(OFFICE_STAFF))
    url = f"/dashboard/catalogue/products/{product.pk}/"
    data = product_page_post_data(client.get(url))
    data.update({"stockrecords-0-partner": str(product.producer.partner.pk), "stockrecords-0-partner_sku": "SKU-NEW",
                 "stockrecords-0-price_currency": "THB", "stockrecords-0-price": "300.00",
                 "stockrecords-0-num_in_stock": "50"})  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        response.context["stockrecord_formset"].errors,
    )
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.price) == (0, Decimal("300.00"))
    assert not record.num_allocated  # Oscar leaves it NULL until something is reserved
