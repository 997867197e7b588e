"""Certifications on the passport: validity by the Bangkok date, document
checks, and the 30-day expiry warnings (sent once per expiry date)."""

import zlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from catalog.producers.services.certifications import (
    certification_add,
    certification_document_clean,
    certification_expiry_warnings_send,
)
from catalog.selectors import certifications_valid, product_passport
from tests.factories.catalog import CertificationFactory, jpeg_bytes

Certification = get_model("catalogue", "Certification")
CertificationExpiryWarning = get_model("catalogue", "CertificationExpiryWarning")

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


def pdf(*objects: bytes) -> bytes:
    body = b"%PDF-1.4\n" + b"\n".join(objects) + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return body


PLAIN_PDF = pdf(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj", b"2 0 obj << /Type /Pages /Count 0 >> endobj")


# --- Validity -------------------------------------------------------------------------------------


def test_a_certification_is_valid_through_its_expiry_day_in_bangkok_and_not_after(product_a):
    cert = CertificationFactory(product=product_a, expiry_date=date(2026, 3, 31))

    # 23:30 in Bangkok on the expiry day is 16:30 UTC: still valid.
    with time_machine.travel(datetime(2026, 3, 31, 23, 30, tzinfo=BANGKOK), tick=False):
        assert cert.is_valid
        assert list(certifications_valid(product=product_a)) == [cert]
    # 00:30 the next day in Bangkok is still 31 March in UTC: expired anyway.
    with time_machine.travel(datetime(2026, 4, 1, 0, 30, tzinfo=BANGKOK), tick=False):
        assert not cert.is_valid
        assert list(certifications_valid(product=product_a)) == []


def test_the_passport_lists_only_valid_certifications(product_a):
    today = date(2026, 6, 1)
    valid = CertificationFactory(product=product_a, kind="fda", expiry_date=today + timedelta(days=1))
    CertificationFactory(product=product_a, kind="halal", expiry_date=today - timedelta(days=1))
    no_expiry = CertificationFactory(product=product_a, kind="gi", expiry_date=None)

    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=BANGKOK), tick=False):
        passport = product_passport(product=product_a)

    assert {c.pk for c in passport.certifications} == {valid.pk, no_expiry.pk}


# --- Documents -------------------------------------------------------------------------------------


