"""A producer's members: who may use the producer portal for it.

Members are the users on the producer's Oscar partner (``Partner.users``)
who also hold Oscar's ``partner.dashboard_access`` through the "Producer
member" group. Rules that live here:

* A member is added by email: an existing active account is linked, an
  unknown address gets a new account without a usable password (the
  invitation carries a link to choose one, which also proves the address).
  Office staff accounts are never made members: they act for producers from
  "Act for a producer", and their changes are logged as the office's.
* A producer always keeps at least one member: removing the last one is
  refused. Adding and removing lock the partner row, so two removals at the
  same moment cannot both pass the check and leave nobody.
* Every change is written to the producer's audit log; the invitation email
  goes out after commit (Celery), once per invitation row, and at most
  ``PRODUCER_MEMBER_INVITATIONS_PER_DAY`` invitations per producer a day.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.common import roles
from shop.outbox.services import outbox_send

from .audit import audit_log_write
from .emails import absolute_url, absolute_url_in_language, email_language

MemberInvitation = get_model("catalogue", "MemberInvitation")
Partner = get_model("partner", "Partner")
Producer = get_model("catalogue", "Producer")

# Sent after commit by registered name (shop.outbox.services.outbox_send): services never import
# catalog.tasks, whose tasks import these services.
INVITATION_EMAIL_TASK = "catalog.tasks.send_member_invitation"

EMAIL_MAX_LENGTH = 254


def producer_member_grant(*, user, producer) -> None:
    """Make ``user`` a member of ``producer`` with portal access."""
    producer.partner.users.add(user)
    group, _created = Group.objects.get_or_create(name=roles.PRODUCER_MEMBER)
    access = Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    # roles_sync() sets this too; granting it here means it works even on a
    # database whose roles were never synced.
    group.permissions.add(access)
    user.groups.add(group)


def _email_normalise(email: str) -> str:
    email = (email or "").strip().lower()
    if not email or len(email) > EMAIL_MAX_LENGTH:
        raise ValidationError({"email": _("Enter a valid email address.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid email address.")}) from None
    return email


def _lock_partner(producer: Producer) -> Partner:
    # One lock per producer serialises member changes (see module docstring).
    return Partner.objects.select_for_update().get(pk=producer.partner_id)


@transaction.atomic
def producer_member_add(*, producer: Producer, actor, email: str) -> MemberInvitation:
    """Add the account with ``email`` (created if there is none) as a member
    of ``producer`` and email the invitation after commit. Raises
    ValidationError ``{"email": ...}`` and changes nothing when the address
    is invalid, already a member, office staff or a deactivated account."""
    email = _email_normalise(email)
    partner = _lock_partner(producer)
    # Each invitation emails an address typed by a member: cap them so a
    # compromised or careless account cannot send mail to a list of strangers.
    per_day = getattr(settings, "PRODUCER_MEMBER_INVITATIONS_PER_DAY", 20)
    if (
        MemberInvitation.objects.filter(producer=producer, created_at__gte=timezone.now() - timedelta(days=1)).count()
        >= per_day
    ):
        raise ValidationError(
            {
                "email": ValidationError(
                    _("You have added %(n)d members today. Try again tomorrow, or ask the office.") % {"n": per_day},
                    code="too_many_invitations",
                )
            }
        )
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = False
    if user is not None:
        if partner.users.filter(pk=user.pk).exists():
            raise ValidationError(
                {"email": ValidationError(_("This person is already a member."), code="already_member")}
            )
        if user.is_staff:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _(
                            "This address belongs to office staff. The office works for producers through "
                            "“Act for a producer”, not as a member."
                        ),
                        code="office_staff",
                    )
                }
            )
        if not user.is_active:
            raise ValidationError(
                {
                    "email": ValidationError(
                        _("The account with this address is not active. Ask the office to check it."),
                        code="inactive_account",
                    )
                }
            )
    else:
        if User.objects.filter(username__iexact=email[:150]).exists():
            # An account whose login is this address but whose email is now
            # another: linking it would give access to whoever holds that
            # account, not to the address typed here.
            raise ValidationError(
                {
                    "email": ValidationError(
                        _("Another account uses this address as its login. Ask the office to check it."),
                        code="username_taken",
                    )
                }
            )
        user = User(username=email[:150], email=email, is_active=True)
        # No password until the invited person chooses one with the emailed
        # link: nobody can log in to an address they do not read.
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise ValidationError({"email": _("Someone just added this address. Reload the page.")}) from None
        created = True
    # Logged before the grant so the entry says who did it as they were then
    # (a member, or the office acting for the producer).
    audit_log_write(
        producer=producer,
        actor=actor,
        action="member.add",
        obj=user,
        object_type="member",
        changes={
            "member": {"old": None, "new": email},
            "account": {"old": None, "new": "created" if created else "linked"},
        },
    )
    producer_member_grant(user=user, producer=producer)
    invitation = MemberInvitation.objects.create(
        producer=producer,
        user=user,
        email=email,
        invited_by=actor if actor is not None and actor.is_authenticated else None,
        account_created=created,
    )
    outbox_send(task=INVITATION_EMAIL_TASK, args=[invitation.pk])
    return invitation


@transaction.atomic
def producer_member_remove(*, producer: Producer, actor, user) -> None:
    """Take ``user``'s access to ``producer`` away. Refused (ValidationError)
    for the last member. The account itself stays (it may buy in the shop or
    belong to another producer); it leaves the "Producer member" group when
    it is no longer a member of any partner."""
    partner = _lock_partner(producer)
    members = list(partner.users.order_by("pk").values_list("pk", flat=True))
    if user.pk not in members:
        raise ValidationError(_("This person is not a member."), code="not_member")
    if len(members) <= 1:
        raise ValidationError(
            _("A producer needs at least one member. Add the new member first, then remove this one."),
            code="last_member",
        )
    audit_log_write(
        producer=producer,
        actor=actor,
        action="member.remove",
        obj=user,
        object_type="member",
        changes={"member": {"old": user.email, "new": None}},
    )
    partner.users.remove(user)
    if not user.partners.exists():
        group = Group.objects.filter(name=roles.PRODUCER_MEMBER).first()
        if group is not None:
            user.groups.remove(group)


def member_invitation_email_send(*, invitation_id: int) -> bool:
    """Email one invitation in the producer's language. Safe to run twice:
    the send is claimed with a conditional UPDATE of ``emailed_at`` and the
    claim is released if sending fails, so a retry sends it."""
    claimed = MemberInvitation.objects.filter(pk=invitation_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    invitation = MemberInvitation.objects.select_related("producer", "user", "invited_by").get(pk=invitation_id)
    try:
        language = email_language(invitation.producer)
        with translation.override(language):
            set_password_url = ""
            if invitation.account_created and not invitation.user.has_usable_password():
                set_password_url = absolute_url_in_language(
                    "password-reset-confirm",
                    language=language,
                    kwargs={
                        "uidb64": urlsafe_base64_encode(force_bytes(invitation.user.pk)),
                        "token": default_token_generator.make_token(invitation.user),
                    },
                )
            subject = _("You are now a member of %(producer)s on OTOP Chiang Mai") % {
                "producer": invitation.producer.name
            }
            body = render_to_string(
                "catalog/emails/member_invitation.txt",
                {
                    "invitation": invitation,
                    "producer": invitation.producer,
                    "set_password_url": set_password_url,
                    "login_url": absolute_url(reverse("dashboard:login")),
                    "portal_url": absolute_url(reverse("catalog-portal:product-list")),
                },
            )
        send_mail(subject, body, None, [invitation.email], fail_silently=False)
    except Exception:
        MemberInvitation.objects.filter(pk=invitation_id).update(emailed_at=None)
        raise
    return True
