"""Real threads on PostgreSQL: "Pay" pressed in several tabs at once for one
basket holds its stock once and opens one payment (issue #17, item 4).

Before the basket row lock in payment_start, the first attempt of a basket
had no row to lock: every click reserved the units (the losers' holds were
rolled back only by the attempt-number constraint) and the loser's view
thawed the winner's frozen basket."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from inventory.models import StockBalance, StockMovement
from shop.payment.models import PaymentAttempt
from shop.payment.services import payment_start

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABS = 4


def test_pay_pressed_in_four_tabs_at_once_opens_one_payment_and_holds_the_stock_once(fake_stripe, checkout, product):
    basket, snapshot = checkout
    barrier = threading.Barrier(TABS)

    def press_pay():
        try:
            barrier.wait()
            return payment_start(basket=basket, snapshot=snapshot, method="card").pk
        except Exception as exc:
            return f"error: {exc!r}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=TABS) as pool:
        results = list(pool.map(lambda _n: press_pay(), range(TABS)))

    attempt = PaymentAttempt.objects.get()
    assert results == [attempt.pk] * TABS
    assert attempt.is_open and len(fake_stripe.payment_intents) == 1
    assert StockMovement.objects.filter(kind=StockMovement.Kind.RESERVATION).count() == 1
    assert sum(StockBalance.objects.filter(product=product).values_list("reserved", flat=True)) == 2
