"""The stock-move screen: put away, transfer, return to the producer, write
off (center managers). Every product, bin and lot field takes a scanned code."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..exceptions import FormAlreadySubmitted, StockError
from ..forms import StockMoveForm
from ..services import stock_move_record
from .access import inventory_view, user_is_center_manager


@inventory_view(write=True)
def stock_move(request):
    initial = {key: request.GET[key] for key in ("action", "product", "from_location", "lot") if key in request.GET}
    form = StockMoveForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                movement = stock_move_record(
                    token=data["token"],
                    action=data["action"],
                    product=data["product"],
                    lot=data["lot"],
                    quantity=data["quantity"],
                    from_location=data["from_location"],
                    to_location=data["to_location"],
                    user=request.user,
                    reason=data["reason"],
                )
            except FormAlreadySubmitted as exc:
                messages.error(request, str(exc))
                return redirect("inventory:stock-move")
            except StockError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(kind)s: %(n)d × %(product)s from %(bin)s.")
                    % {
                        "kind": movement.get_kind_display(),
                        "n": movement.quantity,
                        "product": data["product"].get_title(),
                        "bin": data["from_location"].code,
                    },
                )
                return redirect("inventory:stock-move")
        messages.error(request, _("Nothing was moved: correct the errors below."))
    return render(
        request,
        "inventory/stock_move.html",
        {"form": form, "is_manager": user_is_center_manager(request.user)},
        status=400 if request.method == "POST" else 200,
    )
