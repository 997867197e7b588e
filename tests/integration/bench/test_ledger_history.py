"""Bulk ledger history keeps the ledger equal to the balances: every cycle
nets to zero on each (product, location, lot) it touches."""

import pytest

from bench.gen.ledger import HISTORY_REASON, ledger_seed
from inventory.models import StockBalance, StockMovement
from inventory.services import stock_reconcile
from tests.factories.catalog import ProductFactory
from tests.factories.inventory import stock_receive

pytestmark = pytest.mark.django_db


def test_history_adds_receipts_and_sales_but_leaves_stock_and_reconciliation_unchanged():
    products = [ProductFactory() for _ in range(3)]
    for product in products:
        stock_receive(product=product, quantity=12)
    before = sorted(StockBalance.objects.values_list("product_id", "location_id", "lot_id", "on_hand", "reserved"))

    written = ledger_seed(movements=200, product_ids=[p.pk for p in products], seed=4, last_fiscal_year_be=2569)

    assert 196 < written <= 200
    assert StockMovement.objects.filter(reason=HISTORY_REASON).count() == written
    assert set(StockMovement.objects.filter(reason=HISTORY_REASON).values_list("kind", flat=True)) >= {
        "receipt",
        "put_away",
        "counter_sale",
    }
    assert (
        sorted(StockBalance.objects.values_list("product_id", "location_id", "lot_id", "on_hand", "reserved")) == before
    )
    assert stock_reconcile(repair=False) == []


def test_history_is_written_once():
    product = ProductFactory()
    stock_receive(product=product, quantity=5)
    ledger_seed(movements=30, product_ids=[product.pk], seed=1, last_fiscal_year_be=2569)

    assert ledger_seed(movements=30, product_ids=[product.pk], seed=1, last_fiscal_year_be=2569) == 0
