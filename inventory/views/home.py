from django.shortcuts import render

from ..selectors import zones_active
from .access import inventory_view


@inventory_view()
def index(request):
    return render(request, "inventory/index.html", {"zones": zones_active()})
