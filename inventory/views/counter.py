"""Counter sales: walk-in customers at the center, same stock pool as the web shop."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from ..exceptions import InsufficientStock, StockError
from ..forms import CounterSaleLineFormSet, CounterSalePaymentForm
from ..models import CounterSale
from ..selectors import movements_for_reference
from ..services import counter_sale_record
from .access import inventory_view

Selector = get_class("partner.strategy", "Selector")


def _unit_price(strategy, product) -> Decimal:
    info = strategy.fetch_for_product(product)
    price = getattr(info, "price", None)
    if price is None or not getattr(price, "exists", False):
        return Decimal("0.00")
    return price.incl_tax


@inventory_view(write=True)
def counter_sale_create(request):
    payment = CounterSalePaymentForm(request.POST or None)
    formset = CounterSaleLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST":
        if payment.is_valid() and formset.is_valid():
            token = payment.cleaned_data["token"]
            wanted: dict[int, int] = {}
            line_of: dict[int, int] = {}
            products = {}
            for number, form in enumerate(formset.forms, start=1):
                if not (form.has_changed() and form.cleaned_data):
                    continue
                product = form.product
                products[product.pk] = product
                wanted[product.pk] = wanted.get(product.pk, 0) + form.cleaned_data["quantity"]
                line_of.setdefault(product.pk, number)
            strategy = Selector().strategy(request=request, user=request.user)
            total = sum((_unit_price(strategy, products[pid]) * qty for pid, qty in wanted.items()), Decimal("0"))
            try:
                sale, created = counter_sale_record(
                    token=token,
                    payment_method=payment.cleaned_data["payment_method"],
                    payment_reference=payment.cleaned_data["payment_reference"],
                    lines=wanted,
                    total=total,
                    user=request.user,
                )
            except InsufficientStock as exc:
                for line in exc.lines:
                    messages.error(
                        request,
                        _("Line %(n)d, %(title)s: %(requested)d requested, only %(available)d available.")
                        % {
                            "n": line_of.get(line.product_id, 0),
                            "title": line.title,
                            "requested": line.requested,
                            "available": line.available,
                        },
                    )
            except StockError as exc:
                messages.error(request, str(exc))
            else:
                if not created:
                    messages.error(request, _("This sale was already posted; nothing was changed."))
                else:
                    messages.success(request, _("Sale %(number)s posted.") % {"number": sale.number})
                return redirect("inventory:counter-sale-detail", pk=sale.pk)
        else:
            messages.error(request, _("The sale was not posted: correct the errors below."))
    return render(request, "inventory/counter_sale_form.html", {"payment": payment, "formset": formset})


@inventory_view()
def counter_sale_detail(request, pk):
    sale = get_object_or_404(CounterSale.objects.select_related("created_by"), pk=pk)
    ref_type, ref_id = sale.reference.split(":", 1)
    movements = movements_for_reference(reference_type=ref_type, reference_id=ref_id).select_related(
        "product", "lot", "from_location"
    )
    strategy = Selector().strategy(request=request, user=request.user)
    lines = []
    for m in movements:
        price = _unit_price(strategy, m.product)
        lines.append({"movement": m, "unit_price": price, "line_total": price * m.quantity})
    return render(request, "inventory/counter_sale_detail.html", {"sale": sale, "lines": lines})
