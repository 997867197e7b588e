"""Oscar's checkout session, plus what our steps store: the "collect at the
center" choice and the payment method."""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout.session import CheckoutSessionMixin as CoreCheckoutSessionMixin
from oscar.core.loading import get_class

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")


def pickup_only_get(*, request) -> bool:
    return bool(CheckoutSessionData(request)._get("collect", "pickup_only", False))


def pickup_only_set(*, request, value: bool) -> None:
    CheckoutSessionData(request)._set("collect", "pickup_only", bool(value))


class CheckoutSessionMixin(CoreCheckoutSessionMixin):
    def check_payment_data_is_captured(self, request):
        if not self.checkout_session.payment_method():
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"), message=_("Please choose how you would like to pay")
            )

    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        """Oscar's, once per request: the pre-conditions and the order
        submission both ask for it, and each time the repository reads the
        methods, their countries and bands again."""
        key = (
            basket.id,
            getattr(shipping_address, "country_id", None),
            pickup_only_get(request=self.request),
            self.checkout_session.shipping_method_code(basket),
        )
        known = self.__dict__.setdefault("_shipping_methods_seen", {})
        if key not in known:
            known[key] = super().get_shipping_method(basket, shipping_address, **kwargs)
        return known[key]

    def skip_unless_payment_is_required(self, request):
        # Every order here goes through the payment-method step (even a free
        # one needs "pay at pickup" or a payment), so never skip it.
        return None
