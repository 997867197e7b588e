"""The demo data (`manage.py load_demo_data`) loaded once for a test module
or package.

Loading the demo takes seconds (pages, translations, orders, pictures), and
the modules that check it ran one load per test. `demo_module_fixture()`
builds a module-scoped fixture (or package-scoped: tests/integration/shop/demo/
shares one load between its four modules) that loads it once, in a
transaction that stays open while the tests run and is rolled back after the
last one (tests/testdb.py's module_transaction). Each test that asks for the
data (with the `db` fixture) runs in a savepoint inside that transaction,
as pytest-django runs every test, so what a test writes is undone before
the next test and the next module starts from the empty database as usual.

The tests must run one after another on one pytest-xdist worker, or each
worker loads the data again: tests/conftest.py's XDIST_GROUPS keeps each
such module or package together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings

from shop.demo.accounts import DEMO_USERS
from tests.testdb import module_transaction

DEMO_PRODUCTS = 30


def load_demo_data(*, products: int = DEMO_PRODUCTS) -> str:
    """`manage.py load_demo_data --products N`; what it printed."""
    out = StringIO()
    call_command("load_demo_data", products=products, stdout=out)
    return out.getvalue()


@dataclass(frozen=True)
class DemoLoad:
    output: str  # what the load printed
    media_root: Path  # where its pictures are (tests point MEDIA_ROOT here)


def demo_module_fixture(*, products: int = DEMO_PRODUCTS, after=None, scope: str = "module", **settings_overrides):
    """A module-scoped fixture (or `scope`): the demo loaded once (`products` products;
    then `after()`, e.g. a search index rebuild), its pictures in a folder of
    their own, `settings_overrides` in force for the load and the module's
    tests. Pair it with a function fixture that asks for `db` and points
    MEDIA_ROOT at `media_root` (tests/conftest.py gives every test its own
    empty media folder)."""

    @pytest.fixture(scope=scope)
    def demo_loaded_once(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoLoad]:
        media_root = tmp_path_factory.mktemp("demo-media")
        cache.clear()  # as each test starts (tests/conftest.py): nothing of the test before leaks into the load
        with override_settings(MEDIA_ROOT=str(media_root), **settings_overrides):
            with module_transaction(django_db_blocker):
                with django_db_blocker.unblock():
                    output = load_demo_data(products=products)
                    if after is not None:
                        after()
                yield DemoLoad(output=output, media_root=media_root)

    return demo_loaded_once


def demo_user_login(client, email: str) -> None:
    """Log `client` in as the demo user `email` with its demo password."""
    password = next(user["password"] for user in DEMO_USERS if user["email"] == email)
    assert client.login(username=email, password=password)
