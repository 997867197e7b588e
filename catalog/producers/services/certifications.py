"""Certifications on the product passport: upload checks for their
documents, adding and removing them, and the 30-day expiry warnings."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.common.images import image_to_django_file, image_validate_and_clean

from .audit import audit_log_write
from .emails import email_language, producer_recipients
from .products import product_back_to_review_if_published

Certification = get_model("catalogue", "Certification")
CertificationExpiryWarning = get_model("catalogue", "CertificationExpiryWarning")
Product = get_model("catalogue", "Product")

logger = logging.getLogger(__name__)

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
EXPIRY_WARNING_DAYS = 30
NUMBER_PATTERN = re.compile(r"[0-9A-Za-z\u0e01-\u0e4e\u0e50-\u0e59][0-9A-Za-z\u0e01-\u0e4e\u0e50-\u0e59 ./\-()]{0,63}")

# Markers of active content in a PDF: scripts, actions that launch programs,
# and embedded files. A certificate is a scan or a printout; none of these
# belongs in it, and each is how a PDF carries a payload. Names in PDF can be
# written with #xx hex escapes (/J#61vaScript), so names are decoded first.
_PDF_FORBIDDEN = (b"/javascript", b"/js", b"/launch", b"/embeddedfile", b"/embeddedfiles", b"/richmedia", b"/xfa")
_PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")

_MSG_PDF_BAD = gettext_lazy(
    "The PDF contains scripts, actions or attached files. Print it to a new PDF or scan it, and upload that."
)


_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# Decompressed bytes we are willing to inspect per document (a PDF can be a
# zlib bomb too).
_PDF_INFLATE_BUDGET = 64 * 1024 * 1024


def _pdf_inflated_streams(data: bytes) -> list[bytes] | None:
    """The Flate-decoded content of the PDF's streams (object streams hide
    dictionaries there), or None when it would inflate past the budget.
    Streams that are not zlib (images, other filters) are skipped."""
    import zlib

    budget = _PDF_INFLATE_BUDGET
    out = []
    for match in _PDF_STREAM.finditer(data):
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(match.group(1), budget + 1)
        except zlib.error:
            continue
        budget -= len(chunk)
        if budget < 0 or inflater.unconsumed_tail:
            return None
        out.append(chunk)
    return out


def _pdf_names(data: bytes) -> set[bytes]:
    names = set()
    for match in _PDF_NAME.finditer(data):
        name = _PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(0))
        names.add(name.lower())
    return names


def certification_document_clean(*, upload) -> tuple[ContentFile, str]:
    """Check a certificate document and return (file to store, type).

    Images go through shop.common.images like every other photo (re-encoded, no
    metadata). PDFs are judged by content: they must start with ``%PDF-``,
    be at most 10 MB, and contain no JavaScript, launch actions or embedded
    files, also inside Flate-compressed streams (object streams hide
    dictionaries there; a stream that inflates past 64 MB is refused). The
    PDF is stored under a generated name; its bytes are not changed."""
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large. The limit is %(max)d MB.") % {"max": DOCUMENT_MAX_BYTES // 2**20}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        data = upload.read(DOCUMENT_MAX_BYTES + 1)
        if len(data) > DOCUMENT_MAX_BYTES:
            raise ValidationError(
                _("The file is too large. The limit is %(max)d MB.") % {"max": DOCUMENT_MAX_BYTES // 2**20}
            )
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("The PDF is damaged or incomplete. Please save it again and upload the new file."))
        inflated = _pdf_inflated_streams(data)
        if inflated is None:
            raise ValidationError(_("The PDF is too large inside. Please save it again and upload the new file."))
        names = _pdf_names(data)
        for chunk in inflated:
            names |= _pdf_names(chunk)
        if names & set(_PDF_FORBIDDEN):
            raise ValidationError(_MSG_PDF_BAD, code="pdf_active_content")
        lowered = data.lower()
        if any(marker in lowered for marker in (b"<script", b"<html", b"<?php")):
            raise ValidationError(_MSG_PDF_BAD, code="pdf_active_content")
        return ContentFile(data, name=f"certificate-{uuid.uuid4().hex}.pdf"), Certification.DocumentType.PDF
    clean = image_validate_and_clean(upload=upload)  # raises with the image messages
    return image_to_django_file(clean, name_stem="certificate"), Certification.DocumentType.IMAGE


def _number_check(number: str) -> str:
    number = (number or "").strip()
    if not NUMBER_PATTERN.fullmatch(number):
        raise ValidationError(
            {
                "number": _(
                    "Enter the number as printed: letters, digits, spaces and . / - ( ) only, at most 64 characters."
                )
            }
        )
    return number


@transaction.atomic
def certification_add(
    *, product: Product, actor, kind: str, number: str, issuer: str, expiry_date: date | None, document
) -> Certification:
    """Add a certification with its document to a product. A producer's new
    claim on a published product sends it back to review."""
    number = _number_check(number)
    issuer = (issuer or "").strip()
    errors = {}
    if kind not in Certification.Kind.values:
        errors["kind"] = [_("Choose one of the certifications in the list.")]
    if not issuer or len(issuer) > 200:
        errors["issuer"] = [_("Enter who issued it (at most 200 characters).")]
    if expiry_date is not None and not date(2000, 1, 1) <= expiry_date <= date(2100, 12, 31):
        errors["expiry_date"] = [_("Enter a real expiry date.")]
    if Certification.objects.filter(product=product, kind=kind, number=number).exists():
        errors["number"] = [_("This certification is already on the product.")]
    if document is None:
        errors["document"] = [_("Upload the certificate (PDF or photo).")]
    if errors:
        raise ValidationError(errors)
    try:
        content, document_type = certification_document_clean(upload=document)
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from None
    product = Product.objects.select_for_update(of=("self",)).select_related("producer__partner").get(pk=product.pk)
    certification = Certification(
        product=product, kind=kind, number=number, issuer=issuer, expiry_date=expiry_date, document_type=document_type
    )
    certification.document.save(content.name, content, save=False)
    try:
        with transaction.atomic():
            certification.save()
    except IntegrityError:
        default_storage.delete(certification.document.name)
        raise ValidationError({"number": _("This certification is already on the product.")}) from None
    audit_log_write(
        producer=product.producer,
        actor=actor,
        action="certification.add",
        obj=certification,
        changes={"certification": {"old": None, "new": f"{certification} ({expiry_date or '-'})"}},
    )
    product_back_to_review_if_published(product=product, actor=actor, reason_field="certifications")
    return certification


@transaction.atomic
def certification_delete(*, certification: Certification, actor) -> None:
    certification = Certification.objects.select_related("product__producer").get(pk=certification.pk)
    audit_log_write(
        producer=certification.product.producer,
        actor=actor,
        action="certification.delete",
        obj=certification,
        changes={"certification": {"old": str(certification), "new": None}},
    )
    path = certification.document.name
    certification.delete()
    if path:
        transaction.on_commit(lambda: default_storage.delete(path))


# --- Expiry warnings ----------------------------------------------------------------------


def _office_emails() -> list[str]:
    return list(getattr(settings, "PRODUCERS_OFFICE_EMAILS", []))


def certification_expiry_warnings_send(*, today: date | None = None) -> int:
    """Warn producers and the office about certifications expiring within
    30 days (Bangkok date). Each (certification, expiry date) is warned once:
    the warning row is inserted first, under a unique constraint, and the
    emails are sent inside the same transaction, so a crash before sending
    rolls the row back (retried next run) and a second run finds it and
    sends nothing. Returns the number of certifications warned. (When the
    producer's copy and the office's are two emails and the second fails,
    the first is sent again on the retry: a duplicate warning is better
    than a lost one.)"""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    due = (
        Certification.objects.filter(expiry_date__gte=today, expiry_date__lte=horizon)
        .filter(
            ~Exists(
                CertificationExpiryWarning.objects.filter(
                    certification=OuterRef("pk"), expiry_date=OuterRef("expiry_date")
                )
            )
        )
        .select_related("product__producer__partner")
        .order_by("expiry_date", "pk")
    )
    sent = 0
    for certification in due:
        try:
            with transaction.atomic():
                CertificationExpiryWarning.objects.create(
                    certification=certification, expiry_date=certification.expiry_date
                )
                _expiry_warning_email_send(certification=certification, today=today)
        except IntegrityError:
            continue  # another run warned it first
        sent += 1
    return sent


def _expiry_warning_email_send(*, certification: Certification, today: date) -> None:
    """The producer's copy in its language (Producer.language), the office's
    in Thai; one email when both are the same. Dates are B.E. in Thai."""
    product = certification.product
    producer = product.producer
    context = {
        "certification": certification,
        "product": product,
        "producer": producer,
        "days_left": (certification.expiry_date - today).days,
    }
    batches: dict[str, set[str]] = {}
    batches.setdefault(email_language(producer), set()).update(producer_recipients(producer))
    batches.setdefault(settings.LANGUAGE_CODE, set()).update(_office_emails())
    for language, recipients in batches.items():
        if not recipients:
            continue
        with translation.override(language):
            subject = _("Certification expiring soon: %(cert)s on %(product)s") % {
                "cert": certification.get_kind_display(),
                "product": product.get_title(),
            }
            body = render_to_string("catalog/emails/certification_expiring.txt", context)
        send_mail(subject, body, None, sorted(recipients), fail_silently=False)
