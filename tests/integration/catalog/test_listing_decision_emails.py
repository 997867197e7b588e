"""The producer hears about the office's decision on a listing: published
(with the shop link) or rejected (with the office's comment), in the
producer's language, after commit, once."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from catalog.producers.services.listing_decisions import listing_decision_email_send
from catalog.producers.services.products import product_listing_transition
from tests.factories.catalog import producer_member

ListingDecision = get_model("catalogue", "ListingDecision")

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_a(product_a, member_a):
    return product_listing_transition(product=product_a, actor=member_a, action="submit")


def test_publishing_emails_the_producers_members_and_address_with_the_shop_link(
    submitted_a, producer_a, member_a, office, mailoutbox, django_capture_on_commit_callbacks
):
    producer_a.email = "group@example.com"
    producer_a.save()
    producer_member(producer_a, username="second", email="second@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        product_listing_transition(product=submitted_a, actor=office, action="publish")

    [mail] = mailoutbox
    assert sorted(mail.to) == ["group@example.com", "member-a@example.com", "second@example.com"]
    with translation.override("th"):
        shop_path = submitted_a.get_absolute_url()
    assert shop_path in mail.body and "ผ้าไหมของเอ" in mail.subject
    decision = ListingDecision.objects.get()
    assert (decision.decision, decision.decided_by, decision.emailed_at is not None) == ("published", office, True)


def test_a_rejection_email_carries_the_office_comment_in_the_producers_language(
    submitted_a, producer_a, office, mailoutbox, django_capture_on_commit_callbacks
):
    producer_a.language = "en"
    producer_a.save()

    with django_capture_on_commit_callbacks(execute=True):
        product_listing_transition(
            product=submitted_a, actor=office, action="reject", comment="The photo shows another product."
        )

    [mail] = mailoutbox
    assert mail.subject == "Not published: A's silk needs changes"  # English title for an English producer
    assert "The photo shows another product." in mail.body
    assert f"/dashboard/portal/products/{submitted_a.pk}/" in mail.body


def test_a_thai_producer_gets_the_thai_title(submitted_a, office, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product_listing_transition(product=submitted_a, actor=office, action="reject", comment="ราคาไม่ถูกต้อง")

    assert "ผ้าไหมของเอ" in mailoutbox[0].subject and "ราคาไม่ถูกต้อง" in mailoutbox[0].body


def test_nothing_is_emailed_before_commit_or_when_the_transaction_rolls_back(submitted_a, office, mailoutbox):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        product_listing_transition(product=submitted_a, actor=office, action="publish")
        raise RuntimeError("rolled back")

    assert not mailoutbox and not ListingDecision.objects.exists()


def test_the_decision_email_is_sent_once_even_if_the_task_runs_twice(
    submitted_a, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product_listing_transition(product=submitted_a, actor=office, action="publish")

    assert listing_decision_email_send(decision_id=ListingDecision.objects.get().pk) is False
    assert len(mailoutbox) == 1


def test_a_failed_send_is_retried_by_the_next_run(submitted_a, office, mailoutbox, monkeypatch):
    product_listing_transition(product=submitted_a, actor=office, action="publish")
    decision = ListingDecision.objects.get()

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("catalog.producers.services.listing_decisions.send_mail", broken)
    with pytest.raises(ConnectionError):
        listing_decision_email_send(decision_id=decision.pk)
    monkeypatch.undo()

    assert listing_decision_email_send(decision_id=decision.pk) is True
    assert len(mailoutbox) == 1


def test_member_actions_send_no_decision_email(product_a, member_a, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product_listing_transition(product=product_a, actor=member_a, action="submit")
        product_listing_transition(product=product_a, actor=member_a, action="withdraw")

    assert not mailoutbox and not ListingDecision.objects.exists()
