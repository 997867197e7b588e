from django.shortcuts import render

from ..models import Location
from .access import inventory_view


@inventory_view()
def index(request):
    zones = Location.objects.filter(kind=Location.Kind.ZONE, is_active=True).order_by("code")
    return render(request, "inventory/index.html", {"zones": zones})
