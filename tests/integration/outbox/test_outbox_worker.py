"""End to end with a real worker: a buyer pays while the broker is down;
the order is saved, its "paid" email waits in the outbox; once the broker is
back the relay publishes it and a real `celery -A shop worker` sends it,
once. The broker is a throwaway redis-server this test starts itself (never
the shared one); the worker runs on the test's PostgreSQL database, as in
tests/integration/shop/test_worker_kill.py, whose worker harness it uses."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from shop.order.models import OrderNotification
from shop.order.services import order_payment_confirmed
from shop.outbox.models import OutboxMessage
from shop.outbox.services import outbox_relay
from tests.factories.order import order_place, stocked_product
from tests.integration.shop.test_worker_kill import Workers, _wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TASK = "shop.order.tasks.send_order_email"


def test_an_email_queued_while_the_broker_was_down_is_sent_once_by_a_worker_when_it_is_back(
    tmp_path, broker, throwaway_redis
):
    order = order_place(lines=[(stocked_product(quantity=3), 1)], email="tourist@example.com")
    broker(throwaway_redis.url)  # configured, not started: down

    order_payment_confirmed(order=order, amount=Decimal("450.00"), method_label="Card")  # commits

    order.refresh_from_db()
    assert order.paid_at is not None
    message = OutboxMessage.objects.get(task_name=TASK, sent_at__isnull=True)
    assert message.args == [order.pk, "paid", ""]

    throwaway_redis.start()
    workers = Workers(tmp_path=tmp_path, queue="celery")
    workers.env["CELERY_BROKER_URL"] = throwaway_redis.url
    paid = OrderNotification.objects.filter(order=order, event="paid")
    try:
        workers.start("worker")
        assert outbox_relay(now=message.next_attempt_at)["sent"] == 1
        _wait_for(paid.exists, seconds=60, what="the worker to send the paid email", logs=lambda: workers.log("worker"))
        # Later relay runs find nothing more to send.
        assert outbox_relay(now=message.next_attempt_at + timedelta(minutes=30))["sent"] == 0
    finally:
        workers.stop_all()

    assert paid.count() == 1
    sent = [path.read_text(errors="replace") for path in workers.emails.iterdir()]
    assert sum(text.count("To: tourist@example.com") for text in sent) == 1
