"""Oscar's checkout with our steps: address (Thai address check or
"collect at the center"), shipping method (weight and zone rates, pickup),
payment method, preview, placement (pay at pickup) or hand-over to
shop.payment (card, PromptPay, test), thank-you page with the pickup QR.
"""

import io

import qrcode
import qrcode.image.svg
from django import http
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as core
from oscar.core.loading import get_class

from inventory.exceptions import InsufficientStock
from shop.order import statuses
from shop.order.carriers import carrier_label, tracking_url
from shop.order.selectors import order_by_number, order_lines_for_display, order_of_guest
from shop.order.utils import OrderStockUnavailable
from shop.payment.selectors import payment_test_mode_enabled

from . import forms as checkout_forms
from .services import order_place_from_snapshot
from .session import CheckoutSessionMixin, pickup_only_get, pickup_only_set
from .snapshot import BasketChanged, snapshot_build

Repository = get_class("shipping.repository", "Repository")

# ShippingAddress fields copied into the payment snapshot.
ADDRESS_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "line1",
    "line2",
    "line3",
    "line4",
    "state",
    "postcode",
    "country_id",
    "phone_number",
    "notes",
)


def address_values(address) -> dict | None:
    if address is None:
        return None
    values = {name: getattr(address, name, "") for name in ADDRESS_FIELDS}
    values["phone_number"] = str(values["phone_number"] or "")
    return {k: (v if v is not None else "") for k, v in values.items()}


class IndexView(core.IndexView):
    pass


class ShippingAddressView(core.ShippingAddressView):
    def get_initial(self):
        initial = super().get_initial() or {}
        initial = dict(initial)
        initial["pickup_only"] = pickup_only_get(request=self.request)
        return initial

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and "address_id" in request.POST:
            pickup_only_set(request=request, value=False)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        pickup_only_set(request=self.request, value=form.cleaned_data.get("pickup_only", False))
        return response


class UserAddressUpdateView(core.UserAddressUpdateView):
    pass


class UserAddressDeleteView(core.UserAddressDeleteView):
    pass


class ShippingMethodView(core.ShippingMethodView):
    """Oscar's step, but a customer whose foreign address lost the
    international methods (a product may not leave Thailand) sees why
    instead of being moved on silently."""

    def _abroad_blockers(self) -> list[str]:
        return Repository().international_unavailable(
            basket=self.request.basket, shipping_addr=self.get_shipping_address(self.request.basket)
        )

    def get(self, request, *args, **kwargs):
        if self.checkout_session.is_shipping_address_set() and not pickup_only_get(request=request):
            blockers = self._abroad_blockers()
            if blockers:
                self._methods = self.get_available_shipping_methods()
                return self.render_to_response(self.get_context_data())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["abroad_blockers"] = self._abroad_blockers() if self.checkout_session.is_shipping_address_set() else []
        basket = self.request.basket
        ctx["method_rows"] = [(method, method.calculate(basket)) for method in self._methods]
        return ctx


