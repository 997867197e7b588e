"""Online OTOP registration: submit, verify the email, approve or reject.

Approval is where a producer comes to exist: one transaction creates the
Oscar partner and the Producer (approved), makes the applicant a member of
the partner, puts them in the "Producer member" group and grants Oscar's
``partner.dashboard_access``. Emails (verification, decision) are Celery
tasks sent on commit, in the language the applicant used.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.common.images import CleanImage, image_to_django_file
from shop.outbox.services import outbox_send

from ... import thai_address
from ..selectors import producer_duplicates_find, user_can_review_applications
from .members import producer_member_grant
from .producers import producer_create, producer_slug_generate

Producer = get_model("catalogue", "Producer")
ProducerApplication = get_model("catalogue", "ProducerApplication")
ProducerApplicationPhoto = get_model("catalogue", "ProducerApplicationPhoto")

# Sent after commit by registered name (shop.outbox.services.outbox_send): services never import
# catalog.tasks, whose tasks import these services.
APPLICATION_RECEIVED_TASK = "catalog.tasks.send_producer_application_received"
APPLICATION_DECISION_TASK = "catalog.tasks.send_producer_application_decision"

logger = logging.getLogger(__name__)

MAX_PHOTOS = 5
VERIFY_SALT = "catalog.producer-application.verify-email"
VERIFY_MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class ApplicationInput:
    name_th: str
    kind: str
    district: object
    tambon: str
    postcode: str
    contact_name: str
    phone: str  # already normalised by the form (ThaiPhoneFormField)
    email: str
    product_types: tuple
    name_en: str = ""
    otop_registration_number: str = ""
    village: str = ""
    address: str = ""
    line_id: str = ""
    story: str = ""


def producer_application_check(*, data: ApplicationInput) -> None:
    """The rules only the service knows: the address is real (tambon in the
    district, postcode serving the tambon) and the group is not already
    registered or waiting. Raises ValidationError with field errors."""
    errors: dict[str, list[str]] = {}
    district_code = data.district.code
    if not thai_address.tambon_get(
        tambon=data.tambon, district=district_code, province=thai_address.CHIANG_MAI_PROVINCE_CODE
    ):
        errors["tambon"] = [_("This tambon is not in the district you chose.")]
    elif not thai_address.address_is_valid(
        province=thai_address.CHIANG_MAI_PROVINCE_CODE,
        district=district_code,
        tambon=data.tambon,
        postcode=data.postcode,
    ):
        codes = thai_address.postcodes_for(
            tambon=data.tambon, district=district_code, province=thai_address.CHIANG_MAI_PROVINCE_CODE
        )
        errors["postcode"] = [_("The postcode of this tambon is %(codes)s.") % {"codes": ", ".join(codes)}]
    for hit in producer_duplicates_find(
        otop_registration_number=data.otop_registration_number,
        phone=data.phone,
        name_th=data.name_th,
        district=data.district,
        tambon=data.tambon,
    ):
        errors.setdefault(hit.field, []).append(hit.message)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def producer_application_submit(
    *,
    data: ApplicationInput,
    photos: Iterable[CleanImage] = (),
    language: str,
    user=None,
    password: str = "",
) -> ProducerApplication:
    """Record an application and, for a new visitor, the contact's user
    account (inactive until the email link is followed). The verification
    email goes out after commit. Nothing is written when a check fails."""
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("Send at most %(n)d photos.") % {"n": MAX_PHOTOS}})
    producer_application_check(data=data)
    User = get_user_model()
    if user is None or not user.is_authenticated:
        if (
            User.objects.filter(email__iexact=data.email).exists()
            or User.objects.filter(username__iexact=data.email[:150]).exists()
        ):
            raise ValidationError(
                {"email": _("An account with this email already exists. Log in first, then register your group.")}
            )
        candidate = User(
            username=data.email.lower()[:150], email=data.email.lower(), first_name=data.contact_name[:150]
        )
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise ValidationError({"password1": exc.messages}) from None
        candidate.set_password(password)
        # Inactive until the email is verified: nobody gets a producer login
        # for an address they do not read.
        candidate.is_active = False
        candidate.save()
        user = candidate
    application = ProducerApplication(
        name_th=data.name_th,
        name_en=data.name_en,
        kind=data.kind,
        otop_registration_number=data.otop_registration_number,
        district=data.district,
        tambon=thai_address.tambon_get(
            tambon=data.tambon, district=data.district.code, province=thai_address.CHIANG_MAI_PROVINCE_CODE
        )[0].name_th,
        village=data.village,
        address=data.address,
        postcode=data.postcode,
        contact_name=data.contact_name,
        phone=data.phone,
        line_id=data.line_id,
        email=data.email.lower(),
        story=data.story,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        applicant=user,
        # A logged-in applicant's email is the account's, already in use.
        email_verified_at=timezone.now() if user.is_active and user.email.lower() == data.email.lower() else None,
    )
    application.full_clean(exclude=["applicant"], validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Lost a race with an identical registration (unique constraints).
        raise ValidationError(
            {"phone": _("An application with this phone number is already waiting for review.")}
        ) from None
    application.product_types.set(data.product_types)
    for order, clean in enumerate(photos):
        photo = ProducerApplicationPhoto(application=application, display_order=order)
        django_file = image_to_django_file(clean, name_stem="application")
        photo.image.save(django_file.name, ContentFile(clean.content), save=False)
        photo.save()

    outbox_send(task=APPLICATION_RECEIVED_TASK, args=[application.pk])
    return application


# --- Email verification ------------------------------------------------------------------


def email_verification_token_make(*, application: ProducerApplication) -> str:
    return signing.dumps({"a": application.pk, "e": application.email}, salt=VERIFY_SALT, compress=True)


@transaction.atomic
def producer_application_email_verify(*, token: str) -> ProducerApplication:
    """Follow the emailed link: mark the email verified and activate the
    applicant's account. Safe to follow twice. Raises ValidationError for a
    forged, expired or outdated link."""
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This link has expired. Register again or contact the office."), code="expired"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This link is not valid."), code="invalid") from None
    application = (
        ProducerApplication.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .filter(pk=payload.get("a"))
        .first()
    )
    if application is None or application.email != payload.get("e"):
        raise ValidationError(_("This link is not valid."), code="invalid")
    if application.email_verified_at is None:
        application.email_verified_at = timezone.now()
        application.save(update_fields=["email_verified_at", "updated_at"])
    user = application.applicant
    if not user.is_active and user.email.lower() == application.email:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return application


def _absolute(path: str) -> str:
    from shop.common.email_links import site_url

    return site_url(path)


def _language_prefix_path(path_name: str, *, language: str, kwargs: dict | None = None) -> str:
    with translation.override(language):
        return reverse(path_name, kwargs=kwargs)


def producer_application_received_email_send(*, application_id: int) -> bool:
    """The "we received your application" email with the verification link
    (only while the email is unverified), in the applicant's language. Sent
    once: claimed with a conditional UPDATE, released if sending fails."""
    claimed = ProducerApplication.objects.filter(pk=application_id, received_emailed_at__isnull=True).update(
        received_emailed_at=timezone.now()
    )
    if not claimed:
        return False
    application = ProducerApplication.objects.get(pk=application_id)
    try:
        with translation.override(application.language):
            link = ""
            if application.email_verified_at is None:
                link = _absolute(
                    _language_prefix_path(
                        "producers:register-verify",
                        language=application.language,
                        kwargs={"token": email_verification_token_make(application=application)},
                    )
                )
            subject = _("We received your OTOP producer registration")
            body = render_to_string(
                "catalog/emails/application_received.txt", {"application": application, "verify_url": link}
            )
        send_mail(subject, body, None, [application.email], fail_silently=False)
    except Exception:
        ProducerApplication.objects.filter(pk=application_id).update(received_emailed_at=None)
        raise
    return True


# --- Decisions ----------------------------------------------------------------------------


@transaction.atomic
def producer_application_approve(*, application: ProducerApplication, decided_by) -> Producer:
    """Approve a pending application: create the partner and the approved
    producer, make the applicant its member with dashboard access, and email
    the decision after commit. The duplicate checks run again (another
    producer may have been approved since the application was sent)."""
    if not user_can_review_applications(decided_by):
        raise PermissionDenied(_("Only office staff may approve producers."))
    application = (
        ProducerApplication.objects.select_for_update(of=("self",))
        .select_related("district", "applicant")
        .get(pk=application.pk)
    )
    if application.status != ProducerApplication.Status.PENDING:
        raise ValidationError(_("This application was already decided."), code="already_decided")
    hits = producer_duplicates_find(
        otop_registration_number=application.otop_registration_number,
        phone=application.phone,
        name_th=application.name_th,
        district=application.district,
        tambon=application.tambon,
        exclude_application_id=application.pk,
    )
    if hits:
        raise ValidationError([hit.message for hit in hits], code="duplicate")
    producer = producer_create(
        slug=producer_slug_generate(name_en=application.name_en, name_th=application.name_th),
        name_th=application.name_th,
        name_en=application.name_en,
        kind=application.kind,
        status=Producer.Status.APPROVED,
        otop_registration_number=application.otop_registration_number,
        district=application.district,
        tambon=application.tambon,
        village=application.village,
        address=application.address,
        postcode=application.postcode,
        contact_name=application.contact_name,
        phone=application.phone,
        email=application.email,
        line_id=application.line_id,
        story_th=application.story if application.language == "th" else "",
        story_en=application.story if application.language != "th" else "",
        language=application.language,
        product_types=application.product_types.all(),
    )
    producer_member_grant(user=application.applicant, producer=producer)
    application.status = ProducerApplication.Status.APPROVED
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.decision_reason = ""
    application.producer = producer
    application.save()

    outbox_send(task=APPLICATION_DECISION_TASK, args=[application.pk])
    return producer


@transaction.atomic
def producer_application_reject(*, application: ProducerApplication, decided_by, reason: str) -> ProducerApplication:
    """Reject a pending application with a reason the applicant will read."""
    if not user_can_review_applications(decided_by):
        raise PermissionDenied(_("Only office staff may reject producers."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the applicant why, so they can fix it or contact the office.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    application = ProducerApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ProducerApplication.Status.PENDING:
        raise ValidationError(_("This application was already decided."), code="already_decided")
    application.status = ProducerApplication.Status.REJECTED
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.save()

    outbox_send(task=APPLICATION_DECISION_TASK, args=[application.pk])
    return application


def producer_application_decision_email_send(*, application_id: int) -> bool:
    """Email the decision in the applicant's language. Safe to run twice: the
    send is claimed with a conditional UPDATE of ``decision_emailed_at``, and
    the claim is released if sending fails so a retry sends it."""
    claimed = (
        ProducerApplication.objects.filter(pk=application_id, decision_emailed_at__isnull=True)
        .exclude(status=ProducerApplication.Status.PENDING)
        .update(decision_emailed_at=timezone.now())
    )
    if not claimed:
        return False
    application = ProducerApplication.objects.select_related("producer").get(pk=application_id)
    try:
        with translation.override(application.language):
            approved = application.status == ProducerApplication.Status.APPROVED
            verify_url = ""
            if approved:
                subject = _("Your OTOP producer registration is approved")
                login_url = _absolute(reverse("dashboard:login"))
                portal_url = _absolute(reverse("catalog-portal:product-list"))
                if application.email_verified_at is None:
                    verify_url = _absolute(
                        _language_prefix_path(
                            "producers:register-verify",
                            language=application.language,
                            kwargs={"token": email_verification_token_make(application=application)},
                        )
                    )
            else:
                subject = _("Your OTOP producer registration was not approved")
                login_url = portal_url = ""
            body = render_to_string(
                "catalog/emails/application_decision.txt",
                {
                    "application": application,
                    "approved": approved,
                    "login_url": login_url,
                    "portal_url": portal_url,
                    "verify_url": verify_url,
                },
            )
        send_mail(subject, body, None, [application.email], fail_silently=False)
    except Exception:
        ProducerApplication.objects.filter(pk=application_id).update(decision_emailed_at=None)
        raise
    return True
