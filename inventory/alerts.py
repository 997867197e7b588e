"""The daily low-stock and expiring-lot digest (sent by a Celery beat task)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.roles import CENTER_MANAGER, CENTER_STAFF

from .models import AlertDigest
from .selectors import expiring_balances, low_stock_records


def _center_recipients() -> list[str]:
    emails = set(getattr(settings, "INVENTORY_ALERT_EMAILS", []) or [])
    emails.update(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[CENTER_STAFF, CENTER_MANAGER])
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted(emails)


def _producer_recipients(producer) -> list[str]:
    emails = {producer.email} if producer.email else set()
    if producer.partner_id:
        emails.update(producer.partner.users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    return sorted(emails)


def _lines(low, expiring) -> str:
    parts = []
    if low:
        parts.append(_("Low stock:"))
        parts += [
            "  " + _("%(title)s: %(n)d available (threshold %(t)d)")
            % {"title": r.product.get_title(), "n": r.available_units, "t": r.threshold}
            for r in low
        ]
    if expiring:
        parts.append(_("Expiring lots:"))
        parts += [
            "  " + _("%(title)s, lot %(lot)s, best before %(bb)s: %(n)d in %(bin)s")
            % {"title": b.product.get_title(), "lot": b.lot.code, "bb": b.lot.best_before,
               "n": b.on_hand, "bin": b.location.code}
            for b in expiring
        ]
    return "\n".join(parts) + "\n"


def alert_digest_send(*, today=None) -> int:
    """Email the digest to center staff and to each affected producer (its
    own products only). At most once per day: a second call the same day
    sends nothing. Returns the number of emails sent."""
    today = today or timezone.localdate()
    low = list(low_stock_records())
    expiring = list(expiring_balances(today=today))
    try:
        with transaction.atomic():
            AlertDigest.objects.create(day=today, low_stock=len(low), expiring=len(expiring))
    except IntegrityError:
        return 0  # already sent today
    if not low and not expiring:
        return 0
    subject = _("[OTOP inventory] %(low)d low-stock product(s), %(exp)d expiring lot(s)") % {
        "low": len(low), "exp": len(expiring)}
    sent = 0
    center = _center_recipients()
    if center:
        send_mail(subject, _lines(low, expiring), settings.DEFAULT_FROM_EMAIL, center)
        sent += 1
    by_producer = defaultdict(lambda: ([], []))
    for r in low:
        if r.product.producer_id:
            by_producer[r.product.producer][0].append(r)
    for b in expiring:
        by_producer[b.owner][1].append(b)
    for producer, (p_low, p_exp) in by_producer.items():
        recipients = _producer_recipients(producer)
        if recipients:
            send_mail(subject, _lines(p_low, p_exp), settings.DEFAULT_FROM_EMAIL, recipients)
            sent += 1
    return sent
