from django.shortcuts import render

from ..selectors import expiring_balances, low_stock_records
from .access import inventory_view


@inventory_view()
def alert_list(request):
    return render(
        request,
        "inventory/alert_list.html",
        {"low_stock": low_stock_records()[:200], "expiring": expiring_balances()[:200]},
    )
