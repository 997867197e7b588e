from django import template

from shop.common import fiscal
from shop.reports.tables import format_cell

register = template.Library()


@register.simple_tag
def report_cell(table, row_index: int, column_index: int, value) -> str:
    return format_cell(value, table.cell_kind(row_index, column_index))


@register.filter
def fiscal_date(value) -> str:
    """A date in B.E. for Thai readers, CE otherwise (reports.fiscal)."""
    return fiscal.date_label(value)
