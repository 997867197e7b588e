"""Counter sales: walk-in customers at the center, same stock pool as the web shop."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..counter_receipt import ReceiptLine, counter_receipt_pdf
from ..exceptions import InsufficientStock, StockError
from ..forms import CounterSaleLineFormSet, CounterSalePaymentForm
from ..selectors import counter_sale_receipt_lines, counter_sales_with_people
from ..services import counter_sale_record
from .access import inventory_view


@inventory_view(write=True)
def counter_sale_create(request):
    payment = CounterSalePaymentForm(request.POST or None)
    formset = CounterSaleLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST":
        if payment.is_valid() and formset.is_valid():
            wanted: dict[int, int] = {}
            line_of: dict[int, int] = {}
            for number, form in enumerate(formset.forms, start=1):
                if not (form.has_changed() and form.cleaned_data):
                    continue
                product = form.product
                wanted[product.pk] = wanted.get(product.pk, 0) + form.cleaned_data["quantity"]
                line_of.setdefault(product.pk, number)
            try:
                sale, created = counter_sale_record(
                    token=payment.cleaned_data["token"],
                    payment_method=payment.cleaned_data["payment_method"],
                    payment_reference=payment.cleaned_data["payment_reference"],
                    cash_tendered=payment.cleaned_data["cash_tendered"],
                    lines=wanted,
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
                if exc.code == "cash_short":
                    payment.add_error("cash_tendered", exc)
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
    sale = get_object_or_404(counter_sales_with_people(), pk=pk)
    return render(
        request,
        "inventory/counter_sale_detail.html",
        {
            "sale": sale,
            "sold_at": timezone.localtime(sale.created_at),
            "lines": counter_sale_receipt_lines(sale=sale),
        },
    )


@inventory_view()
def counter_sale_receipt(request, pk):
    """The buyer's receipt as a PDF (Thai and English), reprintable at any time:
    it shows the prices, cash and change stored with the sale."""
    sale = get_object_or_404(counter_sales_with_people(), pk=pk)
    lines = [ReceiptLine(**line) for line in counter_sale_receipt_lines(sale=sale)]
    response = HttpResponse(counter_receipt_pdf(sale=sale, lines=lines), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{sale.number}.pdf"'
    return response
