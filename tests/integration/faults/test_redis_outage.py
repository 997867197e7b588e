"""Fault drill: Redis (cache and broker) stopped while people browse and buy.

The production set-up (gunicorn with 2 workers, a Celery worker and beat,
DEBUG off) runs on pytest-django's test database and a private redis-server
(database 0 the broker, 1 the cache; production should use two servers,
docs/operations.md, but one server stopping takes both down: the harder
case). Two visitors browse the storefront the whole time; three guests buy
by card through the fake Stripe:

* before the outage all three reach the preview, and the first ("paying")
  presses "Pay" and is on the payment page;
* Redis is stopped (SIGTERM, as `systemctl stop` does) for OUTAGE_SECONDS;
  meanwhile "paying" is charged, Stripe's signed webhook arrives and the
  guest comes back from Stripe; the second ("during") presses "Pay", is
  charged and comes back the same way;
* Redis returns; the third ("after"), whose checkout began before the
  outage, pays. A webhook that did not get a 2xx is delivered again, as
  Stripe does.

Promises (issue #17): every storefront page answers 200 throughout, the
load balancer's readiness probe stays 200, every checkout ends on the
thank-you page, and once Redis is back every charge has exactly one order,
one payment, its processed Stripe event and its two emails ("received",
"paid"): nothing lost, nothing doubled, within SETTLE_SECONDS.
"""

from __future__ import annotations

import os
import time

import pytest

from .harness import Browsers, Buyer, Checks, Client, StepFailed, settle, table_row, tally, test_database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OUTAGE_SECONDS = 12
# How long after Redis returns the backlog may take to drain (the outbox
# relay and the sweeps run on beat); production alerts long before this.
SETTLE_SECONDS = int(os.environ.get("OTOP_FAULTS_SETTLE_SECONDS", "150"))
READINESS = "/healthz/ready/"


def test_with_redis_stopped_the_shop_keeps_selling_and_every_paid_order_gets_its_emails_and_events(
    storefront, drill_redis, drill_stripe, make_stack, traffic, drill_row
):
    database_url = test_database_url()
    stack = make_stack(database_url=database_url, redis=drill_redis)
    checks = Checks("Redis stopped during browsing and checkout")
    paying = Buyer(base=stack.base, who="buyer-paying", traffic=traffic, urls=storefront, stripe=drill_stripe)
    during = Buyer(base=stack.base, who="buyer-during", traffic=traffic, urls=storefront, stripe=drill_stripe)
    after = Buyer(base=stack.base, who="buyer-after", traffic=traffic, urls=storefront, stripe=drill_stripe)
    probe = Client(base=stack.base, who="probe", traffic=traffic)
    buyers = [paying, during, after]

    with Browsers(base=stack.base, pages=storefront.pages, traffic=traffic):
        for buyer in buyers:
            buyer.to_preview()  # before the outage: a failure here is the set-up's, not the drill's
        paying.press_pay()
        time.sleep(2)

        down_at = traffic.now()
        drill_redis.stop()
        for buyer in (paying, during):
            try:
                if buyer is during:
                    buyer.press_pay()
                buyer.pay_at_stripe()
                checks.check(buyer.webhooks[-1][1] == 200, f"{buyer.who}: Stripe's webhook during the outage "
                             f"answered {buyer.webhooks[-1][1]}, not 200")  # fmt: skip
                checks.check(buyer.thanked(), f"{buyer.who} paid during the outage and got no thank-you page")
            except StepFailed as exc:
                checks.check(False, f"during the outage: {exc}")
        ready = probe.get(READINESS)
        checks.check(ready is not None and ready.status_code == 200,
                     f"readiness ({READINESS}) answered {ready.status_code if ready is not None else 'nothing'} "
                     "with only Redis down: a load balancer would take the site out")  # fmt: skip
        time.sleep(max(0.0, OUTAGE_SECONDS - (traffic.now() - down_at)))
        up_at = traffic.now()
        drill_redis.start()
        returned = time.monotonic()

        time.sleep(2)
        try:
            after.press_pay()
            after.pay_at_stripe()
        except StepFailed as exc:
            checks.check(False, f"after the outage: {exc}")
        for buyer in buyers:
            buyer.redeliver_failed()
        checks.check(after.thanked(), "the checkout begun before the outage did not end on the thank-you page")
        for buyer in (paying, during):
            if buyer.order_number and not buyer.thanked():
                checks.check(False, f"{buyer.who} paid during the outage and has no thank-you page even after it")

    settle_from = time.monotonic()
    took, result = settle(
        seconds=SETTLE_SECONDS,
        read=lambda: tally(database_url=database_url, buyers=buyers, stack=stack, stripe=drill_stripe),
    )
    since_return = None if took is None else settle_from - returned + took
    table_row(drill_row, traffic=traffic, result=result, recover_seconds=since_return,
              recover_what="Redis back -> every paid order has its emails and processed events")  # fmt: skip

    pages = [r for r in traffic.records if r[1].startswith("browser")]
    not_ok = [r for r in pages if r[3] != 200]
    in_outage = [r for r in not_ok if down_at <= r[0] < up_at]
    checks.check(not not_ok, f"{len(not_ok)} of {len(pages)} storefront page views were not 200 "
                 f"({len(in_outage)} during the outage), e.g. {not_ok[:3]}")  # fmt: skip
    buyer_errors = traffic.failures(who="buyer")
    checks.check(not buyer_errors, f"buyers got {len(buyer_errors)} 5xx or dropped answers, e.g. {buyer_errors[:3]}")
    checks.check(result.paid == len(buyers), f"{result.paid} of {len(buyers)} buyers were charged")
    checks.check(took is not None, f"{SETTLE_SECONDS}s after Redis returned: {result.orders_lost} charges without an "
                 f"order, {result.events_lost} of {result.events} events unprocessed, {result.emails_lost} emails "
                 f"never sent")  # fmt: skip
    checks.check(
        result.all_doubled == 0, f"doubled: {result.emails_doubled} emails, {result.doubled} orders or payments"
    )
    checks.done(stack.logs)
