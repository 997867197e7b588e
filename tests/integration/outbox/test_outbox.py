"""The transactional outbox (shop/outbox/services.py): a task sent after a
commit is a row of the same transaction, published at commit or, when the
broker is down then, by the relay once it is back. Nothing is lost, nothing
is published twice by two relays, and eager mode runs tasks at commit as
``delay_on_commit`` did.

Issue 17 measured the failure these tests pin: with the broker down, the
send after commit raised (a 500 for a buyer whose order was already saved)
and nothing ever sent the task again."""

from __future__ import annotations

import base64
import json
import threading
import time
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from shop.order.models import OrderNotification
from shop.order.services import order_payment_confirmed
from shop.order.tasks import send_order_email
from shop.outbox import services
from shop.outbox.models import Heartbeat, OutboxMessage
from shop.outbox.services import outbox_backoff, outbox_relay, outbox_send
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db

TASK = "shop.order.tasks.send_order_email"


@pytest.fixture
def order():
    order = order_place(lines=[(stocked_product(quantity=3), 1)], email="tourist@example.com")
    # Placing it queued its "received" email, never published here (the
    # test's transaction does not commit): out of the way of the counts.
    OutboxMessage.objects.all().delete()
    return order


def _published(server) -> list[tuple[str, list]]:
    """(task name, args) of every message waiting in the throwaway broker's default queue."""
    with server.client() as client:
        raw = client.lrange("celery", 0, -1)
    messages = []
    for item in raw:
        envelope = json.loads(item)
        args, _kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
        messages.append((envelope["headers"]["task"], args))
    return messages


# --- in the caller's transaction ---------------------------------------------------------


