"""Product photo renditions (built by a Celery task, idempotent), and bank
details stored in full but only ever shown masked."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from catalog.models.producers import mask_account_number
from catalog.producers.services.images import product_image_upload
from catalog.producers.services.producers import producer_bank_account_set
from catalog.services.images import product_image_renditions_build
from tests.factories.catalog import jpeg_bytes

ProductImage = get_model("catalogue", "ProductImage")
AuditLog = get_model("catalogue", "AuditLog")

pytestmark = pytest.mark.django_db


def test_an_upload_builds_webp_and_jpeg_renditions_after_commit(
    product_a, member_a, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("p.jpg", jpeg_bytes(size=(900, 600)), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = product_image_upload(product=product_a, actor=member_a, upload=upload, alt_text="Scarf on a loom")
    image.refresh_from_db()
    assert not image.renditions_ready  # the placeholder shows until the task ran

    for callback in callbacks:
        callback()
    image.refresh_from_db()
    assert image.renditions_ready
    assert set(image.renditions) == {"thumbnail", "card", "zoom"}
    card = image.renditions["card"]
    with default_storage.open(card["webp"]) as fh:
        assert Image.open(io.BytesIO(fh.read())).format == "WEBP"
    with default_storage.open(card["jpeg"]) as fh:
        assert Image.open(io.BytesIO(fh.read())).size == (480, 320)
    assert image.rendition_urls["zoom"]["webp"].endswith("/zoom.webp")


def test_building_renditions_twice_does_the_work_once(product_a):
    image = product_a.images.get()

    assert product_image_renditions_build(image_id=image.pk) is True
    first = ProductImage.objects.get(pk=image.pk).renditions
    assert product_image_renditions_build(image_id=image.pk) is False
    assert ProductImage.objects.get(pk=image.pk).renditions == first


def test_the_sweep_builds_renditions_an_upload_missed_but_leaves_fresh_uploads_to_their_own_task(product_a):
    import time_machine
    from django.utils import timezone

    from catalog.services.images import product_image_renditions_missing_build

    old_image = product_a.images.get()
    ProductImage.objects.filter(pk=old_image.pk).update(date_created=timezone.now() - timedelta(hours=1))
    fresh = ProductImage.objects.create(
        product=product_a, original=old_image.original.name, alt_text="fresh", display_order=1
    )

    assert product_image_renditions_missing_build() == 1
    assert ProductImage.objects.get(pk=old_image.pk).renditions_ready
    assert not ProductImage.objects.get(pk=fresh.pk).renditions_ready
    assert product_image_renditions_missing_build() == 0  # nothing left that is old enough

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert product_image_renditions_missing_build() == 1


def test_a_broken_file_does_not_stop_the_sweep(product_a):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from catalog.services.images import product_image_renditions_missing_build

    broken = ProductImage(product=product_a, alt_text="broken", display_order=1)
    broken.original.save("broken.jpg", ContentFile(b"not an image"), save=True)
    ProductImage.objects.update(date_created=timezone.now() - timedelta(hours=1))

    assert product_image_renditions_missing_build() == 1  # the good one
    assert not ProductImage.objects.get(pk=broken.pk).renditions_ready


def test_photos_attached_by_the_demo_or_imports_get_renditions_too(product_a, django_capture_on_commit_callbacks):
    from catalog.services.products import product_image_add

    with django_capture_on_commit_callbacks(execute=True):
        image = product_image_add(
            product=product_a, content=jpeg_bytes(size=(600, 400)), filename="demo.jpg", alt_text="Demo"
        )

    image.refresh_from_db()
    assert image.renditions_ready


def test_the_sweep_is_on_the_beat():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["catalog-build-missing-renditions"]["task"] == (
        "catalog.tasks.build_missing_product_image_renditions"
    )


def test_renditions_of_a_deleted_image_are_skipped():
    assert product_image_renditions_build(image_id=987654) is False


def test_uploads_go_last_and_are_audited(product_a, member_a):
    upload = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")

    image = product_image_upload(product=product_a, actor=member_a, upload=upload, alt_text="Back of the scarf")

    assert image.display_order == 1
    assert AuditLog.objects.filter(action="image.add", object_id=image.pk, by_office=False).exists()


# --- Bank details ----------------------------------------------------------------------------------


def test_masking_keeps_only_the_last_four_digits():
    assert mask_account_number("123-4-56789-0") == "••••••7890"
    assert mask_account_number("") == ""


def test_bank_details_are_stored_normalised_and_audited_masked(producer_a, member_a):
    account = producer_bank_account_set(
        producer=producer_a, actor=member_a, bank="kbank", account_name="กลุ่มทอผ้าไหม เอ", account_number="123-4-56789-0"
    )

    assert account.account_number == "1234567890"
    assert str(account).endswith("••••••7890") and "1234567890" not in repr(account)
    entry = AuditLog.objects.get(action="bank_account.update")
    assert entry.changes["account_number"] == {"old": None, "new": "••••••7890"}
    assert "1234567890" not in str(entry.changes)


def test_an_empty_number_keeps_the_stored_one(producer_a, member_a):
    producer_bank_account_set(
        producer=producer_a, actor=member_a, bank="kbank", account_name="A", account_number="1234567890"
    )

    account = producer_bank_account_set(
        producer=producer_a, actor=member_a, bank="scb", account_name="A", account_number=""
    )

    assert (account.bank, account.account_number) == ("scb", "1234567890")


@pytest.mark.parametrize("number", ["12345", "1234567890123456", "12345abc90", "๑๒๓"])
def test_a_bad_account_number_is_refused(producer_a, member_a, number):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        producer_bank_account_set(
            producer=producer_a, actor=member_a, bank="kbank", account_name="A", account_number=number
        )
