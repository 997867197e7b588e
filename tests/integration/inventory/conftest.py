"""Fixtures for inventory integration tests, and the PostgreSQL skip.

Tests marked ``postgres`` (real threads racing for row locks, the DELETE
trigger) are skipped with a reason unless DATABASE_URL is a PostgreSQL URL:
SQLite has no row locks and serialises writers, so those tests would not
prove anything there.
"""

from decimal import Decimal

import pytest
from django.conf import settings

from inventory.models import Location
from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecordFactory, UserFactory


def _is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.fixture(autouse=True)
def _skip_postgres_only_tests_elsewhere(request):
    if request.node.get_closest_marker("postgres") and not _is_postgres():
        pytest.skip(
            "needs PostgreSQL (row locks, triggers): DATABASE_URL is "
            f"{settings.DATABASES['default']['ENGINE']}; set DATABASE_URL=postgres://... to run it"
        )


@pytest.fixture
def center(db) -> Location:
    return Location.objects.get(code="SKP")


@pytest.fixture
def receiving_bin(db) -> Location:
    return Location.objects.get(code="SKP-RCV-01")


@pytest.fixture
def quarantine_bin(db) -> Location:
    return Location.objects.get(code="SKP-QTN-01")


@pytest.fixture
def shelf_a1(db) -> Location:
    return Location.objects.get(code="SKP-A-01")


@pytest.fixture
def shelf_a2(db) -> Location:
    return Location.objects.get(code="SKP-A-02")


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", is_staff=True)


@pytest.fixture
def producer(db):
    return ProducerFactory()


@pytest.fixture
def product(producer):
    """A product with its producer's priced stock record (no stock yet)."""
    product = ProductFactory(producer=producer, title="ผ้าไหมยกดอก", title_en="Silk brocade")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("450.00"))
    return product


@pytest.fixture
def other_product(producer):
    product = ProductFactory(producer=producer, title="ร่มบ่อสร้าง", title_en="Bo Sang umbrella")
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal("350.00"))
    return product


@pytest.fixture(autouse=True)
def _english_messages():
    # The site defaults to Thai; tests read the (translatable) messages in English.
    from django.utils import translation

    with translation.override("en"):
        yield
