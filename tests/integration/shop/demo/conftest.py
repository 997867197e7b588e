"""The demo (`manage.py load_demo_data --products 30`) loaded once for the
whole package: the catalogue and accounts (test_demo_data.py), the producers'
passports and listings (test_demo_producers.py), the page tree
(test_demo_pages.py) and the order history (test_demo_orders.py) are all
read from the same load, each test in a savepoint rolled back afterwards
(tests/factories/demo.py). The package is one group of XDIST_GROUPS
(tests/conftest.py), so one worker loads it, once.

Loaded as `make run` loads it: in development (DEBUG) without Stripe keys,
which is when the demo's orders are paid with test payments
(shop/demo/orders.py)."""

import pytest

from tests.factories.demo import demo_module_fixture

demo_loaded_once = demo_module_fixture(scope="package", DEBUG=True, STRIPE_SECRET_KEY="")


@pytest.fixture
def demo(demo_loaded_once, db, settings):
    """The package's demo, read in this test's savepoint; its pictures where the load wrote them."""
    settings.MEDIA_ROOT = str(demo_loaded_once.media_root)
    return demo_loaded_once.output
