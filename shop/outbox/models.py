"""Rows of the transactional outbox (shop/outbox/services.py).

A task sent after a commit is first an OutboxMessage written in the same
transaction as the data it is about: a rollback takes it away with the data,
a commit keeps it even when the broker is down at that moment. It is
published at commit (fast path) or later by the relay, and marked sent.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    created_at = models.DateTimeField(_("created"))
    #: When the relay may try it (again): backoff after a failed publish.
    next_attempt_at = models.DateTimeField(_("next attempt"))
    #: A claim: the fast path of the process that wrote it, or one relay
    #: run, publishes it until then; nobody else touches it meanwhile.
    locked_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            # The relay's and the status page's query: unsent rows by due
            # time. Partial, so it stays as small as the backlog.
            models.Index(fields=["next_attempt_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent_due"),
        ]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)!r}"


class Heartbeat(models.Model):
    """When a periodic job last ran on a worker (the outbox relay's run
    proves beat, the broker and a worker all work). The status page calls
    the worker stale when it is too old."""

    name = models.CharField(_("name"), max_length=64, unique=True)
    beat_at = models.DateTimeField(_("last run"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
