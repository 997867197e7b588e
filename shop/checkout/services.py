"""Writes of the checkout: placing the order from the frozen checkout.

The order is placed from the ``CheckoutSnapshot`` the customer agreed to at
the preview step (shop/checkout/snapshot.py), never from the session: a
payment can finish long after the request that started it (3-D Secure,
PromptPay, a webhook retried an hour later). Called by the checkout for
pay-at-pickup orders and by shop.payment.services when the money came in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from shop.order.services import order_received_notify
from shop.shipping.repository import Repository

from .basket import basket_lines_prefetch
from .snapshot import BasketChanged, CheckoutSnapshot, basket_fingerprint

if TYPE_CHECKING:  # pragma: no cover
    from shop.order.models import Order

ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")


def basket_strategy_ensure(*, basket, user=None) -> None:
    """A basket loaded outside a request (webhook task) has no pricing
    strategy yet; Oscar needs one before it can price the lines."""
    if not basket.has_strategy:
        Selector = get_class("partner.strategy", "Selector")
        basket.strategy = Selector().strategy(user=user)


def _address_create(model, values: dict | None):
    """Write the order's shipping or billing address from the snapshot's
    copy of it (None when the snapshot has none)."""
    if not values:
        return None
    values = dict(values)
    country = values.pop("country_id", None) or values.pop("country", None)
    address = model(**values)
    if country:
        address.country = Country.objects.get(pk=country)
    address.save()
    return address


def order_place_from_snapshot(*, snapshot: CheckoutSnapshot, basket, status: str) -> Order:
    """Create the order for a (frozen) basket from the snapshot, outside any
    HTTP request. Raises BasketChanged if the basket is not what the snapshot
    priced; OrderStockUnavailable if a line is short and nothing was reserved.

    The shipping charge is the one agreed in the snapshot (an office rate
    change between payment start and success must not alter a paid order);
    the basket's lines and total are re-priced and must match the fingerprint.
    The caller holds the lock that guarantees one order per payment.
    """
    OrderCreator = get_class("order.utils", "OrderCreator")

    user = get_user_model().objects.filter(pk=snapshot.user_id).first() if snapshot.user_id else None
    # The webhook's task loads the basket by id: its lines are read for the
    # fingerprint, the stock and each order line, so load them once.
    basket_lines_prefetch(basket=basket)
    basket_strategy_ensure(basket=basket, user=user)
    total_incl_tax = basket.total_incl_tax + snapshot.shipping_charge_incl_tax
    fingerprint = basket_fingerprint(
        basket=basket, shipping_method_code=snapshot.shipping_method_code, total_incl_tax=total_incl_tax
    )
    if fingerprint != snapshot.basket_fingerprint or total_incl_tax != snapshot.order_total_incl_tax:
        raise BasketChanged(_("The basket changed after the total was fixed; the order was not placed."))

    shipping_method = Repository().method_by_code(code=snapshot.shipping_method_code, basket=basket)
    shipping_charge = Price(
        currency=basket.currency,
        excl_tax=snapshot.shipping_charge_incl_tax,
        incl_tax=snapshot.shipping_charge_incl_tax,
    )
    total = Price(currency=basket.currency, excl_tax=total_incl_tax, incl_tax=total_incl_tax)
    with transaction.atomic():
        shipping_address = _address_create(ShippingAddress, snapshot.shipping_address)
        billing_address = _address_create(BillingAddress, snapshot.billing_address)
        extra = {"language": snapshot.language}
        if user is None:
            extra["guest_email"] = snapshot.email
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=shipping_method,
            shipping_charge=shipping_charge,
            user=user,
            shipping_address=shipping_address,
            billing_address=billing_address,
            order_number=snapshot.order_number,
            status=status,
            **extra,
        )
        basket.submit()
        order_received_notify(order=order)
    return order
