"""Oscar's order dashboard with our fulfilment steps.

Oscar's free "change status" form and line-status actions are replaced by
buttons that call shop.order.services (pick, pack, dispatch with tracking,
ready for pickup, picked up, cancel, mark paid at the counter), so stock and
customer emails follow every change. Center staff and managers act; the
office reads (inventory.permissions decides, as for the inventory screens).
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.dashboard.orders import views as core

from inventory.permissions import WRITE, inventory_access
from shop.order import selectors, services
from shop.order.carriers import carrier_choices
from shop.payment.services import offline_payment_record, payment_refund

OrderListView = core.OrderListView
LineDetailView = core.LineDetailView
ShippingAddressUpdateView = core.ShippingAddressUpdateView
OrderStatsView = core.OrderStatsView


class FulfilForm(forms.Form):
    step = forms.ChoiceField(
        choices=[
            (s, s)
            for s in (
                selectors.PICKING,
                selectors.PACKED,
                selectors.DISPATCH,
                selectors.READY_FOR_PICKUP,
                selectors.PICKED_UP,
                selectors.COMPLETE,
                selectors.MARK_PAID,
                selectors.CANCEL,
                selectors.REFUND,
            )
        ]
    )
    carrier = forms.ChoiceField(label=gettext_lazy("Carrier"), choices=carrier_choices, required=False)
    tracking_number = forms.CharField(label=gettext_lazy("Tracking number"), max_length=64, required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=255, required=False)
    payment_method = forms.ChoiceField(
        label=gettext_lazy("Paid by"),
        choices=[("cash", gettext_lazy("Cash")), ("promptpay_counter", gettext_lazy("PromptPay at the counter"))],
        required=False,
    )
    payment_reference = forms.CharField(label=gettext_lazy("Reference (optional)"), max_length=64, required=False)
    refund_amount = forms.DecimalField(
        label=gettext_lazy("Amount to refund (THB)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )


def staff_can_fulfil(user) -> bool:
    return user.is_superuser or inventory_access(user) == WRITE


class OrderDetailView(core.OrderDetailView):
    order_actions = ("save_note", "delete_note", "fulfil")
    line_actions = ()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = ctx["order"]
        ctx["fulfil_steps"] = selectors.order_fulfilment_steps(order=order)
        ctx["fulfil_form"] = kwargs.get("fulfil_form") or FulfilForm()
        ctx["can_fulfil"] = staff_can_fulfil(self.request.user)
        return ctx

    def fulfil(self, request, order):
        if request.POST.get("step") == selectors.REFUND:
            # Refunds are money, not goods: office staff handle them too.
            allowed = request.user.has_perm("order.change_order")
        else:
            allowed = staff_can_fulfil(request.user)
        if not allowed:
            return self.reload_page(error=_("Only center staff can move orders along."))
        form = FulfilForm(request.POST)
        if not form.is_valid():
            return self.reload_page(error=_("That action is not available."))
        data = form.cleaned_data
        step = data["step"]
        try:
            message = self._run_step(step=step, order=order, data=data, user=request.user)
        except ValidationError as exc:  # OrderTransitionRefused, or the payment service's refusal
            return self.reload_page(error=" ".join(str(m) for m in exc.messages))
        messages.success(request, message)
        return self.reload_page()

    def _run_step(self, *, step: str, order, data: dict, user) -> str:
        number = order.number
        if step == selectors.PICKING:
            services.order_picking_start(order=order, user=user)
            return _("Order %(number)s: picking started.") % {"number": number}
        if step == selectors.PACKED:
            services.order_packed(order=order, user=user)
            return _("Order %(number)s packed.") % {"number": number}
        if step == selectors.DISPATCH:
            services.order_dispatched(
                order=order, carrier=data["carrier"], tracking_number=data["tracking_number"], user=user
            )
            return _("Order %(number)s dispatched; the customer gets the tracking link.") % {"number": number}
        if step == selectors.READY_FOR_PICKUP:
            services.order_ready_for_pickup(order=order, user=user)
            return _("Order %(number)s is ready for pickup; the customer was told.") % {"number": number}
        if step == selectors.PICKED_UP:
            services.order_picked_up(order=order, user=user)
            return _("Order %(number)s handed over.") % {"number": number}
        if step == selectors.COMPLETE:
            services.order_completed(order=order, user=user)
            return _("Order %(number)s completed.") % {"number": number}
        if step == selectors.CANCEL:
            services.order_cancel(order=order, user=user, reason=data["reason"])
            return _("Order %(number)s cancelled; its stock is free again.") % {"number": number}
        if step == selectors.MARK_PAID:
            return self._mark_paid(order=order, data=data, user=user)
        if step == selectors.REFUND:
            return self._refund(order=order, data=data, user=user)
        raise services.OrderTransitionRefused(_("That action is not available."))

    def _mark_paid(self, *, order, data: dict, user) -> str:
        if order.shipping_code != "pickup":
            raise services.OrderTransitionRefused(_("Only pickup orders are paid at the counter."))
        if not data.get("payment_method"):
            raise services.OrderTransitionRefused(_("Choose how the customer paid."))
        offline_payment_record(
            order=order,
            amount=Decimal(order.total_incl_tax),
            method=data["payment_method"],
            user=user,
            reference=data.get("payment_reference", ""),
        )
        return _("Payment of order %(number)s recorded.") % {"number": order.number}

    def _refund(self, *, order, data: dict, user) -> str:
        if not data.get("refund_amount") or not (data.get("reason") or "").strip():
            raise services.OrderTransitionRefused(_("Enter the amount to refund and a reason."))
        payment_refund(order=order, amount=data["refund_amount"], user=user, reason=data["reason"])
        return _("Refund for order %(number)s recorded.") % {"number": order.number}
