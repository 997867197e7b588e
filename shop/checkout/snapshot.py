"""What the customer agreed to at the preview step, frozen for payment.

A payment can finish long after the request that started it (3-D Secure,
PromptPay, a webhook retried an hour later), so everything needed to place
the order is captured here and the order is placed from it, not from the
session. ``basket_fingerprint`` guards against the basket (or its prices)
changing after the amount was fixed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price

from .basket import basket_lines_prefetch

if TYPE_CHECKING:  # pragma: no cover
    from shop.order.models import Order

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
ShippingAddress = get_model("order", "ShippingAddress")
BillingAddress = get_model("order", "BillingAddress")
Country = get_model("address", "Country")


class BasketChanged(Exception):
    """The basket, its prices or the shipping no longer match the snapshot:
    the amount the customer agreed to (and maybe paid) is not this basket's."""


@dataclass(frozen=True)
class CheckoutSnapshot:
    basket_id: int
    order_number: str
    user_id: int | None
    email: str
    language: str
    shipping_address: dict
    billing_address: dict | None
    shipping_method_code: str
    shipping_charge_incl_tax: Decimal
    order_total_incl_tax: Decimal
    basket_fingerprint: str

    def to_json(self) -> dict:
        data = asdict(self)
        data["shipping_charge_incl_tax"] = str(self.shipping_charge_incl_tax)
        data["order_total_incl_tax"] = str(self.order_total_incl_tax)
        return data

    @classmethod
    def from_json(cls, data: dict) -> CheckoutSnapshot:
        values = dict(data)
        values["shipping_charge_incl_tax"] = Decimal(str(values["shipping_charge_incl_tax"]))
        values["order_total_incl_tax"] = Decimal(str(values["order_total_incl_tax"]))
        values["order_number"] = str(values["order_number"])
        return cls(**values)


def basket_fingerprint(*, basket, shipping_method_code: str, total_incl_tax: Decimal) -> str:
    """sha256 over the sorted (product, quantity, unit price incl. tax) lines,
    the shipping method and the order total: equal fingerprints mean the
    customer pays exactly what the basket is worth."""
    lines = sorted(
        (line.product_id, line.quantity, str(Decimal(line.unit_price_incl_tax or 0).quantize(Decimal("0.01"))))
        for line in basket.all_lines()
    )
    payload = json.dumps(
        {
            "lines": lines,
            "shipping": shipping_method_code,
            "total": str(Decimal(total_incl_tax).quantize(Decimal("0.01"))),
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def basket_strategy_ensure(*, basket, user=None) -> None:
    """A basket loaded outside a request (webhook task) has no pricing
    strategy yet; Oscar needs one before it can price the lines."""
    if not basket.has_strategy:
        Selector = get_class("partner.strategy", "Selector")
        basket.strategy = Selector().strategy(user=user)


def snapshot_build(
    *,
    basket,
    user,
    email: str,
    language: str,
    shipping_address: dict,
    billing_address: dict | None,
    shipping_method,
) -> CheckoutSnapshot:
    """Freeze the checkout the customer sees on the preview page."""
    charge = shipping_method.calculate(basket)
    total = basket.total_incl_tax + charge.incl_tax
    code = shipping_method.code
    return CheckoutSnapshot(
        basket_id=basket.id,
        order_number=str(OrderNumberGenerator().order_number(basket)),
        user_id=user.id if user is not None and user.is_authenticated else None,
        email=email,
        language=language,
        shipping_address=dict(shipping_address),
        billing_address=dict(billing_address) if billing_address else None,
        shipping_method_code=code,
        shipping_charge_incl_tax=charge.incl_tax,
        order_total_incl_tax=total,
        basket_fingerprint=basket_fingerprint(basket=basket, shipping_method_code=code, total_incl_tax=total),
    )


def _address(model, values: dict | None):
    if not values:
        return None
    values = dict(values)
    country = values.pop("country_id", None) or values.pop("country", None)
    address = model(**values)
    if country:
        address.country = Country.objects.get(pk=country)
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
    from django.contrib.auth import get_user_model

    from shop.order.services import order_received_notify
    from shop.shipping.repository import Repository

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
    OrderCreator = get_class("order.utils", "OrderCreator")
    with transaction.atomic():
        shipping_address = _address(ShippingAddress, snapshot.shipping_address)
        if shipping_address is not None:
            shipping_address.save()
        billing_address = _address(BillingAddress, snapshot.billing_address)
        if billing_address is not None:
            billing_address.save()
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
