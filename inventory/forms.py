"""Forms of the inventory staff screens. They only check input (what they
look up, they ask ``inventory.selectors``); the services in
``inventory.services`` decide and write."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import CounterSale, Location, ReceiptLine, StockMovement
from .selectors import (
    bins_active,
    location_by_code,
    location_holds_stock,
    lot_by_code,
    lot_get,
    lot_ids_in_location,
    lot_in_location,
    product_by_code,
)

Producer = get_model("catalogue", "Producer")
Product = get_model("catalogue", "Product")

_SCAN = {"data-scan": "product", "autocomplete": "off"}


class ProducerChoiceForm(forms.Form):
    producer = forms.ModelChoiceField(
        label=_("Producer"), queryset=Producer.objects.order_by("name_th"), empty_label=_("Choose a producer")
    )


class ProductCodeChoiceField(forms.ModelChoiceField):
    """Options read "UPC · title", so a scanned UPC selects the product."""

    def label_from_instance(self, obj):
        return f"{obj.upc} · {obj.get_title()}" if obj.upc else obj.get_title()


class ReceiptLineForm(forms.Form):
    product = ProductCodeChoiceField(label=_("Product"), queryset=Product.objects.none())
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    lot_code = forms.CharField(label=_("Lot code"), max_length=64, required=False)
    best_before = forms.DateField(
        label=_("Best before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    condition = forms.ChoiceField(
        label=_("Condition"), choices=ReceiptLine.Condition.choices, initial=ReceiptLine.Condition.OK
    )

    def __init__(self, *args, producer=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the producer's own products can be chosen: a product of
        # another producer is "not one of the available choices".
        self.fields["product"].queryset = (
            Product.objects.filter(producer=producer).order_by("title") if producer else Product.objects.none()
        )
        self.fields["product"].widget.attrs.update({"data-scan": "product"})


class BaseReceiptLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data for form in self.forms if form.has_changed()):
            raise forms.ValidationError(_("Enter at least one line."))


ReceiptLineFormSet = forms.formset_factory(ReceiptLineForm, formset=BaseReceiptLineFormSet, extra=5, max_num=100)


class ReceiptHeaderForm(forms.Form):
    # One-time token: a double-submitted form drafts the delivery once.
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptSignForm(forms.Form):
    signed_by_name = forms.CharField(label=_("Signed by (name)"), max_length=200)


class StockFilterForm(forms.Form):
    product = forms.CharField(label=_("Product (title, UPC or SKU)"), required=False)
    bin = forms.CharField(label=_("Bin or zone code"), required=False)
    producer = forms.ModelChoiceField(
        label=_("Producer"), queryset=Producer.objects.order_by("name_th"), required=False
    )
    lot = forms.CharField(label=_("Lot code"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("product", "bin"):
            self.fields[name].widget.attrs.update({"data-scan": name, "autocomplete": "off"})


class MovementFilterForm(forms.Form):
    product = forms.CharField(label=_("Product (title, UPC or SKU)"), required=False)
    producer = forms.ModelChoiceField(
        label=_("Producer"), queryset=Producer.objects.order_by("name_th"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *StockMovement.Kind.choices], required=False
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].widget.attrs.update({"data-scan": "product", "autocomplete": "off"})

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class CounterSaleLineForm(forms.Form):
    code = forms.CharField(label=_("Product code (UPC or SKU)"), max_length=64)
    # No initial value: an untouched row must stay "unchanged" (and ignored).
    # An empty quantity next to a scanned code means one unit.
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(_SCAN)
        self.fields["quantity"].widget.attrs.update({"placeholder": "1"})

    def clean_quantity(self):
        quantity = self.cleaned_data.get("quantity")
        return 1 if quantity is None else quantity

    def clean_code(self):
        code = self.cleaned_data["code"]
        product = product_by_code(code=code)
        if product is None:
            raise forms.ValidationError(_("No product has the code %(code)s.") % {"code": code})
        self.product = product
        return code


class BaseCounterSaleLineFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(form.cleaned_data for form in self.forms if form.has_changed()):
            raise forms.ValidationError(_("Scan or enter at least one product."))


CounterSaleLineFormSet = forms.formset_factory(
    CounterSaleLineForm, formset=BaseCounterSaleLineFormSet, extra=6, max_num=100
)


class BahtField(forms.DecimalField):
    """An amount in baht as staff type it: "2,000", "฿2000" or "2000.50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace("฿", "").strip()
        return super().to_python(value)


class CounterSalePaymentForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=CounterSale.PaymentMethod.choices, widget=forms.RadioSelect
    )
    payment_reference = forms.CharField(
        label=_("Payment reference (PromptPay slip no.)"), max_length=100, required=False
    )
    cash_tendered = BahtField(
        label=_("Cash received (THB)"),
        help_text=_("For a cash sale: what the buyer hands over. Leave empty if it is the exact total."),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        # Typed before the buyer switched to PromptPay: no cash changes hands.
        if data.get("payment_method") != CounterSale.PaymentMethod.CASH:
            data["cash_tendered"] = None
        return data


class BinLabelForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Location.objects.filter(kind=Location.Kind.ZONE), required=False
    )


