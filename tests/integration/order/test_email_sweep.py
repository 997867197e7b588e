"""The sweep that gives paid orders their missing "received" and "paid"
emails (shop.order.services.order_emails_missing_send, beat task
shop.order.tasks.order_emails_sweep): queued after a grace period, for
recent orders only, never queued twice while waiting, and each email sent
exactly once however often the sweep runs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from shop.order.models import OrderNotification
from shop.order.services import order_emails_missing_send
from shop.order.tasks import order_emails_sweep
from shop.outbox.models import OutboxMessage
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db


def _paid_order_without_emails(*, paid_ago: timedelta, email: str = "tourist@example.com"):
    order = order_place(lines=[(stocked_product(quantity=3), 1)], email=email)
    type(order).objects.filter(pk=order.pk).update(paid_at=timezone.now() - paid_ago)
    # Its emails' messages were published and lost (a broker without
    # persistence restarted): nothing waits in the outbox, nothing was sent.
    OutboxMessage.objects.filter(sent_at__isnull=True).update(sent_at=timezone.now() - paid_ago)
    OrderNotification.objects.filter(order=order).delete()
    return order


def test_the_sweep_sends_a_paid_orders_missing_emails_once_however_often_it_runs(django_capture_on_commit_callbacks):
    order = _paid_order_without_emails(paid_ago=timedelta(minutes=20))

    with django_capture_on_commit_callbacks(execute=True):
        assert order_emails_sweep.apply().get() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert order_emails_sweep.apply().get() == 0

    assert sorted(OrderNotification.objects.filter(order=order).values_list("event", flat=True)) == ["paid", "received"]
    sent = [m for m in mail.outbox if m.to == ["tourist@example.com"]]
    assert len(sent) == 2


def test_the_sweep_waits_for_the_normal_path_before_queueing():
    _paid_order_without_emails(paid_ago=timedelta(minutes=3))

    assert order_emails_missing_send() == 0


def test_the_sweep_leaves_orders_paid_days_ago_alone():
    _paid_order_without_emails(paid_ago=timedelta(days=3))

    assert order_emails_missing_send() == 0


def test_the_sweep_does_not_queue_an_email_already_waiting_in_the_outbox():
    order = _paid_order_without_emails(paid_ago=timedelta(minutes=20))

    assert order_emails_missing_send() == 2  # the test's transaction never commits: they wait
    assert order_emails_missing_send() == 0

    waiting = OutboxMessage.objects.filter(task_name="shop.order.tasks.send_order_email", sent_at__isnull=True)
    assert sorted(tuple(m.args) for m in waiting) == [(order.pk, "paid", ""), (order.pk, "received", "")]


def test_an_email_sent_meanwhile_by_the_normal_path_is_not_sent_again(django_capture_on_commit_callbacks):
    from shop.order.services import order_email_send

    order = _paid_order_without_emails(paid_ago=timedelta(minutes=20))
    order_email_send(order_id=order.pk, event="received")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert order_emails_missing_send() == 1

    assert [m.subject for m in mail.outbox if m.to == ["tourist@example.com"]] != []
    assert OrderNotification.objects.filter(order=order).count() == 2
    assert len(mail.outbox) == 1
