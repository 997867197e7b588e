"""The customer's emails about an order, in the language of the order."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.common.email_links import site_url

from . import statuses
from .carriers import carrier_label, tracking_url

Order = get_model("order", "Order")
OrderNotification = get_model("order", "OrderNotification")

EVENTS = ("received", "paid", "dispatched", "ready_for_pickup", "refunded")


def order_status_url(*, order) -> str:
    """Absolute link to the order page: the account page for a customer with
    an account, else Oscar's signed anonymous order-status URL."""
    try:
        if order.user_id:
            path = reverse("customer:order", kwargs={"order_number": order.number})
        else:
            path = reverse(
                "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
            )
    except NoReverseMatch:
        return ""
    return site_url(path)


def order_email_send(*, order_id: int, event: str, key: str = "") -> bool:
    """Send the email for (order, event, key) once. The notification row is
    written in the same transaction as the send: a concurrent duplicate task
    waits on the unique constraint and then finds it taken; a failed send
    rolls the row back so the retry tries again. Returns True if sent."""
    if event not in EVENTS:
        raise ValueError(f"unknown order email event {event!r}")
    order = Order.objects.select_related("user").filter(pk=order_id).first()
    if order is None or not order.email:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                OrderNotification.objects.create(order=order, event=event, key=key)
        except IntegrityError:
            return False
        with translation.override(order.language or settings.LANGUAGE_CODE):
            context = {
                "order": order,
                "lines": list(order.lines.all()),
                "status_label": statuses.status_label(order.status),
                "status_url": order_status_url(order=order),
                "carrier_label": carrier_label(order.carrier),
                "tracking_url": tracking_url(carrier=order.carrier, tracking_number=order.tracking_number),
                "center": settings.SHOP_CENTER,
                "shop_name": str(settings.OSCAR_SHOP_NAME),
            }
            subject = " ".join(render_to_string(f"order/email/{event}_subject.txt", context).split())
            body = render_to_string(f"order/email/{event}_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
    return True
