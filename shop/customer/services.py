"""Writes of the customer app that the shop adds to Oscar's."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction


def wishlist_shared_emails_delete(*, shared_emails: Iterable) -> int:
    """Delete the wish list's shared emails that exist (a new, unsaved row
    marked for deletion has nothing to delete). Returns how many."""
    saved = [email for email in shared_emails if email.pk]
    with transaction.atomic():
        for email in saved:
            email.delete()
    return len(saved)
