from django import template

from shop.order import statuses

register = template.Library()


@register.filter
def order_status_label(status: str) -> str:
    return statuses.status_label(status)


@register.filter
def shipping_method_name(order) -> str:
    """The order's shipping method in the reader's language (shop/shipping/names.py)."""
    from shop.shipping.names import shipping_method_name as name_get

    return name_get(code=order.shipping_code, fallback=order.shipping_method)


@register.filter
def address_lines(address) -> list[str]:
    """Oscar's active_address_fields with the country named in the reader's
    language (Oscar's Country rows are English)."""
    from shop.shipping.countries import country_name

    if address is None:
        return []
    country = getattr(address, "country", None)
    english = country.printable_name if country is not None else None
    return [
        country_name(code=country.pk, fallback=line) if country is not None and line == english else line
        for line in address.active_address_fields()
    ]


@register.inclusion_tag("order/_status_panel.html")
def order_status_panel(order):
    from shop.checkout.views import order_display_context

    return {"order": order, **order_display_context(order=order)}
