"""Forms of the inventory staff screens. They only check input; the
services in ``inventory.services`` decide and write."""

import uuid

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import CounterSale, Location, ReceiptLine, StockMovement

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


def product_text_q(text: str, prefix: str = "product__") -> Q:
    text = text.strip()
    return (
        Q(**{f"{prefix}title__icontains": text})
        | Q(**{f"{prefix}title_en__icontains": text})
        | Q(**{f"{prefix}upc__iexact": text})
        | Q(**{f"{prefix}stockrecords__partner_sku__iexact": text})
    )


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


def product_by_code(code: str):
    """The product whose UPC or stock record SKU is ``code`` (None if none or ambiguous)."""
    code = (code or "").strip()
    if not code:
        return None
    found = list(Product.objects.filter(Q(upc__iexact=code) | Q(stockrecords__partner_sku__iexact=code)).distinct()[:2])
    return found[0] if len(found) == 1 else None


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
        product = product_by_code(code)
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


class CounterSalePaymentForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=CounterSale.PaymentMethod.choices, widget=forms.RadioSelect
    )
    payment_reference = forms.CharField(
        label=_("Payment reference (PromptPay slip no.)"), max_length=100, required=False
    )


class BinLabelForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=Location.objects.filter(kind=Location.Kind.ZONE), required=False
    )
