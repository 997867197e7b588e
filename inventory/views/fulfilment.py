"""Pick lists (per order or for a batch) and dispatch."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..exceptions import StockError
from ..selectors import pick_list_rows
from ..services import stock_dispatch
from .access import inventory_view


class DispatchForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Order reference"), max_length=100)
    tracking_number = forms.CharField(label=gettext_lazy("Carrier tracking number"), max_length=100)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        return reference if ":" in reference else f"order:{reference}"


def _references(request):
    refs = [r.strip() for r in request.GET.getlist("reference") if r.strip()]
    return [r if ":" in r else f"order:{r}" for r in refs]


@inventory_view()
def pick_list(request):
    """?reference=order:100042 (repeat for a batch); no reference: every paid order not yet dispatched."""
    references = _references(request)
    rows = list(pick_list_rows(references=references or None))
    by_reference = sorted({r.reference for r in rows})
    return render(
        request,
        "inventory/pick_list.html",
        {
            "rows": rows,
            "references": references,
            "by_reference": by_reference,
            "dispatch_forms": [DispatchForm(initial={"reference": ref}) for ref in by_reference],
        },
    )


@require_POST
@inventory_view(write=True)
def dispatch(request):
    form = DispatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the order reference and the carrier's tracking number."))
        return redirect("inventory:pick-list")
    reference = form.cleaned_data["reference"]
    try:
        stock_dispatch(
            reference=reference,
            user=request.user,
            reason=_("tracking %(no)s") % {"no": form.cleaned_data["tracking_number"]},
        )
    except StockError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(ref)s dispatched.") % {"ref": reference})
    return redirect("inventory:pick-list")
