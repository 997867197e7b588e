"""Which shipping methods a basket and address may use.

* Pickup at the center: always, free.
* Weight-based methods (Oscar's WeightBased + bands, edited by office staff
  in Oscar's shipping dashboard): offered when the address's country is one
  of the method's countries (no countries: anywhere). A method whose
  countries do not include Thailand ships abroad, and is withheld when a
  product in the basket may not leave Thailand; ``international_blockers``
  names those products for the message.
"""

from django.db.models import Prefetch
from oscar.apps.shipping.repository import Repository as CoreRepository
from oscar.core.loading import get_model

from .methods import PICKUP_CODE, PickupAtCenter

THAILAND = "TH"

WeightBased = get_model("shipping", "WeightBased")
WeightBand = get_model("shipping", "WeightBand")


class UnknownShippingMethod(LookupError):
    pass


def international_blockers(*, basket) -> list[str]:
    """Titles of basket products that may only be shipped within Thailand."""
    return [line.product.get_title() for line in basket.all_lines() if line.product.not_shippable_abroad]


def _country_code(shipping_addr) -> str | None:
    if shipping_addr is None:
        return None
    return getattr(shipping_addr, "country_id", None) or None


def _session_pickup_only(request) -> bool:
    """The customer ticked "I will collect it at the center" on the address
    step (shop.checkout.session keeps the flag)."""
    if request is None or not hasattr(request, "session"):
        return False
    from shop.checkout.session import pickup_only_get

    return pickup_only_get(request=request)


class Repository(CoreRepository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = [PickupAtCenter()]
        country = _country_code(shipping_addr)
        if country is None or kwargs.get("pickup_only") or _session_pickup_only(kwargs.get("request")):
            return methods
        candidates = WeightBased.objects.prefetch_related(
            "countries", Prefetch("bands", queryset=WeightBand.objects.order_by("upper_limit"))
        )
        blocked_abroad = bool(international_blockers(basket=basket))
        for method in candidates:
            countries = {c.pk for c in method.countries.all()}
            if countries and country not in countries:
                continue
            ships_abroad = country != THAILAND if not countries else THAILAND not in countries
            if ships_abroad and blocked_abroad:
                continue
            methods.append(method)
        return methods

    def method_by_code(self, *, code: str, basket=None):
        """The method for a stored code, whatever the address (placing an
        order from a payment snapshot)."""
        if code == PICKUP_CODE:
            return PickupAtCenter()
        method = WeightBased.objects.filter(code=code).first()
        if method is None:
            raise UnknownShippingMethod(code)
        return method

    def international_unavailable(self, *, basket, shipping_addr) -> list[str]:
        """Products that stop delivery to a foreign address (empty: none)."""
        country = _country_code(shipping_addr)
        if country is None or country == THAILAND:
            return []
        return international_blockers(basket=basket)
