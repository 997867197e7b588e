from django import template

from shop.order import statuses

register = template.Library()


@register.filter
def order_status_label(status: str) -> str:
    return statuses.status_label(status)


@register.inclusion_tag("order/_status_panel.html")
def order_status_panel(order):
    from shop.checkout.views import order_display_context

    return {"order": order, **order_display_context(order=order)}