def _upload(content: bytes, name="certificate.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_plain_pdf_is_accepted_and_stored_under_a_generated_name():
    stored, kind = certification_document_clean(upload=_upload(PLAIN_PDF, name="my ID card.pdf"))

    assert kind == "pdf"
    assert stored.name.startswith("certificate-") and stored.name.endswith(".pdf")
    assert stored.read() == PLAIN_PDF


def test_an_image_certificate_goes_through_the_image_checks():
    stored, kind = certification_document_clean(
        upload=_upload(jpeg_bytes(), name="scan.pdf", content_type="application/pdf")
    )

    assert kind == "image" and stored.name.endswith(".jpg")


@pytest.mark.parametrize(
    "payload",
    [
        b"3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj",
        b"3 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj",
        b"3 0 obj << /Type /EmbeddedFile /Length 3 >> stream\nabc\nendstream endobj",
        b"3 0 obj << /S /J#61vaScript >> endobj",  # the name written with a hex escape
    ],
    ids=["javascript", "launch", "embedded-file", "hex-escaped-name"],
)
def test_a_pdf_with_scripts_launch_actions_or_attachments_is_refused(payload):
    with pytest.raises(ValidationError) as excinfo:
        certification_document_clean(upload=_upload(pdf(payload)))
    assert excinfo.value.code == "pdf_active_content"


def test_a_script_hidden_in_a_compressed_object_stream_is_found():
    hidden = zlib.compress(b"4 0 << /S /JavaScript /JS (app.alert(1)) >>")
    content = pdf(
        b"3 0 obj << /Type /ObjStm /Filter /FlateDecode /Length %d >> stream\n" % len(hidden)
        + hidden
        + b"\nendstream endobj"
    )

    with pytest.raises(ValidationError):
        certification_document_clean(upload=_upload(content))


def test_an_html_file_named_pdf_is_refused():
    with pytest.raises(ValidationError):
        certification_document_clean(upload=_upload(b"<html><script>alert(1)</script></html>"))


def test_a_pdf_over_10_mb_is_refused_by_its_size():
    big = SimpleUploadedFile("big.pdf", PLAIN_PDF, content_type="application/pdf")
    big.size = 11 * 1024 * 1024

    with pytest.raises(ValidationError):
        certification_document_clean(upload=big)


def test_adding_a_certification_with_a_bad_document_writes_nothing(product_a, member_a):
    with pytest.raises(ValidationError) as excinfo:
        certification_add(
            product=product_a,
            actor=member_a,
            kind="fda",
            number="10-1-12345-1-0001",
            issuer="อย.",
            expiry_date=None,
            document=_upload(pdf(b"<< /S /JavaScript >>")),
        )

    assert "document" in excinfo.value.message_dict
    assert not Certification.objects.exists()


def test_a_members_new_certification_on_a_published_product_sends_it_back_to_review(published_a, member_a):
    certification_add(
        product=published_a,
        actor=member_a,
        kind="tcps",
        number="มผช. 18/2565",
        issuer="สมอ.",
        expiry_date=date(2030, 1, 1),
        document=_upload(PLAIN_PDF),
    )

    published_a.refresh_from_db()
    assert (published_a.listing_status, published_a.is_public) == ("submitted", False)


# --- Expiry warnings --------------------------------------------------------------------------------


def test_the_expiry_warning_runs_twice_and_sends_once(product_a, member_a, mailoutbox, settings):
    settings.PRODUCERS_OFFICE_EMAILS = ["office@otop.example"]
    today = date(2026, 5, 1)
    CertificationFactory(product=product_a, kind="fda", expiry_date=today + timedelta(days=30))
    CertificationFactory(product=product_a, kind="halal", expiry_date=today + timedelta(days=31))  # not yet
    CertificationFactory(product=product_a, kind="gi", expiry_date=today - timedelta(days=1))  # already expired

    assert certification_expiry_warnings_send(today=today) == 1
    assert certification_expiry_warnings_send(today=today) == 0

    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {"member-a@example.com", "office@otop.example"}
    assert CertificationExpiryWarning.objects.count() == 1


def test_a_renewed_certification_is_warned_again_before_its_new_date(product_a, mailoutbox):
    today = date(2026, 5, 1)
    cert = CertificationFactory(product=product_a, expiry_date=today + timedelta(days=10))
    certification_expiry_warnings_send(today=today)

    Certification.objects.filter(pk=cert.pk).update(expiry_date=date(2027, 5, 1))
    assert certification_expiry_warnings_send(today=date(2027, 4, 20)) == 1

    assert len(mailoutbox) == 2


def test_the_beat_task_is_scheduled_and_runs_the_service(product_a, mailoutbox):
    from django.conf import settings

    from catalog.tasks import warn_expiring_certifications

    schedule = settings.CELERY_BEAT_SCHEDULE["catalog-warn-expiring-certifications"]
    assert schedule["task"] == "catalog.tasks.warn_expiring_certifications"
    with time_machine.travel(datetime(2026, 5, 1, 7, 0, tzinfo=BANGKOK), tick=False):
        CertificationFactory(product=product_a, expiry_date=date(2026, 5, 20))
        assert warn_expiring_certifications.delay().get() == 1
        assert warn_expiring_certifications.delay().get() == 0
    assert len(mailoutbox) == 1


def test_an_english_speaking_producer_is_warned_in_english_and_the_office_in_thai_with_a_be_date(
    product_a, member_a, mailoutbox, settings
):
    settings.PRODUCERS_OFFICE_EMAILS = ["office@otop.example"]
    producer = product_a.producer
    producer.language = "en"
    producer.save()
    CertificationFactory(product=product_a, kind="fda", expiry_date=date(2026, 5, 31))

    assert certification_expiry_warnings_send(today=date(2026, 5, 1)) == 1

    by_recipient = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(by_recipient) == {("member-a@example.com",), ("office@otop.example",)}
    assert "expires in 30 days" in by_recipient[("member-a@example.com",)].body
    assert "A's silk" in by_recipient[("member-a@example.com",)].subject
    assert "2569" in by_recipient[("office@otop.example",)].body  # 2026 in the Buddhist Era
