"""Producers: the OTOP makers, each paired with its Oscar partner, and their
bank details for settlements."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from ...models.producers import mask_account_number
from ...validators import normalize_thai_digits, normalize_thai_phone
from .audit import audit_log_write

District = get_model("catalogue", "District")
Producer = get_model("catalogue", "Producer")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
Partner = get_model("partner", "Partner")


@transaction.atomic
def producer_create(
    *,
    slug: str,
    name_th: str,
    kind: str,
    district: District,
    name_en: str = "",
    status: str = Producer.Status.PENDING,
    otop_registration_number: str = "",
    tambon: str = "",
    village: str = "",
    address: str = "",
    postcode: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    line_id: str = "",
    story_th: str = "",
    story_en: str = "",
    language: str = "th",
    product_types: Iterable = (),
) -> Producer:
    """Create a producer together with its Oscar partner.

    The partner carries the Thai name (what appears on invoices and in the
    dashboard) and the producer's slug as its code, so both are found by the
    same natural key. New producers are pending until the office approves
    them, unless the caller (an import of already-verified makers) says so.
    """
    producer = Producer(
        slug=slug,
        name_th=name_th,
        name_en=name_en,
        kind=kind,
        status=status,
        otop_registration_number=otop_registration_number,
        district=district,
        tambon=tambon,
        village=village,
        address=address,
        postcode=postcode,
        contact_name=contact_name,
        # Stored as 0XXXXXXXXX (mobile) / 0XXXXXXXX (landline) so duplicates compare.
        phone=normalize_thai_phone(phone) if phone.strip() else "",
        email=email,
        line_id=line_id,
        story_th=story_th,
        story_en=story_en,
        language=language,
    )
    # Validate before touching the database so a bad row leaves no orphan partner.
    producer.full_clean(exclude=["partner"])
    if Partner.objects.filter(code=slug).exists():
        raise ValidationError({"slug": _("A partner with this code already exists.")})
    producer.partner = Partner.objects.create(name=name_th[:128], code=slug)
    producer.save()
    product_types = list(product_types)
    if product_types:
        producer.product_types.set(product_types)
    return producer


# Paths under /shop/producers/ that are not producer pages.
RESERVED_SLUGS = frozenset({"register"})


def producer_slug_generate(*, name_en: str, name_th: str) -> str:
    """A unique, readable slug: from the English name when there is one,
    else a short random one (Oscar's slug of Thai text is unreadable)."""
    base = slugify(name_en)[:100].strip("-") if name_en else ""
    if not base or base in RESERVED_SLUGS:
        base = f"{base or 'producer'}-{uuid.uuid4().hex[:8]}"
    slug, n = base, 2
    while Producer.objects.filter(slug=slug).exists() or Partner.objects.filter(code=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


# --- Bank details ---------------------------------------------------------------------------

_ACCOUNT_FORMATTING = re.compile(r"[\s\-.]")


def bank_account_number_normalise(value: str) -> str:
    """Digits only, 10 to 15 of them (Thai bank accounts are 10 digits; GSB
    and BAAC use 12), or ValidationError."""
    digits = _ACCOUNT_FORMATTING.sub("", normalize_thai_digits(str(value or "")))
    if not digits.isascii() or not digits.isdigit() or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter the account number as printed in the bank book: 10 to 15 digits."), code="invalid_account"
        )
    return digits


@transaction.atomic
def producer_bank_account_set(
    *, producer: Producer, actor, bank: str, account_name: str, account_number: str = ""
) -> ProducerBankAccount:
    """Create or update the producer's bank details. An empty
    ``account_number`` keeps the stored one (forms never show it back).
    The audit log records the change with masked numbers only."""
    account = ProducerBankAccount.objects.select_for_update().filter(producer=producer).first()
    before = (
        {"bank": account.bank, "account_name": account.account_name, "account_number": account.masked_account_number}
        if account
        else {}
    )
    if account is None:
        if not account_number:
            raise ValidationError({"account_number": _("Enter the account number.")})
        account = ProducerBankAccount(producer=producer)
    account.bank = bank
    account.account_name = account_name
    if account_number:
        try:
            account.account_number = bank_account_number_normalise(account_number)
        except ValidationError as exc:
            raise ValidationError({"account_number": exc.messages}) from None
    account.updated_by = actor if actor is not None and actor.is_authenticated else None
    account.full_clean()
    account.save()
    after = {
        "bank": account.bank,
        "account_name": account.account_name,
        "account_number": account.masked_account_number,
    }
    diff = {k: {"old": before.get(k), "new": v} for k, v in after.items() if before.get(k) != v}
    if diff:
        audit_log_write(producer=producer, actor=actor, action="bank_account.update", obj=account, changes=diff)
    return account


__all__ = [
    "bank_account_number_normalise",
    "mask_account_number",
    "producer_bank_account_set",
    "producer_create",
    "producer_slug_generate",
]