class PaymentMethodView(CheckoutSessionMixin, generic.FormView):
    template_name = "oscar/checkout/payment_method.html"
    form_class = checkout_forms.PaymentMethodForm
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]
    success_url = reverse_lazy("checkout:preview")

    def available_methods(self) -> list[str]:
        return checkout_forms.payment_methods_available(
            shipping_method_code=self.checkout_session.shipping_method_code(self.request.basket) or ""
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["methods"] = self.available_methods()
        kwargs["initial"] = {"method": self.checkout_session.payment_method()}
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["test_payment_enabled"] = payment_test_mode_enabled()
        return ctx

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect(self.get_success_url())


class PaymentDetailsView(core.PaymentDetailsView):
    """No separate payment-details page: the preview shows everything, and
    "Place order" either places a pay-at-pickup order or starts the payment."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = self.checkout_session.payment_method()
        ctx["payment_method_code"] = method
        ctx["payment_method_label"] = checkout_forms.PAYMENT_METHOD_LABELS.get(method, "")
        ctx["pickup_only"] = pickup_only_get(request=self.request)
        return ctx

    def customer_email(self) -> str:
        if self.request.user.is_authenticated:
            return self.request.user.email
        return self.checkout_session.get_guest_email() or ""

    def handle_place_order_submission(self, request):
        submission = self.build_submission()
        basket = submission["basket"]
        method = self.checkout_session.payment_method()
        shipping_method = submission["shipping_method"]
        if method not in checkout_forms.payment_methods_available(shipping_method_code=shipping_method.code):
            messages.error(request, _("Choose how you would like to pay."))
            return redirect("checkout:payment-method")
        snapshot = snapshot_build(
            basket=basket,
            user=request.user,
            email=self.customer_email(),
            language=get_language() or "th",
            shipping_address=address_values(submission["shipping_address"]),
            billing_address=address_values(submission.get("billing_address")),
            shipping_method=shipping_method,
        )
        self.checkout_session.set_order_number(snapshot.order_number)
        # Frozen so the basket cannot change while the order is placed or
        # the customer pays; thawed again if that fails.
        self.freeze_basket(basket)
        self.checkout_session.set_submitted_basket(basket)
        if method == checkout_forms.PICKUP:
            return self.place_pay_at_pickup(snapshot=snapshot, basket=basket)
        return self.start_payment(snapshot=snapshot, basket=basket, method=method)

    def place_pay_at_pickup(self, *, snapshot, basket):
        try:
            order = order_place_from_snapshot(snapshot=snapshot, basket=basket, status=statuses.PENDING_PAYMENT)
        except OrderStockUnavailable as exc:
            return self.refuse_short_stock(exc.lines)
        except BasketChanged as exc:
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=str(exc))
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.id
        return redirect(self.get_success_url())

    def start_payment(self, *, snapshot, basket, method: str):
        from shop.payment.services import payment_page_url, payment_start

        if not self.request.session.session_key:
            # The attempt is the session's (a guest's payment page checks the
            # key, shop.payment.selectors.attempt_for_customer): give the
            # session its key now, on this POST, not on the payment page's GET.
            self.request.session.save()
        try:
            attempt = payment_start(
                basket=basket,
                snapshot=snapshot,
                method=method,
                user=self.request.user,
                session_key=self.request.session.session_key,
            )
        except InsufficientStock as exc:
            return self.refuse_short_stock(exc.lines)
        except ValidationError as exc:  # the payment service refused (message for the customer)
            if getattr(exc, "code", None) == "busy":
                # Another tab's "Pay" for this basket won: its basket must stay
                # frozen; the preview leads to its payment page (resume.py).
                return redirect("checkout:preview")
            self.restore_frozen_basket()
            return self.render_preview(self.request, error=" ".join(str(m) for m in exc.messages))
        return redirect(payment_page_url(attempt))

    def refuse_short_stock(self, lines):
        self.restore_frozen_basket()
        short = [
            _("%(title)s: you asked for %(requested)d, %(available)d left")
            % {"title": line.title, "requested": line.requested, "available": line.available}
            for line in lines
        ]
        return self.render_preview(
            self.request,
            error=_("Some products are no longer in stock. Please change the quantities in your basket."),
            short_lines=short,
        )


class ThankYouView(core.ThankYouView):
    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order is not None:
            # Read by the totals (Oscar asks per category: Order._discounts_in).
            prefetch_related_objects([order], "discounts", "surcharges")
        return order

    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(order_display_context(order=ctx["order"]))
        ctx["order_lines"] = order_lines_for_display(order=ctx["order"])
        return ctx


def order_display_context(*, order) -> dict:
    """What the thank-you page and the customer's order pages show beyond
    Oscar's: translated status, how it is paid, pickup QR, tracking link."""
    from shop.payment.selectors import order_payment_summary

    return {
        "status_label": statuses.status_label(order.status),
        "is_paid_status": order.status == statuses.PAID,
        "payment": order_payment_summary(order=order),
        "is_pickup": order.shipping_code == "pickup",
        "pickup_qr_url": reverse(
            "checkout:pickup-qr", kwargs={"order_number": order.number, "hash": order.verification_hash()}
        )
        if order.pickup_code
        else "",
        "carrier_label": carrier_label(order.carrier),
        "tracking_url": tracking_url(carrier=order.carrier, tracking_number=order.tracking_number),
    }


def pickup_qr(request, order_number: str, hash: str):
    """SVG QR of the pickup code for the counter's scanner. The signed hash
    (Oscar's order verification hash) keeps order numbers from being
    enumerated; a wrong one is a 404."""
    order = order_by_number(number=order_number)
    if order is None or not order.pickup_code or not order.check_verification_hash(hash):
        raise http.Http404
    image = qrcode.make(
        f"OTOP-PICKUP:{order.number}:{order.pickup_code}", image_factory=qrcode.image.svg.SvgPathImage, box_size=12
    )
    buffer = io.BytesIO()
    image.save(buffer)
    response = http.HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def order_lookup(request):
    """A guest finds an order by number and email, then sees Oscar's
    anonymous order page (the email is what Oscar checks there)."""
    form = checkout_forms.OrderLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        order = order_of_guest(number=form.cleaned_data["order_number"], email=form.cleaned_data["email"])
        if order is not None:
            request.session["anon_order_email"] = order.guest_email
            return redirect("customer:anon-order", order_number=order.number, hash=order.verification_hash())
        # One message for both mistakes: no hint which order numbers exist.
        form.add_error(None, _("We found no order with that number and email address."))
    return render(request, "oscar/checkout/order_lookup.html", {"form": form})
