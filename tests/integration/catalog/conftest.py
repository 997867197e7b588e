"""Fixtures of the catalogue's integration and functional tests: two
producers (A and B) with a member each, an office user, and a product of
each producer with a price and a described photo."""

from decimal import Decimal

import pytest

from tests.factories.catalog import (
    OtopProductTypeFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    StockRecordFactory,
    category_get_or_create,
    office_user,
    producer_member,
)


@pytest.fixture(autouse=True)
def _mail_outbox_is_fresh(mailoutbox):
    # pytest-django's mailoutbox empties Django's locmem outbox per test.
    return mailoutbox


@pytest.fixture
def textiles(db):
    return OtopProductTypeFactory(code="textiles", name_th="ผ้า เครื่องแต่งกาย", name_en="Textiles and garments")


@pytest.fixture
def food(db):
    return OtopProductTypeFactory(code="food", name_th="อาหาร", name_en="Food")


@pytest.fixture
def silk_category(db):
    textiles_root = category_get_or_create("textiles", "ผ้า · Textiles")
    return category_get_or_create("silk", "ผ้าไหม · Silk", parent=textiles_root)


@pytest.fixture
def alcohol_category(db):
    return category_get_or_create("alcohol", "สุราชุมชน · Community spirits")


@pytest.fixture
def producer_a(db):
    return ProducerFactory(name_th="กลุ่มทอผ้าไหม เอ", slug="producer-a", tambon="สันกำแพง")


@pytest.fixture
def producer_b(db):
    return ProducerFactory(name_th="กลุ่มทอผ้าฝ้าย บี", slug="producer-b", tambon="ออนใต้")


@pytest.fixture
def member_a(producer_a):
    return producer_member(producer_a, username="member-a", email="member-a@example.com")


@pytest.fixture
def member_b(producer_b):
    return producer_member(producer_b, username="member-b", email="member-b@example.com")


@pytest.fixture
def office(db):
    return office_user(username="office", email="office@example.com", first_name="Somsri")


def _product_of(producer, *, status, title, title_en, category=None, otop_type=None):
    product = ProductFactory(
        producer=producer,
        title=title,
        title_en=title_en,
        listing_status=status,
        is_public=status == "published",
        otop_type=otop_type or OtopProductTypeFactory(),
    )
    if category is not None:
        product.categories.add(category)
    StockRecordFactory(product=product, partner=producer.partner, price=Decimal("1200.00"), num_in_stock=7)
    ProductImageFactory(product=product, alt_text=f"{title_en}, folded")
    return product


@pytest.fixture
def product_a(producer_a, silk_category, textiles):
    return _product_of(
        producer_a, status="draft", title="ผ้าไหมของเอ", title_en="A's silk", category=silk_category, otop_type=textiles
    )


@pytest.fixture
def product_b(producer_b, silk_category, textiles):
    return _product_of(
        producer_b, status="draft", title="ผ้าฝ้ายของบี", title_en="B's cotton", category=silk_category, otop_type=textiles
    )


@pytest.fixture
def published_a(producer_a, silk_category, textiles):
    return _product_of(
        producer_a,
        status="published",
        title="ผ้าไหมขายแล้ว",
        title_en="Published silk",
        category=silk_category,
        otop_type=textiles,
    )


@pytest.fixture(autouse=True)
def _english_messages():
    # Service messages are gettext'd when raised; these tests compare them
    # with the English msgids, whatever Thai translations exist later.
    # (Underscored: not exported to the functional tests' conftest.)
    from django.utils import translation

    with translation.override("en"):
        yield
