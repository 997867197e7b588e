"""A producer's members: the users listed on its Oscar partner
(``Partner.users``), who may use the producer portal.

Members are added by email from the portal's members page
(``catalog.producers.services.members.producer_member_add``). Each addition is a
``MemberInvitation`` row; the row is what makes the invitation email safe
to send from a retried Celery task (claimed with a conditional UPDATE of
``emailed_at``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberInvitation(models.Model):
    producer = models.ForeignKey(
        "catalogue.Producer", on_delete=models.CASCADE, related_name="member_invitations", verbose_name=_("producer")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    email = models.EmailField(_("email"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    # True when the invitation created the account (it then carries a link
    # to choose a password); False when an existing account was linked.
    account_created = models.BooleanField(_("account created"), default=False)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("member invitation")
        verbose_name_plural = _("member invitations")

    def __str__(self) -> str:
        return self.email