class LocationCodeField(forms.CharField):
    """A zone or bin typed or scanned by its code (e.g. SKP-A-01).

    ``kinds=(Location.Kind.BIN,)`` takes bins only: a zone's or the center's
    code is then refused as an unknown bin, naming what the code is and a bin
    to use instead. ``zones_holding_stock=True`` still lets a zone through
    when units are booked on the zone itself (put there before bins were
    required), so they can be moved out to a bin."""

    def __init__(self, *args, kinds=(Location.Kind.ZONE, Location.Kind.BIN), zones_holding_stock=False, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)
        self.kinds = tuple(kinds)
        self.zones_holding_stock = zones_holding_stock
        self.widget.attrs.update({"data-scan": "bin", "autocomplete": "off"})

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        code = code.strip()
        location = location_by_code(code=code)
        if location is not None and location.kind in self.kinds:
            return location
        if self.kinds == (Location.Kind.ZONE, Location.Kind.BIN) or location is None:
            what = (
                _("Unknown bin or zone %(code)s.") if Location.Kind.ZONE in self.kinds else _("Unknown bin %(code)s.")
            )
            raise forms.ValidationError(what % {"code": code}, code="unknown_bin")
        if self.zones_holding_stock and location.kind == Location.Kind.ZONE and location_holds_stock(location=location):
            return location
        example = bins_active(zone=location).first() if location.kind == Location.Kind.ZONE else None
        if example is not None:
            message = _(
                "Unknown bin %(code)s: that is the code of a zone. Scan or type the code of a bin in it, such as %(bin)s."
            ) % {"code": location.code, "bin": example.code}
        else:
            message = _("Unknown bin %(code)s: that is the code of a %(kind)s, not of a bin.") % {
                "code": location.code,
                "kind": location.get_kind_display().lower(),
            }
        raise forms.ValidationError(message, code="unknown_bin")


class CountOpenForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    location = LocationCodeField(label=_("Zone or bin (scan or type its code)"))
    blind = forms.BooleanField(label=_("Blind count (do not show the expected quantities)"), required=False)


class StockMoveForm(forms.Form):
    """Put away, transfer, return to the producer or write off: product and
    bins by (scanned) code, the lot by its code (optional when the bin holds
    one lot of the product)."""

    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    action = forms.ChoiceField(
        label=_("What"),
        choices=[
            ("put_away", _("Put away (receiving → shelf)")),
            ("transfer", _("Transfer between bins")),
            ("return_to_producer", _("Return to the producer")),
            ("write_off", _("Write off (center manager)")),
        ],
    )
    product = forms.CharField(label=_("Product (scan UPC or SKU)"), max_length=64)
    # Stock is shelved in bins: a zone's code (the sign over an aisle) is an
    # easy mis-scan, refused by name rather than moving units onto the zone
    # itself or, as the source, reporting "0 available" (issue 19).
    from_location = LocationCodeField(label=_("From bin"), kinds=(Location.Kind.BIN,), zones_holding_stock=True)
    lot = forms.CharField(label=_("Lot code"), max_length=64, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    to_location = LocationCodeField(label=_("To bin"), required=False, kinds=(Location.Kind.BIN,))
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].widget.attrs.update(_SCAN)
        self.fields["lot"].widget.attrs.update({"data-scan": "lot", "autocomplete": "off"})
        self.fields["quantity"].widget.attrs.update({"inputmode": "numeric"})

    def clean_product(self):
        code = self.cleaned_data["product"].strip()
        product = product_by_code(code=code)
        if product is None:
            raise forms.ValidationError(_("No product has the code %(code)s.") % {"code": code}, code="unknown_product")
        return product

    def clean(self):
        data = super().clean()
        product, source = data.get("product"), data.get("from_location")
        if (
            data.get("action") in ("put_away", "transfer")
            and not data.get("to_location")
            and "to_location" not in self.errors
        ):
            self.add_error(
                "to_location", forms.ValidationError(_("Scan or type the bin the units go to."), code="no_destination")
            )
        if product is None or source is None:
            return data
        code = (data.get("lot") or "").strip()
        if code:
            lot = lot_by_code(product=product, code=code)
            if lot is None:
                self.add_error(
                    "lot",
                    forms.ValidationError(
                        _("%(product)s has no lot %(code)s.") % {"product": product.get_title(), "code": code},
                        code="unknown_lot",
                    ),
                )
            elif not lot_in_location(product=product, location=source, lot=lot):
                self.add_error(
                    "from_location",
                    forms.ValidationError(
                        _("%(bin)s holds none of lot %(lot)s of %(product)s.")
                        % {"bin": source.code, "lot": lot.code, "product": product.get_title()},
                        code="not_in_bin",
                    ),
                )
            data["lot"] = lot
        else:
            lot_ids = lot_ids_in_location(product=product, location=source)
            if len(lot_ids) == 1:
                data["lot"] = lot_get(pk=lot_ids[0])
            elif lot_ids:
                self.add_error(
                    "lot",
                    forms.ValidationError(
                        _("%(bin)s holds several lots of this product: scan or type the lot code.")
                        % {"bin": source.code},
                        code="several_lots",
                    ),
                )
            else:
                self.add_error(
                    "from_location",
                    forms.ValidationError(
                        _("%(bin)s holds none of %(product)s.") % {"bin": source.code, "product": product.get_title()},
                        code="not_in_bin",
                    ),
                )
        return data


class PortalMovementFilterForm(MovementFilterForm):
    """The producer portal's movement filter: its own stock only, so no producer field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["producer"]
