from django import template

register = template.Library()


@register.simple_tag
def inventory_alert_count() -> int:
    """Low-stock products + expiring balances, for the badge on the inventory screens."""
    from ..selectors import alert_count

    return alert_count()
