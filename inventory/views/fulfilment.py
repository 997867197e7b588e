"""Order-driven fulfilment at the center: the queue of orders to work, pick
lists per order or for a batch (by bin, first-expiry-first-out lots), and
dispatch with carrier and tracking number.

The order's own steps (pick, pack, ready for pickup, cancel, counter
payment) are buttons on the order's dashboard page (shop/dashboard/orders);
every change goes through shop.order.services, which move stock through
inventory.services (dispatch consumes the reservation, cancel releases it).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.order import statuses
from shop.order.carriers import carrier_choices
from shop.order.selectors import orders_to_fulfil
from shop.order.services import OrderTransitionRefused, order_dispatched

from ..selectors import pick_list_rows
from .access import inventory_view

Order = get_model("order", "Order")


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
    orders = {o.number: o for o in Order.objects.filter(number__in=numbers).only("id", "number", "status", "shipping_code")}
    shipped = [n for n in numbers if n in orders and orders[n].shipping_code != "pickup" and orders[n].status == statuses.PACKED]
    queue = list(orders_to_fulfil().only("id", "number", "status", "shipping_code", "shipping_method", "date_placed", "paid_at")[:200])
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
            _("Orders are dispatched from the pick list: enter the carrier and tracking number next to a packed order."),
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
    order = Order.objects.filter(number=number).first()
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
