"""Orders for tests: stocked products, baskets and orders placed the way the
checkout places them (OrderCreator through the payment snapshot)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from oscar.core.loading import get_class, get_model

from shop.checkout.services import order_place_from_snapshot
from shop.checkout.snapshot import snapshot_build
from shop.demo.shipping import seed_shipping_rates
from shop.order import statuses
from tests.factories.catalog import ProductFactory, StockRecordFactory
from tests.factories.inventory import stock_receive

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")

THAI_ADDRESS = {
    "title": "",
    "first_name": "Somchai",
    "last_name": "Jaidee",
    "line1": "99/1 Moo 3",
    "line2": "",
    "line3": "ต้นเปา",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
    "country_id": "TH",
    "phone_number": "+66812345678",
    "notes": "",
}


def stocked_product(
    *, producer=None, price: str = "450.00", quantity: int = 10, weight_grams: int | None = 500, **kwargs
):
    """A published product with its producer's stock record and `quantity`
    units received and shelved through the inventory services."""
    if producer is not None:
        kwargs["producer"] = producer
    product = ProductFactory(weight_grams=weight_grams, **kwargs)
    StockRecordFactory(product=product, num_in_stock=0, num_allocated=0, price=Decimal(price))
    if quantity:
        stock_receive(product=product, quantity=quantity)
    return product


def basket_for(*, lines, owner=None):
    basket = Basket.objects.create(owner=owner)
    basket.strategy = Selector().strategy(user=owner)
    for product, quantity in lines:
        basket.add_product(product, quantity)
    return basket


def order_place(
    *,
    lines,
    shipping_code: str = "pickup",
    user=None,
    email: str = "guest@example.com",
    language: str = "en",
    status: str = statuses.PENDING_PAYMENT,
    address: dict | None = None,
):
    """Place an order for `lines` [(product, qty)] as the checkout would."""
    seed_shipping_rates()
    basket = basket_for(lines=lines, owner=user)
    method = Repository().method_by_code(code=shipping_code, basket=basket)
    snapshot = snapshot_build(
        basket=basket,
        user=user or AnonymousUser(),
        email=user.email if user else email,
        language=language,
        shipping_address=address or THAI_ADDRESS,
        billing_address=None,
        shipping_method=method,
    )
    return order_place_from_snapshot(snapshot=snapshot, basket=basket, status=status)
