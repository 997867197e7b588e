"""The name of an order's shipping method in the reader's language.

Oscar copies the method's name into Order.shipping_method when the order is
placed, in whatever language was active then (a webhook places orders in
the default language); pages and e-mails show the method by its code
instead, so each reader gets it in theirs."""

from __future__ import annotations

from .methods import PICKUP_CODE, PickupAtCenter


def shipping_method_name(*, code: str, fallback: str = "") -> str:
    if code == PICKUP_CODE:
        return str(PickupAtCenter.name)
    from .models import WeightBased

    method = WeightBased.objects.filter(code=code).first() if code else None
    return method.display_name if method is not None else fallback
