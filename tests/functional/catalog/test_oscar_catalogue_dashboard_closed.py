"""Oscar's catalogue dashboard (/dashboard/catalogue/...) is closed to
producer members (403 on every URL, GET and POST), while office staff keep
it. Members manage products in the producer portal, where the listing
workflow and the audit log apply."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse
from oscar.core.loading import get_model

from shop.common.roles import OFFICE_STAFF, roles_sync
from tests.factories.catalog import UserFactory

Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")

pytestmark = pytest.mark.django_db


def catalogue_dashboard_urls(*, product, category) -> list[str]:
    """Every URL of Oscar's catalogue dashboard app, filled in with real ids:
    the test fails if Oscar adds a URL this does not know how to fill."""
    product_class = product.product_class
    option = Option.objects.create(name="Gift wrap", code="gift-wrap")
    group = AttributeOptionGroup.objects.create(name="Colours")
    ids = {
        "catalogue-product": {"pk": product.pk},
        "catalogue-product-create": {"product_class_slug": product_class.slug},
        "catalogue-product-create-child": {"parent_pk": product.pk},
        "catalogue-product-delete": {"pk": product.pk},
        "catalogue-category-detail-list": {"pk": category.pk},
        "catalogue-category-create-child": {"parent": category.pk},
        "catalogue-category-update": {"pk": category.pk},
        "catalogue-category-delete": {"pk": category.pk},
        "catalogue-class-update": {"pk": product_class.pk},
        "catalogue-class-delete": {"pk": product_class.pk},
        "catalogue-attribute-option-group-update": {"pk": group.pk},
        "catalogue-attribute-option-group-delete": {"pk": group.pk},
        "catalogue-option-update": {"pk": option.pk},
        "catalogue-option-delete": {"pk": option.pk},
    }
    urls = []
    for pattern in apps.get_app_config("catalogue_dashboard").urls[0]:
        assert isinstance(pattern, URLPattern)
        kwargs = ids[pattern.name] if pattern.pattern.regex.groupindex else {}
        urls.append(reverse(f"dashboard:{pattern.name}", kwargs=kwargs))
    assert len(urls) == 27  # Oscar 4.2's catalogue dashboard; a new URL must be looked at
    return urls


@pytest.fixture
def urls(product_a, silk_category):
    return catalogue_dashboard_urls(product=product_a, category=silk_category)


def test_a_producer_member_gets_403_on_every_catalogue_dashboard_url_and_changes_nothing(
    client, member_a, product_a, urls
):
    client.force_login(member_a)
    before = Product.objects.values().get(pk=product_a.pk)

    for url in urls:
        assert client.get(url).status_code == 403, f"GET {url}"
        assert client.post(url, {"title": "hijacked", "is_public": "on"}).status_code == 403, f"POST {url}"

    assert Product.objects.values().get(pk=product_a.pk) == before


def test_a_superuser_reaches_every_catalogue_dashboard_url(client, urls):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    for url in urls:
        assert client.get(url).status_code in (200, 302), f"GET {url}"


def test_office_staff_keep_the_product_screens(client, product_a):
    roles_sync()
    staff = UserFactory(username="office-role", is_staff=True)
    staff.groups.add(Group.objects.get(name=OFFICE_STAFF))
    client.force_login(staff)

    assert client.get("/dashboard/catalogue/").status_code == 200
    assert client.get(f"/dashboard/catalogue/products/{product_a.pk}/").status_code == 200


def test_the_dashboard_menu_does_not_offer_the_catalogue_to_members(client, member_a, product_a):
    client.force_login(member_a)

    html = client.get("/dashboard/portal/").content.decode()

    assert "/dashboard/catalogue/" not in html
    assert "/dashboard/portal/members/" in html
