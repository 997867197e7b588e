"""Real threads, real PostgreSQL row locks: the stock pool cannot be oversold
and opposite lock orders cannot deadlock.

Each worker thread has its own database connection (closed when it is
done). The tests commit for real (transaction=True); serialized_rollback
puts the migrated center layout back for the tests that run after them.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, connection

from inventory.exceptions import InsufficientStock, StockError
from inventory.models import Receipt, StockBalance, StockMovement
from inventory.services import (
    ReceiptLineInput,
    counter_sale_post,
    receipt_create,
    receipt_post,
    reservation_create,
    stock_reconcile,
)
from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecord
from tests.factories.inventory import stock_receive

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORKERS = 20


def _outcome(call):
    """Run one buyer in its own connection and classify what happened."""
    try:
        call()
        return "ok"
    except InsufficientStock:
        return "out_of_stock"
    except StockError as exc:
        return f"refused: {exc.code}"
    except OperationalError as exc:
        return "deadlock" if "deadlock" in str(exc) else f"error: {exc!r}"
    except Exception as exc:
        return f"error: {exc!r}"
    finally:
        connection.close()


def _race(calls) -> list[str]:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(_outcome, calls))


class _Watcher(threading.Thread):
    """Reads the balances over and over while the race runs and remembers
    the worst it saw: available stock must never be seen below zero."""

    def __init__(self, product_ids):
        super().__init__(daemon=True)
        self.product_ids = product_ids
        self.stop = threading.Event()
        self.worst_available = None
        self.reads = 0

    def run(self):
        try:
            while not self.stop.is_set():
                for on_hand, reserved in StockBalance.objects.filter(product_id__in=self.product_ids).values_list(
                    "on_hand", "reserved"
                ):
                    available = on_hand - reserved
                    if self.worst_available is None or available < self.worst_available:
                        self.worst_available = available
                self.reads += 1
        finally:
            connection.close()


def _product(quantity: int):
    product = ProductFactory(producer=ProducerFactory())
    stock_receive(product=product, quantity=quantity)
    return product


def test_two_hundred_buyers_racing_for_the_last_ten_units_exactly_ten_win_and_nobody_errors():
    product = _product(10)
    watcher = _Watcher([product.pk])
    watcher.start()

    outcomes = _race(
        (lambda i=i: reservation_create(reference=f"basket:{i}", lines=[(product.pk, 1)])) for i in range(200)
    )

    watcher.stop.set()
    watcher.join()
    assert outcomes.count("ok") == 10
    assert outcomes.count("out_of_stock") == 190
    assert [o for o in outcomes if o not in ("ok", "out_of_stock")] == []  # no deadlock, no other error
    assert watcher.reads > 0 and watcher.worst_available >= 0
    balance = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    assert (balance.on_hand, balance.reserved) == (10, 10)
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (10, 10)
    assert StockMovement.objects.filter(product=product, kind="reservation").count() == 10
    assert stock_reconcile() == []


def test_baskets_taking_the_same_products_in_opposite_orders_do_not_deadlock():
    products = [_product(1000) for _ in range(3)]
    forward = [(p.pk, 1) for p in products]
    backward = list(reversed(forward))

    outcomes = _race(
        (lambda i=i: reservation_create(reference=f"basket:{i}", lines=forward if i % 2 else backward))
        for i in range(200)
    )

    assert outcomes == ["ok"] * 200
    for product in products:
        record = StockRecord.objects.get(product=product)
        assert (record.num_in_stock, record.num_allocated) == (1000, 200)
    assert stock_reconcile() == []


def test_walk_in_and_online_buyers_share_one_pool_without_overselling():
    product = _product(10)

    def buyer(i):
        if i % 2:
            return lambda: counter_sale_post(reference=f"counter_sale:{i}", lines=[(product.pk, 1)])
        return lambda: reservation_create(reference=f"basket:{i}", lines=[(product.pk, 1)])

    outcomes = _race(buyer(i) for i in range(100))

    assert outcomes.count("ok") == 10
    assert outcomes.count("out_of_stock") == 90
    balance = StockBalance.objects.get(product=product, location__code="SKP-A-01")
    sold = StockMovement.objects.filter(product=product, kind="counter_sale").count()
    assert (balance.on_hand, balance.reserved) == (10 - sold, 10 - sold)
    assert stock_reconcile() == []


def test_a_receipt_posted_by_two_clerks_at_once_is_posted_once():
    product = ProductFactory(producer=ProducerFactory())
    receipt = receipt_create(producer=product.producer, lines=[ReceiptLineInput(product=product, quantity=5)])

    outcomes = _race((lambda: receipt_post(receipt=Receipt.objects.get(pk=receipt.pk))) for _ in range(10))

    assert outcomes.count("ok") == 1
    assert outcomes.count("refused: already_posted") == 9
    assert StockMovement.objects.filter(product=product).count() == 1
    assert StockRecord.objects.get(product=product).num_in_stock == 5
