"""Payments for tests: a frozen basket with its checkout snapshot, the way
the checkout's preview step hands them to shop.payment.services.payment_start."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class

from shop.checkout.snapshot import CheckoutSnapshot, snapshot_build
from shop.demo.shipping import seed_shipping_rates
from tests.factories.order import THAI_ADDRESS, basket_for, stocked_product

Repository = get_class("shipping.repository", "Repository")

__all__ = ["checkout_ready", "snapshot_with", "stocked_product"]


def checkout_ready(
    *, lines, user=None, email: str = "tourist@example.com", shipping_code: str = "ems-thailand", language: str = "en"
) -> tuple:
    """(basket, snapshot) for `lines` [(product, qty)]: the basket frozen,
    as the checkout leaves it before payment starts."""
    seed_shipping_rates()
    basket = basket_for(lines=lines, owner=user)
    method = Repository().method_by_code(code=shipping_code, basket=basket)
    snapshot = snapshot_build(
        basket=basket,
        user=user or AnonymousUser(),
        email=user.email if user else email,
        language=language,
        shipping_address=THAI_ADDRESS,
        billing_address=None,
        shipping_method=method,
    )
    basket.freeze()
    return basket, snapshot


def snapshot_with(snapshot: CheckoutSnapshot, *, total: str) -> CheckoutSnapshot:
    """The same snapshot with another total (a tampered amount)."""
    return replace(snapshot, order_total_incl_tax=Decimal(total))
