"""Online OTOP registration, at the service level: submission, duplicate
detection, email verification, approval and rejection with their emails."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from oscar.core.loading import get_model

from catalog.producers.services.applications import (
    ApplicationInput,
    email_verification_token_make,
    producer_application_approve,
    producer_application_decision_email_send,
    producer_application_email_verify,
    producer_application_reject,
    producer_application_submit,
)
from shop.common import roles
from shop.common.images import image_validate_and_clean
from tests.factories.catalog import (
    DistrictFactory,
    ProducerApplicationFactory,
    ProducerFactory,
    UserFactory,
    jpeg_bytes,
)

Producer = get_model("catalogue", "Producer")
ProducerApplication = get_model("catalogue", "ProducerApplication")
Partner = get_model("partner", "Partner")
User = get_user_model()

pytestmark = pytest.mark.django_db


def application_input(textiles, **overrides) -> ApplicationInput:
    values = dict(
        name_th="กลุ่มทอผ้าบ้านต้นเปา",
        name_en="Ton Pao Weavers",
        kind="community_enterprise",
        district=DistrictFactory(),
        tambon="ต้นเปา",
        postcode="50130",
        contact_name="นางคำ ใจดี",
        phone="0812345678",
        email="kham@example.com",
        product_types=(textiles,),
        otop_registration_number="OTOP-5013-777",
        story="ทอผ้าฝ้ายมือ",
    )
    values.update(overrides)
    return ApplicationInput(**values)


def submit(textiles, *, language="th", **overrides):
    return producer_application_submit(
        data=application_input(textiles, **overrides), language=language, password="a-long-Passphrase-2568"
    )


# --- Submission ------------------------------------------------------------------------------


def test_submitting_creates_a_pending_application_and_an_inactive_account(
    textiles, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(textiles, language="en")

    assert application.status == ProducerApplication.Status.PENDING
    assert application.language == "en"
    user = application.applicant
    assert user.email == "kham@example.com" and not user.is_active and user.check_password("a-long-Passphrase-2568")
    assert not Producer.objects.exists() and not Partner.objects.exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["kham@example.com"]
    assert "/en/shop/producers/register/verify/" in mailoutbox[0].body


def test_photos_are_stored_as_clean_reencodes(textiles):
    clean = image_validate_and_clean(upload=jpeg_bytes())
    application = producer_application_submit(
        data=application_input(textiles), photos=[clean, clean], language="th", password="a-long-Passphrase-2568"
    )

    photos = list(application.photos.all())
    assert len(photos) == 2
    assert photos[0].image.name.startswith("producers/applications/") and "application-" in photos[0].image.name


def test_a_tambon_outside_the_district_is_refused_and_nothing_is_written(textiles):
    with pytest.raises(ValidationError) as excinfo:
        submit(textiles, tambon="ช้างเผือก")  # a tambon of Mueang Chiang Mai, not San Kamphaeng

    assert "tambon" in excinfo.value.message_dict
    assert not ProducerApplication.objects.exists() and not User.objects.exists()


def test_a_postcode_that_does_not_serve_the_tambon_is_refused(textiles):
    with pytest.raises(ValidationError) as excinfo:
        submit(textiles, postcode="50200")

    assert "50130" in excinfo.value.message_dict["postcode"][0]


def test_an_email_that_already_has_an_account_is_refused(textiles):
    UserFactory(email="kham@example.com")

    with pytest.raises(ValidationError) as excinfo:
        submit(textiles)

    assert "email" in excinfo.value.message_dict
    assert not ProducerApplication.objects.exists()


def test_a_weak_password_is_refused_on_the_password_field(textiles):
    with pytest.raises(ValidationError) as excinfo:
        producer_application_submit(data=application_input(textiles), language="th", password="123")

    assert "password1" in excinfo.value.message_dict


# --- Duplicates ---------------------------------------------------------------------------------


def test_the_same_otop_number_as_a_registered_producer_is_a_duplicate(textiles):
    ProducerFactory(otop_registration_number="otop-5013-777")  # case does not matter

    with pytest.raises(ValidationError) as excinfo:
        submit(textiles)

    assert "registered producer" in excinfo.value.message_dict["otop_registration_number"][0]


def test_the_same_phone_in_another_format_as_a_registered_producer_is_a_duplicate(textiles):
    ProducerFactory(phone="0812345678")

    with pytest.raises(ValidationError) as excinfo:
        submit(textiles, phone="0812345678", otop_registration_number="")

    assert "phone" in excinfo.value.message_dict


def test_the_same_name_in_the_same_tambon_is_a_duplicate_even_with_other_spacing(textiles):
    ProducerFactory(name_th="กลุ่มทอผ้า บ้านต้นเปา", district=DistrictFactory(), tambon="ต.ต้นเปา")

    with pytest.raises(ValidationError) as excinfo:
        submit(textiles, otop_registration_number="", phone="0899999999")

    assert "name_th" in excinfo.value.message_dict


def test_the_same_name_in_another_tambon_is_not_a_duplicate(textiles):
    ProducerFactory(name_th="กลุ่มทอผ้าบ้านต้นเปา", district=DistrictFactory(), tambon="ออนใต้")

    application = submit(textiles, otop_registration_number="", phone="0899999999")

    assert application.pk


def test_a_pending_application_counts_as_a_duplicate_with_its_own_message(textiles):
    submit(textiles)

    with pytest.raises(ValidationError) as excinfo:
        submit(textiles, email="other@example.com")

    errors = excinfo.value.message_dict
    assert set(errors) == {"otop_registration_number", "phone", "name_th"}
    assert all("waiting for review" in messages[0] for messages in errors.values())


def test_a_rejected_application_does_not_block_a_new_one(textiles, office):
    application = submit(textiles)
    producer_application_reject(application=application, decided_by=office, reason="ขาดรูปถ่าย")

    again = submit(textiles, email="again@example.com")

    assert again.pk != application.pk


# --- Email verification ---------------------------------------------------------------------------


def test_the_verification_link_activates_the_account_and_can_be_followed_twice(textiles):
    application = submit(textiles)
    token = email_verification_token_make(application=application)

    producer_application_email_verify(token=token)
    producer_application_email_verify(token=token)

    application.refresh_from_db()
    assert application.email_verified_at is not None
    assert User.objects.get(pk=application.applicant_id).is_active


def test_a_forged_verification_link_is_refused(textiles):
    application = submit(textiles)
    token = email_verification_token_make(application=application)

    with pytest.raises(ValidationError):
        producer_application_email_verify(token=token[:-2] + "xx")

    assert not User.objects.get(pk=application.applicant_id).is_active


# --- Decisions ------------------------------------------------------------------------------------


def test_approval_creates_partner_producer_membership_access_and_emails_in_the_applicants_language(
    textiles, office, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(textiles, language="en")
    producer_application_email_verify(token=email_verification_token_make(application=application))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        producer = producer_application_approve(application=application, decided_by=office)

    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.APPROVED and application.producer == producer
    assert producer.status == Producer.Status.APPROVED
    assert producer.partner.name == "กลุ่มทอผ้าบ้านต้นเปา"
    assert producer.slug == "ton-pao-weavers"
    assert (producer.district.code, producer.tambon, producer.phone) == ("5013", "ต้นเปา", "0812345678")
    assert list(producer.product_types.all()) == [textiles]
    user = User.objects.get(pk=application.applicant_id)
    assert user in producer.partner.users.all()
    assert user.groups.filter(name=roles.PRODUCER_MEMBER).exists()
    assert user.has_perm("partner.dashboard_access")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["kham@example.com"]
    assert email.subject == "Your OTOP producer registration is approved"  # English: the language used
    assert "/dashboard/portal/" in email.body


def test_the_decision_email_is_thai_for_a_thai_applicant(
    textiles, office, mailoutbox, django_capture_on_commit_callbacks, settings
):
    application = submit(textiles, language="th")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        producer_application_reject(application=application, decided_by=office, reason="ข้อมูลไม่ครบ")

    from django.utils import translation

    with translation.override("th"):
        from django.utils.translation import gettext

        expected = gettext("Your OTOP producer registration was not approved")
    assert mailoutbox[0].subject == expected


def test_rejection_emails_the_reason_and_creates_nothing(
    textiles, office, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(textiles, language="en")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        producer_application_reject(
            application=application, decided_by=office, reason="Please add photos of your loom and products."
        )

    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.REJECTED
    assert application.decision_reason == "Please add photos of your loom and products."
    assert not Producer.objects.exists() and not Partner.objects.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Your OTOP producer registration was not approved"
    assert "Please add photos of your loom and products." in mailoutbox[0].body


def test_a_rejection_needs_a_reason(textiles, office):
    application = submit(textiles)

    with pytest.raises(ValidationError) as excinfo:
        producer_application_reject(application=application, decided_by=office, reason="   ")

    assert "reason" in excinfo.value.message_dict
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.PENDING


def test_only_office_staff_decide(textiles, member_a):
    application = submit(textiles)

    with pytest.raises(PermissionDenied):
        producer_application_approve(application=application, decided_by=member_a)
    assert not Producer.objects.filter(name_th=application.name_th).exists()


def test_an_application_is_decided_once(textiles, office):
    application = submit(textiles)
    producer_application_approve(application=application, decided_by=office)

    with pytest.raises(ValidationError):
        producer_application_approve(application=application, decided_by=office)
    assert Producer.objects.count() == 1


def test_approval_is_refused_when_the_group_was_registered_meanwhile(textiles, office):
    application = ProducerApplicationFactory(otop_registration_number="OTOP-X-1")
    ProducerFactory(otop_registration_number="OTOP-X-1")

    with pytest.raises(ValidationError):
        producer_application_approve(application=application, decided_by=office)
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.PENDING


def test_the_decision_email_task_run_twice_sends_one_email(textiles, office, mailoutbox):
    application = submit(textiles)
    producer_application_reject(application=application, decided_by=office, reason="ข้อมูลไม่ครบ")
    mailoutbox.clear()

    assert producer_application_decision_email_send(application_id=application.pk) is True
    assert producer_application_decision_email_send(application_id=application.pk) is False

    assert len(mailoutbox) == 1


def test_a_failed_decision_email_is_sent_again_by_the_retry(textiles, office, mailoutbox, monkeypatch):
    application = submit(textiles)
    producer_application_reject(application=application, decided_by=office, reason="ข้อมูลไม่ครบ")
    mailoutbox.clear()
    import catalog.producers.services.applications as module

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(module, "send_mail", broken)
    with pytest.raises(OSError):
        producer_application_decision_email_send(application_id=application.pk)
    monkeypatch.undo()

    assert producer_application_decision_email_send(application_id=application.pk) is True
    assert len(mailoutbox) == 1


def test_the_producer_member_group_gets_dashboard_access_even_before_roles_are_synced(textiles, office):
    Group.objects.filter(name=roles.PRODUCER_MEMBER).delete()
    application = submit(textiles)
    producer_application_email_verify(token=email_verification_token_make(application=application))

    producer_application_approve(application=application, decided_by=office)

    assert User.objects.get(pk=application.applicant_id).has_perm("partner.dashboard_access")


def test_an_approved_applicant_who_never_verified_the_email_gets_the_link_again_and_stays_locked(
    textiles, office, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(textiles, language="en")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        producer_application_approve(application=application, decided_by=office)

    user = User.objects.get(pk=application.applicant_id)
    assert not user.is_active and not user.has_perm("partner.dashboard_access")
    assert "/en/shop/producers/register/verify/" in mailoutbox[0].body
