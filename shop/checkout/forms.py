"""Checkout forms: a shipping address checked against Thailand's bundled
address data, and the payment method choice.

Thai addresses use Oscar's ShippingAddress fields as follows (the payment
snapshot and the pick/pack screens rely on it):
line1 house number and street, line2 village/building, line3 subdistrict
(tambon), line4 district (amphoe), state province, postcode.
Foreign addresses: line1-line3 free-form, line4 city, state region.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import GatewayForm  # noqa: F401  (Oscar imports it from here)
from oscar.apps.checkout.forms import ShippingAddressForm as CoreShippingAddressForm
from oscar.apps.checkout.forms import ShippingMethodForm as CoreShippingMethodForm

from catalog import thai_address
from shop.payment.selectors import payment_test_mode_enabled
from shop.shipping.countries import country_name

THAILAND = "TH"

# The center's own address, used as the "shipping" address of orders that
# are collected there (the customer only gives name and phone).
PICKUP_ADDRESS = {
    "line1": "San Kamphaeng OTOP Distribution Center",
    "line3": "สันกำแพง",
    "line4": "สันกำแพง",
    "state": "เชียงใหม่",
    "postcode": "50130",
}


class ShippingAddressForm(CoreShippingAddressForm):
    pickup_only = forms.BooleanField(
        label=_("I will collect my order at the San Kamphaeng OTOP center (no delivery address needed)"),
        required=False,
    )

    field_order = [
        "pickup_only",
        "first_name",
        "last_name",
        "phone_number",
        "country",
        "line1",
        "line2",
        "line3",
        "line4",
        "state",
        "postcode",
        "notes",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        # Requiredness depends on pickup / Thailand / abroad: clean() decides.
        for name in ("line1", "line4", "postcode", "state", "line3"):
            if name in self.fields:
                self.fields[name].required = False
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["phone_number"].required = True
        self.fields["phone_number"].help_text = _(
            "So the courier or the center can reach you, e.g. 081 234 5678 or +44 7700 900123."
        )
        self.fields["line1"].label = _("House number, street")
        self.fields["line2"].label = _("Village, building (optional)")
        self.fields["line3"].label = _("Subdistrict (tambon) – Thailand; address line 3 abroad")
        self.fields["line4"].label = _("District (amphoe) – Thailand; city abroad")
        self.fields["state"].label = _("Province – Thailand; state or region abroad")
        self.fields["postcode"].label = _("Postcode")
        if "country" in self.fields:
            self.fields["country"].widget.attrs["data-checkout-country"] = "1"
            # Country names in the visitor's language (Oscar's rows are English).
            self.fields["country"].label_from_instance = lambda country: country_name(
                code=country.pk, fallback=country.printable_name
            )
        self.fields["pickup_only"].widget.attrs["data-checkout-pickup"] = "1"

    def _required(self, names):
        for name in names:
            if not (self.cleaned_data.get(name) or "").strip():
                self.add_error(name, _("This field is required."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pickup_only"):
            # The parcel stays at the center: its address is the shipping address.
            cleaned.update(PICKUP_ADDRESS)
            cleaned["line2"] = ""
            if "country" in self.fields:
                cleaned["country"] = self.fields["country"].queryset.filter(pk=THAILAND).first() or cleaned.get(
                    "country"
                )
            for name, value in {**PICKUP_ADDRESS, "line2": ""}.items():
                setattr(self.instance, name, value)
            self._errors = {k: v for k, v in self._errors.items() if k in ("first_name", "last_name", "phone_number")}
            return cleaned
        country = cleaned.get("country") or getattr(self.instance, "country", None)
        if country is not None and country.pk == THAILAND:
            self._clean_thai_address(cleaned)
        else:
            self._required(["line1", "line4"])
        return cleaned

    def _clean_thai_address(self, cleaned):
        self._required(["line1", "line3", "line4", "state", "postcode"])
        if self.errors:
            return
        province = thai_address.province_get(cleaned["state"])
        if province is None:
            self.add_error("state", _("“%(value)s” is not a Thai province.") % {"value": cleaned["state"]})
            return
        district = thai_address.district_get(district=cleaned["line4"], province=province.code)
        if district is None:
            self.add_error(
                "line4",
                _("“%(value)s” is not a district of %(province)s.")
                % {"value": cleaned["line4"], "province": province.name},
            )
            return
        tambons = thai_address.tambon_get(tambon=cleaned["line3"], district=district.code, province=province.code)
        if not tambons:
            self.add_error(
                "line3",
                _("“%(value)s” is not a subdistrict of %(district)s.")
                % {"value": cleaned["line3"], "district": district.name},
            )
            return
        postcode = thai_address.normalise_place_name(cleaned["postcode"])
        valid = sorted({pc for t in tambons for pc in t.postcodes})
        if postcode not in valid:
            self.add_error(
                "postcode",
                _("The postcode of %(tambon)s, %(district)s is %(postcodes)s.")
                % {"tambon": tambons[0].name, "district": district.name, "postcodes": ", ".join(valid)},
            )
            return
        # Store the official spelling, in the customer's script.
        canonical = {"state": province.name, "line4": district.name, "line3": tambons[0].name, "postcode": postcode}
        cleaned.update(canonical)
        for name, value in canonical.items():
            setattr(self.instance, name, value)


class ShippingMethodForm(CoreShippingMethodForm):
    pass


# Payment methods. card/promptpay/test are taken by shop.payment (P);
# pickup means paying at the counter when collecting.
CARD, PROMPTPAY, PICKUP, TEST = "card", "promptpay", "pickup", "test"
PAYMENT_METHOD_LABELS = {
    CARD: _("Card (Visa, Mastercard, JCB, UnionPay) – with 3-D Secure"),
    PROMPTPAY: _("PromptPay QR – pay from any Thai banking app"),
    PICKUP: _("Pay at pickup – cash or PromptPay at the center's counter"),
    TEST: _("TEST PAYMENT – no money moves (development only)"),
}


def payment_methods_available(*, shipping_method_code: str) -> list[str]:
    methods = []
    if getattr(settings, "STRIPE_SECRET_KEY", ""):
        methods += [CARD, PROMPTPAY]
    if shipping_method_code == PICKUP:
        methods.append(PICKUP)
    # One rule for offering and for accepting a test payment (DEBUG without
    # Stripe keys, unless STRIPE_TEST_MODE=false): the payment app's.
    if payment_test_mode_enabled():
        methods.append(TEST)
    return methods


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("How would you like to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, methods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(m, PAYMENT_METHOD_LABELS[m]) for m in methods]
        self.fields["method"].error_messages["invalid_choice"] = _("Choose one of the payment methods shown.")
        if len(methods) == 1:
            self.fields["method"].initial = methods[0]


class OrderLookupForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    email = forms.EmailField(label=_("Email address used for the order"))
