"""Fault drill: the gunicorn worker serving "Pay" killed before it answers.

The production set-up (gunicorn with 2 workers, a Celery worker and beat,
DEBUG off) on pytest-django's test database and a private redis-server. A
guest reaches the preview and presses "Pay". The shop saves the payment
attempt with the stock reserved, then asks Stripe for the PaymentIntent;
the fake Stripe holds that request, the drill finds the gunicorn worker that
sent it (its socket to the fake) and kills it with SIGKILL. Stripe then
completes the create (its answer goes nowhere): the worst case, a
PaymentIntent exists that the shop never heard of. The buyer's browser gets
a dropped connection; gunicorn starts a new worker.

Promise (issue #17): the buyer resumes (reloads the preview, or presses
"Pay" again) and lands on the open attempt's payment page, which gets the
same PaymentIntent back (same idempotency key), pays, and reaches the
thank-you page; the stock is held once and taken once; one order, one
payment, one PaymentIntent.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from .harness import (
    Buyer,
    Checks,
    StepFailed,
    pid_with_connection,
    settle,
    stock_of,
    table_row,
    tally,
    test_database_url,
    wait_until,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_buyer_whose_web_worker_died_after_pay_resumes_and_pays_with_the_stock_held_once(
    storefront, drill_redis, drill_stripe, make_stack, traffic, drill_row
):
    database_url = test_database_url()
    stack = make_stack(database_url=database_url, redis=drill_redis)
    checks = Checks('web worker killed after "Pay"')
    buyer = Buyer(base=stack.base, who="buyer", traffic=traffic, urls=storefront, stripe=drill_stripe)
    stripe_port = int(drill_stripe.url.rsplit(":", 1)[1])

    buyer.to_preview()
    on_hand, reserved = stock_of(database_url, storefront.product_pk)
    drill_stripe.hold_next_create()
    outcome: dict = {}

    def press_pay():
        try:
            outcome["page"] = buyer.press_pay()
        except StepFailed as exc:
            outcome["error"] = str(exc)

    pressing = threading.Thread(target=press_pay, daemon=True)
    pressing.start()
    assert drill_stripe.held.wait(60), '"Pay" never asked Stripe for a PaymentIntent\n' + stack.logs()
    workers = stack.web_worker_pids()
    victim = pid_with_connection(local_port=drill_stripe.held_from_port, remote_port=stripe_port, among=workers)
    assert victim is not None, f"no gunicorn worker ({workers}) holds the connection to Stripe"
    os.kill(victim, signal.SIGKILL)
    killed = time.monotonic()
    time.sleep(0.5)
    drill_stripe.release.set()  # Stripe creates the PaymentIntent; nobody hears the answer
    pressing.join(timeout=60)
    checks.check("page" not in outcome, f'the killed worker still answered "Pay": {outcome}')
    wait_until(
        lambda: victim not in stack.web_worker_pids() and len(stack.web_worker_pids()) == stack.web_workers, seconds=30
    )
    held_after_kill = stock_of(database_url, storefront.product_pk)[1] - reserved

    resumed_seconds = None
    try:
        buyer.resume()
        resumed_seconds = time.monotonic() - killed
        held_on_page = stock_of(database_url, storefront.product_pk)[1] - reserved
        checks.check(held_on_page == 1, f"{held_on_page} units held while the buyer is on the payment page (1 bought)")
        buyer.pay_at_stripe()
        checks.check(wait_until(buyer.thanked, seconds=30) is not None, "the buyer did not reach the thank-you page")
    except StepFailed as exc:
        checks.check(False, f'resuming after the dropped "Pay": {exc}')

    _took, result = settle(
        seconds=60, read=lambda: tally(database_url=database_url, buyers=[buyer], stack=stack, stripe=drill_stripe)
    )
    intents = drill_stripe.intents_for(buyer.order_number) if buyer.order_number else []
    table_row(drill_row, traffic=traffic, result=result, recover_seconds=resumed_seconds,
              recover_what="worker killed -> the buyer back on the payment page")  # fmt: skip
    final_on_hand, final_reserved = stock_of(database_url, storefront.product_pk)

    checks.check(held_after_kill == 1, f"{held_after_kill} units held after the kill (1 bought)")
    checks.check(
        len(intents) == 1, f"{len(intents)} PaymentIntents for the order (one, created with one idempotency key)"
    )
    checks.check(result.orders == 1 and result.payments == 1, f"{result.orders} orders, {result.payments} payments")
    # A paid order's reservation is confirmed and stays reserved until the
    # order is dispatched (docs/inventory.md): one unit, once.
    checks.check((final_on_hand, final_reserved) == (on_hand, reserved + 1),
                 f"stock after the sale: {final_on_hand} on hand, {final_reserved} reserved; "
                 f"expected {on_hand} and {reserved + 1}")  # fmt: skip
    checks.check(
        result.lost == 0 and result.all_doubled == 0,
        f"emails {result.emails}/{result.emails_expected}, lost {result.lost}, doubled {result.all_doubled}",
    )
    failures = traffic.failures()
    dropped_pay = [r for r in failures if r[3] == 0 and r[2] == storefront.preview][:1]  # the killed one, expected
    others = [r for r in failures if r not in dropped_pay]
    checks.check(not others, f'5xx or dropped answers besides the killed "Pay": {others[:3]}')
    checks.done(stack.logs)
