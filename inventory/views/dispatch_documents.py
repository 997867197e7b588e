"""An order's shipping label and packing slip as PDFs, printed from the
order's fulfilment panel and the pick list. Staff only, like the rest of
the inventory screens (read access is enough: printing changes nothing)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..document_selectors import order_for_documents, order_ships, packing_slip_for_order, shipping_label_for_order
from ..documents import packing_slip_pdf, shipping_label_pdf
from .access import inventory_view


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _order(number: str):
    order = order_for_documents(number=number)
    if order is None:
        raise Http404
    return order


@inventory_view()
def shipping_label(request, number: str):
    order = _order(number)
    if not order_ships(order=order):
        messages.error(request, _("Order %(number)s is collected at the center: it has no shipping label.") % {"number": number})
        return redirect("dashboard:order-detail", number=number)
    return _pdf(shipping_label_pdf(shipping_label_for_order(order=order)), f"shipping-label-{order.number}.pdf")


@inventory_view()
def packing_slip(request, number: str):
    order = _order(number)
    return _pdf(packing_slip_pdf(packing_slip_for_order(order=order)), f"packing-slip-{order.number}.pdf")
