"""Users of every role and a producer with a priced product for the
inventory screens."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from shop.common.roles import CENTER_MANAGER, CENTER_STAFF, OFFICE_ADMIN, OFFICE_STAFF, PRODUCER_MEMBER, roles_sync
from tests.factories.catalog import (
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
    UserFactory,
    producer_member,
)


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def roles(db):
    roles_sync()


def _member_of(group_name: str, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def center_staff(roles):
    return _member_of(CENTER_STAFF, username="center-staff")


@pytest.fixture
def center_manager(roles):
    return _member_of(CENTER_MANAGER, username="center-manager")


@pytest.fixture
def office_staff(roles):
    return _member_of(OFFICE_STAFF, username="office-staff")


@pytest.fixture
def office_admin(roles):
    return _member_of(OFFICE_ADMIN, username="office-admin")


@pytest.fixture
def customer(db):
    return UserFactory(username="customer")


@pytest.fixture
def producer(db):
    return ProducerFactory()


@pytest.fixture
def member(roles, producer):
    user = producer_member(producer, username="member")
    user.groups.add(Group.objects.get(name=PRODUCER_MEMBER))
    return user


@pytest.fixture
def product(producer):
    product = ProductFactory(producer=producer, title="ผ้าไหมยกดอก", title_en="Silk brocade", upc="8850000000101")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("450.00"), partner_sku="SILK-1")
    return product


@pytest.fixture
def other_product(producer):
    product = ProductFactory(producer=producer, title="ร่มบ่อสร้าง", title_en="Bo Sang umbrella", upc="8850000000102")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("350.00"), partner_sku="UMB-1")
    return product


@pytest.fixture
def foreign_product(db):
    """A product of another producer."""
    product = ProductFactory(title="ชาใบหม่อน", title_en="Mulberry tea", upc="8850000000199")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("120.00"))
    return product


@pytest.fixture
def staff_client(client, center_staff):
    client.force_login(center_staff)
    return client


def messages_of(response) -> list[tuple[str, str]]:
    """(level, text) of the messages a (followed) response showed. The
    dashboard is served in Thai (unprefixed URLs), so tests check levels and
    language-independent parts such as numbers and codes."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]
