"""Customer emails: one per event, in the order's language, sent after commit."""

import pytest
from django.core import mail

from shop.order.models import OrderNotification
from shop.order.services import (
    order_dispatched,
    order_email_send,
    order_packed,
    order_payment_confirmed,
    order_picking_start,
    order_ready_for_pickup,
)
from tests.factories.order import order_place, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(db):
    return stocked_product(price="300.00", quantity=5)


def test_each_event_sends_one_email_in_the_customers_language(product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_place(lines=[(product, 1)], shipping_code="ems-thailand", language="en")
        order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
        order_picking_start(order=order)
        order_packed(order=order)
        order_dispatched(order=order, carrier="thailand_post", tracking_number="EF123456789TH")

    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        f"Order {order.number} received",
        f"Payment received for order {order.number}",
        f"Order {order.number} is on its way",
    ]
    assert "https://track.thailandpost.co.th/?trackNumber=EF123456789TH" in mail.outbox[-1].body
    assert mail.outbox[0].to == ["guest@example.com"]


@pytest.mark.parametrize("language", ["th", "zh-hans"])
def test_emails_are_written_in_the_order_language_whoever_triggers_them(
    product, language, monkeypatch, django_capture_on_commit_callbacks
):
    from django.template import loader
    from django.utils import translation

    rendered_in = []

    def render(template_name, context=None, *args, **kwargs):
        rendered_in.append(translation.get_language())
        return loader.render_to_string(template_name, context, *args, **kwargs)

    monkeypatch.setattr("shop.order.emails.render_to_string", render)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # staff work in English
        order = order_place(lines=[(product, 1)], language=language)
        order_picking_start(order=order)
        order_packed(order=order)
        order_ready_for_pickup(order=order)

    assert set(rendered_in) == {language}
    assert len(mail.outbox) == 2 and order.pickup_code in mail.outbox[-1].body


def test_a_retried_task_does_not_send_the_same_email_twice(product):
    order = order_place(lines=[(product, 1)])
    mail.outbox.clear()

    first = order_email_send(order_id=order.pk, event="received")
    second = order_email_send(order_id=order.pk, event="received")

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
    assert OrderNotification.objects.filter(order=order, event="received").count() == 1


def test_a_failed_send_is_not_recorded_so_the_retry_sends_it(product, monkeypatch):
    order = order_place(lines=[(product, 1)])
    mail.outbox.clear()

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("shop.order.services.send_mail", broken)
    with pytest.raises(OSError):
        order_email_send(order_id=order.pk, event="received")
    monkeypatch.undo()

    assert order_email_send(order_id=order.pk, event="received") is True
    assert len(mail.outbox) == 1
