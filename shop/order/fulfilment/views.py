"""Order-driven fulfilment at the center: the queue of orders to work, pick
lists per order or for a batch (by bin, first-expiry-first-out lots),
dispatch with carrier and tracking number, and the parcel's paperwork (the
shipping label and packing slip PDFs, printed from the order's fulfilment
panel and the pick list).

These screens sit among the center's inventory screens (/dashboard/inventory/,
the "inventory:" URL names: shop/urls.py joins shop.order.fulfilment.urls
into inventory's), with the same access rule (inventory.views.access), but
live here, above inventory, because they drive orders: inventory keeps the
stock side (pick_list_rows, reservations) and never imports shop.order.

The order's own steps (pick, pack, ready for pickup, cancel, counter
payment) are buttons on the order's dashboard page (shop/dashboard/orders);
every change goes through shop.order.services, which move stock through
inventory.services (dispatch consumes the reservation, cancel releases it).
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inventory.selectors import pick_list_rows
from inventory.views.access import inventory_view
from shop.order.carriers import carrier_choices
from shop.order.selectors import orders_to_fulfil
from shop.order.services import OrderTransitionRefused, order_dispatched

from .documents import packing_slip_pdf, shipping_label_pdf
from .selectors import (
    order_by_number,
    order_dispatchable,
    order_for_documents,
    order_ships,
    orders_by_number,
    packing_slip_for_order,
    shipping_label_for_order,
)


class DispatchForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Order number"), max_length=100)
    carrier = forms.ChoiceField(label=gettext_lazy("Carrier"), choices=carrier_choices)
    tracking_number = forms.CharField(label=gettext_lazy("Carrier tracking number"), max_length=64)

    def clean_reference(self):
        # Accepts "100042" or the reservation reference "order:100042" (a
        # scanned pick-list barcode).
        return self.cleaned_data["reference"].strip().removeprefix("order:")


def _references(request):
    refs = [r.strip() for r in request.GET.getlist("reference") if r.strip()]
    return [r if ":" in r else f"order:{r}" for r in refs]


@inventory_view()
def pick_list(request):
    """?reference=100042 (repeat for a batch); no reference: everything paid
    for (or to be collected) and not yet dispatched."""
    references = _references(request)
    rows = list(pick_list_rows(references=references or None))
    by_reference = sorted({r.reference for r in rows})
    numbers = [ref.removeprefix("order:") for ref in by_reference if ref.startswith("order:")]
    orders = orders_by_number(numbers=numbers)
    shipped = [n for n in numbers if n in orders and order_dispatchable(order=orders[n])]
    queue = list(
        orders_to_fulfil().only("id", "number", "status", "shipping_code", "shipping_method", "date_placed", "paid_at")[
            :200
        ]
    )
    return render(
        request,
        "inventory/pick_list.html",
        {
            "rows": rows,
            "references": references,
            "by_reference": by_reference,
            "orders": orders,
            "queue": queue,
            "dispatch_forms": [DispatchForm(initial={"reference": number}) for number in shipped],
        },
    )


@inventory_view()
def dispatch(request):
    """The parcel leaves: the order becomes dispatched, its reservation is
    consumed and the customer is emailed the tracking link.

    Dispatching is a POST from the pick list's form. A GET (a bookmarked or
    typed URL, a reload after the POST) goes to the pick list, where the form
    is, instead of a blank "405 Method Not Allowed" page."""
    if request.method != "POST":
        messages.info(
            request,
            _(
                "Orders are dispatched from the pick list: enter the carrier and tracking number next to a packed order."
            ),
        )
        url = reverse("inventory:pick-list")
        reference = request.GET.get("reference", "").strip()
        if reference:
            url += "?" + urlencode({"reference": reference})
        return redirect(url)
    form = DispatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the order number, the carrier and the carrier's tracking number."))
        return redirect("inventory:pick-list")
    number = form.cleaned_data["reference"]
    order = order_by_number(number=number)
    if order is None:
        messages.error(request, _("There is no order %(number)s.") % {"number": number})
        return redirect("inventory:pick-list")
    try:
        order_dispatched(
            order=order,
            carrier=form.cleaned_data["carrier"],
            tracking_number=form.cleaned_data["tracking_number"],
            user=request.user,
        )
    except OrderTransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Order %(number)s dispatched.") % {"number": number})
    return redirect("inventory:pick-list")


# --- Parcel paperwork: staff only, read access is enough (printing changes nothing) ---


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
        messages.error(
            request, _("Order %(number)s is collected at the center: it has no shipping label.") % {"number": number}
        )
        return redirect("dashboard:order-detail", number=number)
    return _pdf(shipping_label_pdf(shipping_label_for_order(order=order)), f"shipping-label-{order.number}.pdf")


@inventory_view()
def packing_slip(request, number: str):
    order = _order(number)
    return _pdf(packing_slip_pdf(packing_slip_for_order(order=order)), f"packing-slip-{order.number}.pdf")
