"""What the customer agreed to at the preview step, frozen for payment.

A payment can finish long after the request that started it (3-D Secure,
PromptPay, a webhook retried an hour later), so everything needed to place
the order is captured here (``snapshot_build``) and the order is placed from
it, not from the session (shop/checkout/services.py,
``order_place_from_snapshot``). ``basket_fingerprint`` guards against the
basket (or its prices) changing after the amount was fixed. Nothing here
writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import Decimal

from oscar.core.loading import get_class

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")


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
