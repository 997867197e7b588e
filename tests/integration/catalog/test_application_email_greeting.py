"""Emails to an applicant greet the person once: a Thai name that already
carries its title (นางมาลี) gets no second one (not "เรียน คุณนางมาลี")."""

import pytest

from catalog.producers.services.applications import producer_application_approve

from .test_registration import submit

pytestmark = pytest.mark.django_db


def _bodies(mailoutbox):
    return [message.body for message in mailoutbox]


def test_thai_emails_to_an_applicant_whose_name_has_a_title_do_not_add_khun(
    textiles, office, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(textiles, language="th", contact_name="นางมาลี ใจดี")
    with django_capture_on_commit_callbacks(execute=True):
        producer_application_approve(application=application, decided_by=office)

    bodies = _bodies(mailoutbox)
    assert len(bodies) >= 2  # received, then the decision
    for body in bodies:
        first_line = body.splitlines()[0]
        assert "คุณนาง" not in first_line and "นางมาลี ใจดี" in first_line


def test_thai_emails_to_an_applicant_without_a_title_address_them_as_khun(
    textiles, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(textiles, language="th", contact_name="มาลี ใจดี")

    [received] = _bodies(mailoutbox)
    assert "คุณมาลี ใจดี" in received.splitlines()[0]


def test_english_emails_greet_the_name_as_given(textiles, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(textiles, language="en", contact_name="นางมาลี ใจดี")

    [received] = _bodies(mailoutbox)
    assert received.splitlines()[0] == "Dear นางมาลี ใจดี,"
