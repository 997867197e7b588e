from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Free

PICKUP_CODE = "pickup"


class PickupAtCenter(Free):
    """Collect at the San Kamphaeng OTOP center: free, pay at the counter
    or online; the order gets a pickup code."""

    code = PICKUP_CODE
    name = _("Pickup at the San Kamphaeng OTOP center")
    description = _("Free. We email you when it is ready; show your pickup code at the counter.")

    @property
    def display_name(self) -> str:
        return str(self.name)
