"""What a scanned code is: the scan helper (static/js/inventory/scan.js)
asks here to show the product or bin it found, or that the code is unknown."""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from ..selectors import code_resolve
from .access import inventory_view


@inventory_view()
def scan_resolve(request):
    code = request.GET.get("code", "")
    found = code_resolve(code=code)
    if found is None:
        return JsonResponse({"error": _("Unknown code %(code)s.") % {"code": code.strip()[:64]}}, status=404)
    return JsonResponse(found)
