"""Basket weight from Product.weight_grams (Oscar's Scale reads a product
attribute we do not use)."""

from decimal import Decimal

from oscar.apps.shipping.scales import Scale as CoreScale


def product_weight_kg(*, product, default_kg: Decimal) -> Decimal:
    grams = product.weight_grams
    if grams is None and product.parent_id:
        grams = product.parent.weight_grams
    if grams is None:
        return Decimal(default_kg or 0)
    return Decimal(grams) / Decimal(1000)


def basket_weight_kg(*, basket, default_kg: Decimal) -> Decimal:
    return sum(
        (product_weight_kg(product=line.product, default_kg=default_kg) * line.quantity for line in basket.all_lines()),
        Decimal("0"),
    )


class Scale(CoreScale):
    def weigh_product(self, product):
        return product_weight_kg(product=product, default_kg=self.default_weight)
