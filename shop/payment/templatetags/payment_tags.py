from django import template

from shop.payment.selectors import order_paid_by_promptpay

register = template.Library()


@register.filter
def paid_by_promptpay(order) -> bool:
    return bool(order) and order_paid_by_promptpay(order=order)
