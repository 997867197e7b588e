"""The ``date`` filter of every template (a builtin, see TEMPLATES in
shop/settings/base.py): Django's, with the Buddhist Era year for Thai readers
(shop.common.dates explains why here and not in a format setting)."""

from django import template

from shop.common.dates import date_display

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, ""):
        return ""
    try:
        return date_display(value, arg or "DATE_FORMAT")
    except AttributeError:
        return ""
