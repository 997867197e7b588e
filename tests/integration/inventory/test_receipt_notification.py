"""A posted goods received note is emailed to the producer's contacts once,
after commit, in the producer's language, with a link to it in the portal."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from inventory.models import Receipt
from inventory.services import ReceiptLineInput, receipt_create, receipt_notification_send, receipt_post
from tests.factories.catalog import producer_member


def _post_receipt(product, capture):
    receipt = receipt_create(
        producer=product.producer, lines=[ReceiptLineInput(product=product, quantity=3, lot_code="L-42")]
    )
    with capture(execute=True):
        receipt_post(receipt=receipt)
    return receipt


@override_settings(SITE_URL="https://otop.example")
def test_posting_a_receipt_emails_the_producer_and_its_members_a_link_to_the_portal(
    product, django_capture_on_commit_callbacks
):
    product.producer.email = "weavers@example.com"
    product.producer.save()
    producer_member(product.producer, username="somsri", email="somsri@example.com")

    receipt = _post_receipt(product, django_capture_on_commit_callbacks)

    [email] = mail.outbox
    assert sorted(email.to) == ["somsri@example.com", "weavers@example.com"]
    assert receipt.number in email.subject
    url = "https://otop.example" + reverse("inventory-portal:receipt-detail", kwargs={"pk": receipt.pk})
    assert url in email.body and "L-42" in email.body
    receipt.refresh_from_db()
    assert receipt.producer_notified_at is not None


def test_the_email_is_sent_once_however_often_the_task_runs(product, django_capture_on_commit_callbacks):
    product.producer.email = "weavers@example.com"
    product.producer.save()
    receipt = _post_receipt(product, django_capture_on_commit_callbacks)

    assert receipt_notification_send(receipt_id=receipt.pk) is False
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_commit_or_for_a_draft(product, django_capture_on_commit_callbacks):
    product.producer.email = "weavers@example.com"
    product.producer.save()
    receipt = receipt_create(producer=product.producer, lines=[ReceiptLineInput(product=product, quantity=1)])
    assert receipt_notification_send(receipt_id=receipt.pk) is False  # still a draft

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        receipt_post(receipt=receipt)
    assert mail.outbox == [] and len(callbacks) >= 1


@pytest.mark.parametrize("language, expected", [("en", "en"), ("zh-hans", "zh-hans"), ("", "th"), ("xx", "th")])
def test_the_email_is_written_in_the_producers_language_else_thai(
    product, monkeypatch, django_capture_on_commit_callbacks, language, expected
):
    from django.utils import translation

    from inventory.services import notifications

    product.producer.email = "weavers@example.com"
    product.producer.save()
    seen = []
    real_render = notifications.render_to_string

    def render(*args, **kwargs):
        seen.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(notifications, "render_to_string", render)
    if any(f.name == "language" for f in product.producer._meta.get_fields()):
        type(product.producer).objects.filter(pk=product.producer_id).update(language=language)
    else:  # the producer's language field is not there yet: the service reads it with getattr
        monkeypatch.setattr(type(product.producer), "language", language, raising=False)

    _post_receipt(product, django_capture_on_commit_callbacks)

    assert seen == [expected]


def test_a_failed_send_is_released_so_a_retry_sends_it(product, monkeypatch, django_capture_on_commit_callbacks):
    from inventory.services import notifications

    product.producer.email = "weavers@example.com"
    product.producer.save()
    receipt = receipt_create(producer=product.producer, lines=[ReceiptLineInput(product=product, quantity=1)])
    receipt_post(receipt=receipt)  # on_commit never runs inside the test transaction

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    with pytest.raises(OSError):
        receipt_notification_send(receipt_id=receipt.pk)
    assert Receipt.objects.get(pk=receipt.pk).producer_notified_at is None

    monkeypatch.undo()
    assert receipt_notification_send(receipt_id=receipt.pk) is True
    assert len(mail.outbox) == 1
