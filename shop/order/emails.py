"""The customer's emails about an order, in the language of the order.

Rendering only: sending each email once is shop.order.services.order_email_send."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from shop.common.email_links import site_url

from . import statuses
from .carriers import carrier_label, tracking_url

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


def order_email_render(*, order, event: str) -> tuple[str, str]:
    """(subject, body) of the email for ``event`` (one of EVENTS), in the
    order's language whoever triggers it."""
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
    return subject, body
