"""The center's commission rates, set by office staff: per producer
(Producer.commission_rate) and per OTOP product type
(OtopProductType.commission_rate). Empty means "fall back": producer ->
product type -> settings.OTOP_DEFAULT_COMMISSION_RATE (the order lines copy
the rate in force when they are sold, see shop/order).

Rates are fractions (0.15 = 15 %) between 0 and 0.5 with at most four
decimals; forms take percentages. Every change is audit-logged: a
producer's rate in its own log (which it can read), product-type rates in
office-wide rows (no producer)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..selectors import user_can_set_commission_rates
from .audit import audit_log_write

OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")

RATE_MAX = Decimal("0.5")
RATE_STEP = Decimal("0.0001")


def commission_rate_check(rate: Decimal | None) -> Decimal | None:
    """None, or a finite fraction 0..0.5 with at most four decimals; else
    ValidationError (the message speaks in percent, as the forms do)."""
    if rate is None:
        return None
    message = _("Enter a rate between 0 and 50 percent, with at most two decimals.")
    try:
        if not isinstance(rate, Decimal) or not rate.is_finite():
            raise ValidationError(message, code="invalid_rate")
        if not Decimal("0") <= rate <= RATE_MAX or rate != rate.quantize(RATE_STEP):
            raise ValidationError(message, code="invalid_rate")
    except InvalidOperation:
        raise ValidationError(message, code="invalid_rate") from None
    return rate


def _permission_check(actor) -> None:
    if not user_can_set_commission_rates(actor):
        raise PermissionDenied(_("Only office staff set commission rates."))


def _percent(rate: Decimal | None) -> str | None:
    return None if rate is None else f"{(rate * 100).normalize():f} %"


@transaction.atomic
def producer_settings_set(*, producer: Producer, actor, commission_rate: Decimal | None, language: str) -> Producer:
    """The office's settings of one producer: its commission rate (None =
    the product type's) and the language of the emails it receives."""
    _permission_check(actor)
    errors = {}
    try:
        commission_rate = commission_rate_check(commission_rate)
    except ValidationError as exc:
        errors["commission_rate"] = exc.messages
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose one of the site's languages.")]
    if errors:
        raise ValidationError(errors)
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    changes = {}
    if producer.commission_rate != commission_rate:
        changes["commission_rate"] = {"old": _percent(producer.commission_rate), "new": _percent(commission_rate)}
    if producer.language != language:
        changes["language"] = {"old": producer.language, "new": language}
    if not changes:
        return producer
    producer.commission_rate = commission_rate
    producer.language = language
    producer.save(update_fields=["commission_rate", "language", "updated_at"])
    audit_log_write(producer=producer, actor=actor, action="producer.settings", obj=producer, changes=changes)
    return producer


@transaction.atomic
def otop_product_type_commission_rates_set(*, actor, rates: Mapping[int, Decimal | None]) -> int:
    """Set the rates of several product types at once (id -> fraction or
    None). All-or-nothing: one bad rate or unknown id changes nothing.
    Returns how many types changed."""
    _permission_check(actor)
    types = {t.pk: t for t in OtopProductType.objects.select_for_update().filter(pk__in=list(rates))}
    errors = {}
    for type_id, rate in rates.items():
        if type_id not in types:
            errors[f"rate_{type_id}"] = [_("This product type does not exist.")]
            continue
        try:
            commission_rate_check(rate)
        except ValidationError as exc:
            errors[f"rate_{type_id}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    changed = 0
    for type_id, rate in sorted(rates.items()):
        product_type = types[type_id]
        if product_type.commission_rate == rate:
            continue
        audit_log_write(
            producer=None,
            actor=actor,
            action="product_type.commission_rate",
            obj=product_type,
            changes={"commission_rate": {"old": _percent(product_type.commission_rate), "new": _percent(rate)}},
        )
        product_type.commission_rate = rate
        product_type.save(update_fields=["commission_rate"])
        changed += 1
    return changed
