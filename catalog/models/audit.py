"""The producer's audit log: every change made in the producer portal, by a
member or by office staff acting on the producer's behalf (the office's
online marketers), with who, for which producer, what changed and when.

Rows are written only by ``catalog.producers.services.audit.audit_log_write`` and
never updated; the producer reads them in the portal.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLog(models.Model):
    # Empty for office-wide changes that belong to no producer (the product
    # types' commission rates); producers only ever read their own rows.
    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_log",
        verbose_name=_("producer"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # A snapshot: the log must still say who it was after the user is deleted.
    actor_label = models.CharField(_("changed by"), max_length=254)
    by_office = models.BooleanField(_("by the office on the producer's behalf"), default=False, db_index=True)
    action = models.CharField(_("action"), max_length=48)
    object_type = models.CharField(_("object type"), max_length=48)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    # {"field": {"old": ..., "new": ...}}; bank numbers only ever masked.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
