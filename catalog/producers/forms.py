"""Forms of the registration page, the producer portal and the office's
review screens.

Forms check formats and lengths and turn text into typed values; the rules
(duplicates, address consistency, listing states, price limits, the
digital-wallet exclusion, isolation) live in catalog.producers.services,
whose ValidationErrors the views attach to these forms' fields
(``form_errors_attach``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.common.images import HEIF_AVAILABLE, image_validate_and_clean

from ..selectors import tambon_choices_by_district, tambon_choices_chiang_mai, tambon_choices_for_district
from ..validators import (
    PARCEL_CM_MAX,
    PARCEL_CM_MIN,
    NoNationalIdValidator,
    ThaiPhoneFormField,
    validate_otop_registration_number,
    validate_thai_postcode,
)
from .selectors import product_stock_record
from .services.products import PRICE_MAX, PRICE_MIN, ProductInput

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Category = get_model("catalogue", "Category")
Producer = get_model("catalogue", "Producer")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")


def form_errors_attach(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to a bound form: errors on a field
    the form has go next to it, anything else at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)


IMAGE_ACCEPT = "image/jpeg,image/png,image/webp" + (",image/heic,image/heif" if HEIF_AVAILABLE else "")
_no_id = NoNationalIdValidator()
_line_id = RegexValidator(
    r"^@?[A-Za-z0-9._\-]{1,50}$",
    _("Enter a LINE ID: letters, digits, dot, dash and underscore (an official account starts with @)."),
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one <input multiple>. Each goes through
    shop.common.images (content check, size and pixel caps, re-encode, no EXIF);
    the cleaned value is a list of CleanImage, ready to store."""

    def __init__(self, *, max_files: int, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": IMAGE_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(_("Send at most %(n)d photos."), code="too_many_files", params={"n": self.max_files})
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(image_validate_and_clean(upload=upload))
            except ValidationError as exc:
                name = str(getattr(upload, "name", ""))[:60]
                errors.extend(
                    ValidationError(_("%(name)s: %(error)s"), params={"name": name, "error": message})
                    for message in exc.messages
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class GroupedTambonField(forms.ChoiceField):
    """Chiang Mai's tambons as a <select>: with one optgroup per district
    until a district is known, then only that district's tambons
    (``tambons_follow_district``), so a tambon of another district is
    refused with ``invalid_choice``. The service checks again."""

    def __init__(self, *, not_in_district: str, **kwargs):
        kwargs.setdefault("choices", self._choices)
        kwargs.setdefault("error_messages", {"invalid_choice": not_in_district})
        super().__init__(**kwargs)

    @staticmethod
    def _choices():
        return [("", "---------"), *tambon_choices_chiang_mai()]


def tambons_follow_district(form: forms.Form, *, tambon: str, district: str, default=None) -> None:
    """Make ``form``'s tambon field follow its district field: offer (and
    accept) only the tambons of the district chosen (posted, else initial,
    else ``default``), and give the <select> what
    static/js/catalog/tambon-select.js needs to narrow the list as soon as
    a district is picked in the browser (without the script, the server's
    check answers)."""
    field = form.fields[tambon]
    if form.is_bound:
        chosen = form.data.get(form.add_prefix(district))
    else:
        chosen = form.get_initial_for_field(form.fields[district], district)
    try:
        chosen = form.fields[district].to_python(chosen) or default
    except ValidationError:
        chosen = default
    if chosen is not None:
        field.choices = [("", "---------"), *tambon_choices_for_district(district_code=chosen.code)]
    field.widget.attrs.update(
        {
            "data-district-select": form[district].auto_id,
            "data-default-district": str(default.pk) if default is not None else "",
            "data-tambons": json.dumps(tambon_choices_by_district(), ensure_ascii=False, separators=(",", ":")),
        }
    )


# --- Registration -------------------------------------------------------------------------


class ProducerRegistrationForm(forms.Form):
    name_th = forms.CharField(label=_("Name of the group or business (Thai)"), max_length=200, validators=[_no_id])
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False, validators=[_no_id])
    kind = forms.ChoiceField(
        label=_("Type of producer"),
        choices=Producer.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    otop_registration_number = forms.CharField(
        label=_("OTOP registration number"),
        max_length=32,
        required=False,
        help_text=_("If you already have one, as written on the certificate."),
        validators=[validate_otop_registration_number],
    )
    district = forms.ModelChoiceField(label=_("District (amphoe)"), queryset=District.objects.order_by("code"))
    tambon = GroupedTambonField(
        label=_("Subdistrict (tambon)"), not_in_district=_("This tambon is not in the district you chose.")
    )
    village = forms.CharField(label=_("Village"), max_length=100, required=False, validators=[_no_id])
    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        required=False,
        validators=[_no_id],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=5,
        validators=[validate_thai_postcode],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, validators=[_no_id])
    phone = ThaiPhoneFormField(label=_("Phone"))
    line_id = forms.CharField(label=_("LINE ID"), max_length=51, required=False, validators=[_line_id])
    email = forms.EmailField(label=_("Email"), max_length=254, help_text=_("Your login; we send a link to check it."))
    product_types = forms.ModelMultipleChoiceField(
        label=_("What do you make?"),
        queryset=OtopProductType.objects.all(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    story = forms.CharField(
        label=_("Your story"),
        max_length=2000,
        required=False,
        validators=[_no_id],
        help_text=_("A few sentences about your group and your craft. Do not write national ID numbers."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photos = MultipleImageField(
        label=_("Photos (up to 5)"),
        max_files=5,
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 15 MB each. Location data is removed."),
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Community Development Office keeps these details to review the registration and to contact us."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        tambons_follow_district(self, tambon="tambon", district="district")
        if user is not None and user.is_authenticated:
            # Registering from an existing account: it is the login.
            del self.fields["password1"]
            del self.fields["password2"]
            self.fields["email"].initial = user.email

    def clean_name_th(self):
        return " ".join(self.cleaned_data["name_th"].split())

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


# --- Products ----------------------------------------------------------------------------


def _blank(choices):
    return [("", "---------"), *choices]


def dimension_field(label) -> forms.DecimalField:
    """A parcel dimension in cm, optional, with the bounds of the model's
    field (catalog/models, parcel_dimension_field), so the form says what is
    wrong before the listing is saved."""
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=1,
        min_value=PARCEL_CM_MIN,
        max_value=PARCEL_CM_MAX,
        required=False,
    )


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Title (Thai)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Description (Thai)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[_no_id],
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[_no_id],
    )
    description_zh_hans = forms.CharField(
        label=_("Description (Chinese)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[_no_id],
    )
    otop_type = forms.ModelChoiceField(label=_("OTOP product type"), queryset=OtopProductType.objects.all())
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_public=True).order_by("path")
    )
    price = forms.DecimalField(
        label=_("Price (THB, VAT included)"), max_digits=10, decimal_places=2, min_value=PRICE_MIN, max_value=PRICE_MAX
    )
    sku = forms.CharField(
        label=_("Stock-keeping unit (SKU)"),
        max_length=64,
        required=False,
        help_text=_("Your own code for the product; left empty, OTOP-<number> is used."),
    )
    origin_district = forms.ModelChoiceField(
        label=_("District of origin"),
        queryset=District.objects.order_by("code"),
        required=False,
        help_text=_("Empty means your own district."),
    )
    origin_tambon = GroupedTambonField(
        label=_("Subdistrict (tambon) of origin"),
        required=False,
        not_in_district=_("This tambon is not in the district of origin."),
    )
    weight_grams = forms.IntegerField(label=_("Weight (grams)"), min_value=1, max_value=100_000, required=False)
    length_cm = dimension_field(_("Length (cm)"))
    width_cm = dimension_field(_("Width (cm)"))
    height_cm = dimension_field(_("Height (cm)"))
    not_shippable_abroad = forms.BooleanField(label=_("Perishable: ship within Thailand only"), required=False)
    digital_wallet_eligible = forms.BooleanField(label=_("Eligible for the digital wallet"), required=False)
    otop_stars = forms.TypedChoiceField(
        label=_("OTOP stars"),
        choices=_blank([(n, "★" * n) for n in range(1, 6)]),
        coerce=int,
        empty_value=None,
        required=False,
    )
    otop_star_year = forms.IntegerField(
        label=_("Assessment year (B.E.)"), min_value=2549, max_value=2700, required=False
    )
    fibre = forms.ChoiceField(label=_("Fibre"), choices=_blank(Product.Fibre.choices), required=False)
    dye_type = forms.ChoiceField(label=_("Dye"), choices=_blank(Product.DyeType.choices), required=False)
    dye_source_plant = forms.ChoiceField(
        label=_("Natural dye source"), choices=_blank(Product.DyeSource.choices), required=False
    )
    weaving_technique = forms.ChoiceField(
        label=_("Weaving technique"), choices=_blank(Product.WeavingTechnique.choices), required=False
    )

    FIELDSETS = (
        (
            _("Title and description"),
            ("title", "title_en", "title_zh_hans", "description", "description_en", "description_zh_hans"),
        ),
        (_("Type, category and price"), ("otop_type", "category", "price", "sku")),
        (_("Origin and OTOP rating"), ("origin_district", "origin_tambon", "otop_stars", "otop_star_year")),
        (_("Shipping"), ("weight_grams", "length_cm", "width_cm", "height_cm", "not_shippable_abroad")),
        (_("Textiles"), ("fibre", "dye_type", "dye_source_plant", "weaving_technique")),
        (_("Digital wallet"), ("digital_wallet_eligible",)),
    )

    def __init__(self, *args, default_district=None, **kwargs):
        """``default_district``: the producer's own, which an empty district
        of origin means."""
        super().__init__(*args, **kwargs)
        tambons_follow_district(self, tambon="origin_tambon", district="origin_district", default=default_district)

    def fieldsets(self):
        for title, names in self.FIELDSETS:
            yield title, [self[name] for name in names]

    @staticmethod
    def initial_for(product) -> dict:
        record = product_stock_record(product=product)
        category = product.categories.order_by("pk").first()
        initial = {
            name: getattr(product, name)
            for name in (
                "title",
                "title_en",
                "title_zh_hans",
                "description",
                "description_en",
                "description_zh_hans",
                "otop_type",
                "origin_district",
                "origin_tambon",
                "weight_grams",
                "length_cm",
                "width_cm",
                "height_cm",
                "not_shippable_abroad",
                "digital_wallet_eligible",
                "otop_stars",
                "otop_star_year",
                "fibre",
                "dye_type",
                "dye_source_plant",
                "weaving_technique",
            )
        }
        initial["price"] = record.price if record else None
        initial["sku"] = record.partner_sku if record else ""
        initial["category"] = category
        return initial

    def to_input(self) -> ProductInput:
        data = dict(self.cleaned_data)
        for name in ("title", "title_en", "title_zh_hans", "sku"):
            data[name] = (data.get(name) or "").strip()
        return ProductInput(**data)


class ProductImageUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 15 MB and 40 megapixels. Location data is removed."),
    )
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        help_text=_("For visitors who cannot see the photo, e.g. “Indigo silk scarf folded on a table”."),
    )


class ProductImageEditForm(forms.Form):
    alt_text = forms.CharField(label=_("What the photo shows"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=1, max_value=99)


class CertificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Certification"), choices=Certification.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=64)
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    expiry_date = forms.DateField(
        label=_("Expiry date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if it does not expire."),
    )
    document = forms.FileField(
        label=_("Certificate (PDF or photo)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf," + IMAGE_ACCEPT}),
        help_text=_("PDF up to 10 MB without scripts or attachments, or a photo up to 15 MB."),
    )


# --- Bank details ----------------------------------------------------------------------


class NoEchoTextInput(forms.TextInput):
    """A text box that never renders a value back: not the stored number,
    not even what was just typed when the form comes back with an error."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, None, attrs)


class BankAccountForm(forms.Form):
    bank = forms.ChoiceField(label=_("Bank"), choices=ProducerBankAccount.Bank.choices)
    account_name = forms.CharField(label=_("Account name"), max_length=200, validators=[_no_id])
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=32,
        required=False,
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        if account is not None:
            self.fields["account_number"].help_text = _(
                "Stored: %(masked)s. Leave empty to keep it; type a new number to replace it."
            ) % {"masked": account.masked_account_number}
        else:
            self.fields["account_number"].required = True


# --- Members ----------------------------------------------------------------------------


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the new member"),
        max_length=254,
        help_text=_("An account is created if the address has none; we email a link to choose a password."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


# --- Office: commission rates ----------------------------------------------------------------


def _percent_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("50"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Percent of the sale price kept by the center, 0 to 50. Empty: the next rate down applies."),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "50", "inputmode": "decimal"}),
    )


def percent_to_rate(percent: Decimal | None) -> Decimal | None:
    """15 (percent, as typed) -> Decimal("0.1500") (the stored fraction)."""
    return None if percent is None else (percent / 100).quantize(Decimal("0.0001"))


def rate_to_percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else (rate * 100).quantize(Decimal("0.01"))


class ProducerSettingsForm(forms.Form):
    commission_percent = _percent_field(_("Center commission (%)"))
    language = forms.ChoiceField(label=_("Language of emails to the producer"), choices=settings.LANGUAGES)

    def to_rate(self) -> Decimal | None:
        return percent_to_rate(self.cleaned_data["commission_percent"])


class ProductTypeRatesForm(forms.Form):
    """One percentage field per OTOP product type (``rate_<id>``)."""

    def __init__(self, *args, product_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.product_types = list(product_types)
        for product_type in self.product_types:
            self.fields[f"rate_{product_type.pk}"] = _percent_field(product_type.name)
            self.initial.setdefault(f"rate_{product_type.pk}", rate_to_percent(product_type.commission_rate))

    def to_rates(self) -> dict[int, Decimal | None]:
        return {t.pk: percent_to_rate(self.cleaned_data[f"rate_{t.pk}"]) for t in self.product_types}


# --- Import and review ---------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not re.search(r"\.(csv|xlsx)$", upload.name or "", re.IGNORECASE):
            raise ValidationError(_("Upload the template filled in, as .csv or .xlsx."))
        return upload


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the producer"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApplicationRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
