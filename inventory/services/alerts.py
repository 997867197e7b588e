"""Alerts to center staff and producers: the daily low-stock and
expiring-lot digest, and the nightly ledger check (both run by Celery beat
tasks in inventory.tasks). Who is told is read by the selectors
(``center_alert_emails``, ``producer_contact_emails``)."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.mail import mail_admins, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.common.cache_backend import CacheUnavailable, cache_strict

from ..models import AlertDigest
from ..selectors import center_alert_emails, expiring_balances, low_stock_records, producer_contact_emails
from .reconcile import stock_reconcile

logger = logging.getLogger(__name__)


def _lines(low, expiring) -> str:
    parts = []
    if low:
        parts.append(_("Low stock:"))
        parts += [
            "  "
            + _("%(title)s: %(n)d available (threshold %(t)d)")
            % {"title": r.product.get_title(), "n": r.available_units, "t": r.threshold}
            for r in low
        ]
    if expiring:
        parts.append(_("Expiring lots:"))
        parts += [
            "  "
            + _("%(title)s, lot %(lot)s, best before %(bb)s: %(n)d in %(bin)s")
            % {
                "title": b.product.get_title(),
                "lot": b.lot.code,
                "bb": b.lot.best_before,
                "n": b.on_hand,
                "bin": b.location.code,
            }
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
        "low": len(low),
        "exp": len(expiring),
    }
    sent = 0
    center = center_alert_emails()
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
        recipients = producer_contact_emails(producer=producer)
        if recipients:
            send_mail(subject, _lines(p_low, p_exp), settings.DEFAULT_FROM_EMAIL, recipients)
            sent += 1
    return sent


def stock_ledger_check() -> int:
    """Compare balances and Oscar stock records with the ledger and email
    center staff about any difference; the number of differences. Repairs
    nothing: a person looks first, then runs `manage.py reconcile_stock --repair`."""
    differences = stock_reconcile(repair=False)
    if not differences:
        return 0
    logger.error("Stock check: %d difference(s)", len(differences))
    key = _stock_alert_key(differences)
    # Once per day for the same differences: the task is acknowledged late,
    # so a worker killed after the email went out runs it again, and a manual
    # run can overlap the nightly one. (The shared cache is Redis in
    # production; tomorrow's check alerts again if nothing was repaired.)
    # With Redis down the site's cache answers add() with "not stored"
    # (shop/common/cache_backend.py); asked strictly, an unknown answer sends the
    # email: a second copy of an alert is better than none.
    try:
        first_today = cache_strict(cache).add(key, True, timeout=36 * 3600)
    except CacheUnavailable:
        first_today = True
    if not first_today:
        return len(differences)
    # Sent after the (read-only) check has finished: no lock is held while
    # talking to the mail server.
    lines = "\n".join(str(d) for d in differences[:500])
    more = f"\n… and {len(differences) - 500} more" if len(differences) > 500 else ""
    subject = f"[OTOP inventory] {len(differences)} stock difference(s) between ledger and balances"
    body = (
        "The nightly stock check found cached stock figures that disagree with the ledger.\n"
        "Review them, then run `python manage.py reconcile_stock --repair`.\n\n"
        f"{lines}{more}\n"
    )
    recipients = list(getattr(settings, "INVENTORY_ALERT_EMAILS", []) or [])
    try:
        if recipients:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        else:
            mail_admins(subject, body)
    except Exception:
        cache.delete(key)  # not sent: the retry must send it
        raise
    return len(differences)


def _stock_alert_key(differences) -> str:
    digest = hashlib.sha256("\n".join(str(d) for d in differences).encode()).hexdigest()[:24]
    return f"inventory:stock-check-alert:{timezone.localdate().isoformat()}:{digest}"
