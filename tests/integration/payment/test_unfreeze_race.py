"""Real threads on PostgreSQL: the resume middleware thawing a frozen basket
(shop/checkout/resume.py, basket_unfreeze) never thaws one whose "Pay" is
opening a payment at that very moment (issue #17, item 4).

basket_unfreeze checked the basket's attempts and then waited for the basket
row, which payment_start holds while it writes the first attempt: once that
attempt committed, the thaw went ahead on what it had read before the wait,
and a basket with an open payment and its stock held was open again (a
double-clicked "Pay", or the basket page in a second tab)."""

import threading
import time

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.payment import services
from shop.payment.models import PaymentAttempt

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Basket = get_model("basket", "Basket")


def test_a_basket_is_not_thawed_while_pay_is_writing_its_first_payment(fake_stripe, checkout, monkeypatch):
    basket, snapshot = checkout
    basket.freeze()  # as the checkout does just before payment_start
    locked, go_on = threading.Event(), threading.Event()
    real_reserve = services.reservation_create

    def reserve_then_wait(**kwargs):
        held = real_reserve(**kwargs)
        locked.set()  # payment_start holds the basket row now
        go_on.wait(10)
        return held

    monkeypatch.setattr(services, "reservation_create", reserve_then_wait)
    results = {}

    def pay():
        try:
            results["pay"] = services.payment_start(basket=basket, snapshot=snapshot, method="card")
        finally:
            connection.close()

    def thaw():
        try:
            results["thaw"] = services.basket_unfreeze(basket_id=basket.pk)
        finally:
            connection.close()

    paying = threading.Thread(target=pay)
    paying.start()
    assert locked.wait(10)
    thawing = threading.Thread(target=thaw)
    thawing.start()
    time.sleep(0.5)  # the thaw is now waiting for the basket row
    go_on.set()
    paying.join(10)
    thawing.join(10)

    attempt = PaymentAttempt.objects.get()
    assert results["pay"].pk == attempt.pk and attempt.is_open
    assert results["thaw"] is None
    assert Basket.objects.get(pk=basket.pk).status == Basket.FROZEN
