"""One-time form tokens: a double-submitted staff form changes nothing."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..exceptions import FormAlreadySubmitted, StockError
from ..models import FormToken


def form_token_claim(*, token, user=None) -> FormToken:
    """Use up ``token`` inside the caller's transaction. Call it first, before
    any stock lock (the form is the source document, level 1 of the lock
    order): if two submissions of one form race, the second waits on the
    unique index until the first commits, then fails here. If the caller's
    transaction rolls back (bad input), the token is free again, so the
    corrected form can be sent. Raises FormAlreadySubmitted (with the
    reference of what the first submission made)."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        raise StockError(_("This form has expired: open it again."), code="bad_token") from None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("form_token_claim must run inside the service's transaction")
    try:
        with transaction.atomic():
            return FormToken.objects.create(token=token, user=user if getattr(user, "pk", None) else None)
    except IntegrityError:
        existing = FormToken.objects.filter(token=token).first()
        raise FormAlreadySubmitted(reference=existing.reference if existing else "") from None


def form_token_done(*, claimed: FormToken, reference: str) -> None:
    """Record what the submission created (shown to a second submission)."""
    FormToken.objects.filter(pk=claimed.pk).update(reference=reference)