def test_a_message_is_written_in_the_callers_transaction_and_runs_at_commit(order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            outbox_send(task=send_order_email, args=[order.pk, "received", ""])
            # Written, not run: nothing reaches a worker before the commit.
            assert OutboxMessage.objects.filter(task_name=TASK, sent_at__isnull=True).count() == 1
            assert mail.outbox == []

    message = OutboxMessage.objects.get(task_name=TASK)
    assert message.args == [order.pk, "received", ""] and message.sent_at is not None
    assert [m.to for m in mail.outbox] == [["tourist@example.com"]]


def test_a_rolled_back_transaction_leaves_no_message_and_runs_no_task(order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox_send(task=send_order_email, args=[order.pk, "received", ""])
            raise RuntimeError("the data is rolled back")

    assert OutboxMessage.objects.count() == 0
    assert callbacks == [] and mail.outbox == []


def test_in_eager_mode_a_failing_task_still_raises_at_commit_as_delay_on_commit_did(
    order, django_capture_on_commit_callbacks
):
    # CELERY_TASK_EAGER_PROPAGATES: a broken task is seen by the developer.
    with pytest.raises(ValueError, match="unknown order email event"):
        with django_capture_on_commit_callbacks(execute=True):
            outbox_send(task=send_order_email, args=[order.pk, "no-such-event", ""])

    # Handed over and run: not run again by a relay.
    assert OutboxMessage.objects.get().sent_at is not None


# --- the broker down at commit -----------------------------------------------------------


def test_a_payment_confirmed_while_the_broker_is_down_is_saved_and_its_email_waits_in_the_outbox(
    order, broker, throwaway_redis, django_capture_on_commit_callbacks
):
    broker(throwaway_redis.url)  # not started: connection refused

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = order_payment_confirmed(order=order, amount=Decimal("450.00"), method_label="Card")

    # No exception reached the caller (the webhook, the buyer's request).
    assert confirmed is True
    order.refresh_from_db()
    assert order.paid_at is not None and order.status == "paid"
    message = OutboxMessage.objects.get(task_name=TASK)
    assert message.args == [order.pk, "paid", ""]
    assert message.sent_at is None and message.attempts == 1 and message.locked_until is None
    assert "OperationalError" in message.last_error
    assert message.next_attempt_at >= before + timedelta(seconds=10)


def test_the_relay_sends_a_waiting_message_once_the_broker_is_back_and_only_once(
    order, broker, throwaway_redis, django_capture_on_commit_callbacks
):
    broker(throwaway_redis.url)
    with django_capture_on_commit_callbacks(execute=True):
        order_payment_confirmed(order=order, amount=Decimal("450.00"), method_label="Card")
    message = OutboxMessage.objects.get(task_name=TASK)

    # Still down when its backoff ran out: tried again, backed off further.
    assert outbox_relay(now=message.next_attempt_at) == {"sent": 0, "failed": 1, "pruned": 0}
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is None

    throwaway_redis.start()
    # Not due yet: the relay leaves it alone.
    assert outbox_relay(now=timezone.now())["sent"] == 0
    assert outbox_relay(now=message.next_attempt_at)["sent"] == 1
    assert outbox_relay(now=message.next_attempt_at + timedelta(minutes=30))["sent"] == 0

    message.refresh_from_db()
    assert message.sent_at is not None and message.locked_until is None
    assert _published(throwaway_redis) == [(TASK, [order.pk, "paid", ""])]


def test_with_the_broker_up_the_message_is_published_at_commit_and_marked_sent(
    order, broker, throwaway_redis, django_capture_on_commit_callbacks
):
    throwaway_redis.start()
    broker(throwaway_redis.url)

    with django_capture_on_commit_callbacks(execute=True):
        order_payment_confirmed(order=order, amount=Decimal("450.00"), method_label="Card")

    assert OutboxMessage.objects.get(task_name=TASK).sent_at is not None
    assert _published(throwaway_redis) == [(TASK, [order.pk, "paid", ""])]
    assert outbox_relay()["sent"] == 0  # nothing left for the relay


def test_after_a_failed_publish_the_process_leaves_new_messages_to_the_relay_for_a_while(
    order, broker, throwaway_redis, django_capture_on_commit_callbacks
):
    # A broker that hangs costs its timeout once, not on every request.
    broker(throwaway_redis.url)
    with django_capture_on_commit_callbacks(execute=True):
        outbox_send(task=send_order_email, args=[order.pk, "received", ""])

    with mock.patch.object(services, "_publish") as publish:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            second = outbox_send(task=send_order_email, args=[order.pk, "paid", ""])

    publish.assert_not_called()
    assert callbacks == []
    second.refresh_from_db()
    assert second.locked_until is None and second.sent_at is None  # the relay's to send


def test_with_the_broker_down_a_commit_of_several_messages_waits_for_the_broker_once_not_once_each(
    order, broker, throwaway_redis, django_capture_on_commit_callbacks
):
    # An order placed and paid in one transaction sends several messages:
    # the first publish finds the broker down, the others go to the relay at
    # once instead of each waiting for its own connect timeout in the request.
    broker(throwaway_redis.url)  # not started: connection refused

    with mock.patch.object(services, "_publish", wraps=services._publish) as publish:
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                sent = [
                    outbox_send(task=send_order_email, args=[order.pk, event, ""]) for event in ("received", "paid")
                ]

    assert publish.call_count == 1
    for message in sent:
        message.refresh_from_db()
        assert message.sent_at is None and message.locked_until is None  # the relay's to send


# --- the relay ---------------------------------------------------------------------------


def _waiting(*, count: int = 1, **fields) -> list[OutboxMessage]:
    now = timezone.now()
    defaults = {"task_name": "shop.tasks.ping", "args": [], "created_at": now, "next_attempt_at": now}
    return [OutboxMessage.objects.create(**{**defaults, **fields}) for _ in range(count)]


def test_the_relay_leaves_a_message_its_writer_is_still_publishing(broker):
    broker("redis://127.0.0.1:1/0")
    now = timezone.now()
    [message] = _waiting(locked_until=now + services.FAST_PATH_LEASE)

    with mock.patch.object(services, "_publish") as publish:
        assert outbox_relay(now=now)["sent"] == 0
        publish.assert_not_called()
        # The writer died before publishing: the lease runs out, the relay takes it.
        assert outbox_relay(now=now + services.FAST_PATH_LEASE + timedelta(seconds=1))["sent"] == 1
    publish.assert_called_once()
    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_message_claimed_by_one_relay_is_not_taken_by_another(broker):
    broker("redis://127.0.0.1:1/0")
    _waiting(count=3)
    now = timezone.now()
    claimed = services._claim_due(now=now, limit=10)  # a relay that claimed and is publishing

    with mock.patch.object(services, "_publish") as publish:
        assert outbox_relay(now=now + timedelta(seconds=30))["sent"] == 0
    publish.assert_not_called()
    assert len(claimed) == 3


def test_the_relay_stops_at_the_first_broker_error_and_releases_the_rest(broker, throwaway_redis):
    broker(throwaway_redis.url)
    first, second, third = _waiting(count=3)

    assert outbox_relay() == {"sent": 0, "failed": 1, "pruned": 0}

    rows = {m.pk: m for m in OutboxMessage.objects.all()}
    assert rows[first.pk].attempts == 1 and rows[first.pk].next_attempt_at > timezone.now()
    # Not tried, not counted, free for the next run.
    assert [(rows[m.pk].attempts, rows[m.pk].locked_until) for m in (second, third)] == [(0, None), (0, None)]


def test_the_backoff_starts_at_ten_seconds_and_doubles_up_to_ten_minutes():
    assert [outbox_backoff(attempts=n).total_seconds() for n in range(1, 9)] == [10, 20, 40, 80, 160, 320, 600, 600]


def test_the_relay_prunes_messages_sent_days_ago_and_keeps_the_rest(broker):
    broker("redis://127.0.0.1:1/0")
    now = timezone.now()
    [old] = _waiting(sent_at=now - timedelta(days=4))
    [recent] = _waiting(sent_at=now - timedelta(days=1))
    [unsent] = _waiting(created_at=now - timedelta(days=5), next_attempt_at=now + timedelta(minutes=5))

    assert outbox_relay(now=now)["pruned"] == 1

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}


def test_each_relay_run_records_the_worker_heartbeat():
    now = timezone.now()
    outbox_relay(now=now)
    outbox_relay(now=now + timedelta(seconds=15))

    assert list(Heartbeat.objects.values_list("name", "beat_at")) == [("outbox-relay", now + timedelta(seconds=15))]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the project rule for committed tests
def test_two_relays_running_at_once_publish_each_message_exactly_once(broker):
    broker("redis://127.0.0.1:1/0")
    messages = _waiting(count=120)
    published: list[int] = []
    lock = threading.Lock()

    def publish(message):
        with lock:
            published.append(message.pk)
        time.sleep(0.002)  # publishing takes a moment: the other relay runs meanwhile

    def relay():
        try:
            while outbox_relay(limit=15)["sent"]:
                pass
        finally:
            connection.close()

    with mock.patch.object(services, "_publish", side_effect=publish):
        threads = [threading.Thread(target=relay) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(published) == sorted(m.pk for m in messages)  # each once, none left out
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
    assert OrderNotification.objects.count() == 0  # nothing ran in-process
