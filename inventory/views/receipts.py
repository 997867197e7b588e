"""Goods received notes: list, create, post, sign off, print."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..exceptions import FormAlreadySubmitted, StockError
from ..forms import ProducerChoiceForm, ReceiptHeaderForm, ReceiptLineFormSet, ReceiptSignForm
from ..selectors import receipt_lines, receipts_for_staff, receipts_with_people
from ..services import ReceiptLineInput, receipt_create, receipt_post, receipt_sign_off
from .access import inventory_view


@inventory_view()
def receipt_list(request):
    status = request.GET.get("status")
    page = Paginator(receipts_for_staff(status=status), 25).get_page(request.GET.get("page"))
    return render(request, "inventory/receipt_list.html", {"page_obj": page, "status": status})


@inventory_view(write=True)
def receipt_create_view(request):
    producer_form = ProducerChoiceForm(request.GET or None)
    if not producer_form.is_bound or not producer_form.is_valid():
        return render(request, "inventory/receipt_producer.html", {"producer_form": producer_form})
    producer = producer_form.cleaned_data["producer"]
    header = ReceiptHeaderForm(request.POST or None)
    formset = ReceiptLineFormSet(request.POST or None, form_kwargs={"producer": producer}, prefix="lines")
    if request.method == "POST" and header.is_valid() and formset.is_valid():
        lines = [
            ReceiptLineInput(
                product=form.cleaned_data["product"],
                quantity=form.cleaned_data["quantity"],
                lot_code=form.cleaned_data["lot_code"],
                best_before=form.cleaned_data["best_before"],
                condition=form.cleaned_data["condition"],
            )
            for form in formset.forms
            if form.has_changed() and form.cleaned_data
        ]
        try:
            receipt = receipt_create(
                producer=producer,
                lines=lines,
                user=request.user,
                note=header.cleaned_data["note"],
                token=header.cleaned_data["token"],
            )
        except FormAlreadySubmitted as exc:
            # A double click: show the draft the first click made.
            messages.error(request, str(exc))
            if exc.reference.startswith("receipt:"):
                return redirect("inventory:receipt-detail", pk=int(exc.reference.split(":", 1)[1]))
        except StockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(number)s drafted: check it, then post it.") % {"number": receipt.number})
            return redirect("inventory:receipt-detail", pk=receipt.pk)
    elif request.method == "POST":
        messages.error(request, _("The receipt was not saved: correct the errors below."))
    return render(
        request,
        "inventory/receipt_form.html",
        {"producer": producer, "header": header, "formset": formset},
    )


def _receipt(pk):
    return get_object_or_404(receipts_with_people(), pk=pk)


@inventory_view()
def receipt_detail(request, pk):
    receipt = _receipt(pk)
    return render(
        request,
        "inventory/receipt_detail.html",
        {"receipt": receipt, "lines": receipt_lines(receipt=receipt), "sign_form": ReceiptSignForm()},
    )


@require_POST
@inventory_view(write=True)
def receipt_post_view(request, pk):
    receipt = _receipt(pk)
    try:
        receipt_post(receipt=receipt, user=request.user)
    except StockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(number)s posted: the goods are in stock.") % {"number": receipt.number})
    return redirect("inventory:receipt-detail", pk=receipt.pk)


@require_POST
@inventory_view(write=True)
def receipt_sign(request, pk):
    form = ReceiptSignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the name of the person who signs."))
        return redirect("inventory:receipt-detail", pk=pk)
    receipt = _receipt(pk)
    # Signed once: a second sign-off (double click) changes nothing.
    if receipt_sign_off(receipt=receipt, signed_by_name=form.cleaned_data["signed_by_name"]):
        messages.success(request, _("Sign-off recorded."))
    else:
        messages.error(request, _("This receipt was already signed off; nothing was changed."))
    return redirect("inventory:receipt-detail", pk=pk)


@inventory_view()
def receipt_print(request, pk):
    receipt = _receipt(pk)
    return render(
        request,
        "inventory/receipt_print.html",
        {"receipt": receipt, "lines": receipt_lines(receipt=receipt)},
    )
