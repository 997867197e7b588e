"""A producer's members: adding by email (new or existing account),
removing, the last-member rule, the audit log and the invitation email."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from catalog.producers.selectors import producer_for_user, producer_members
from catalog.producers.services.members import member_invitation_email_send, producer_member_add, producer_member_remove
from shop.common import roles
from tests.factories.catalog import UserFactory, producer_member

AuditLog = get_model("catalogue", "AuditLog")
MemberInvitation = get_model("catalogue", "MemberInvitation")
User = get_user_model()

pytestmark = pytest.mark.django_db


def test_adding_an_unknown_address_creates_an_account_without_password_and_grants_access(
    producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = producer_member_add(producer=producer_a, actor=member_a, email="  New.Weaver@Example.com ")

    user = User.objects.get(email="new.weaver@example.com")
    assert invitation.account_created and invitation.user == user
    assert not user.has_usable_password() and user.is_active
    assert producer_a.partner.users.filter(pk=user.pk).exists()
    assert user.groups.filter(name=roles.PRODUCER_MEMBER).exists()
    assert user.has_perm("partner.dashboard_access")
    assert producer_for_user(user=user) == producer_a
    entry = AuditLog.objects.get(action="member.add")
    assert (entry.producer, entry.actor, entry.by_office) == (producer_a, member_a, False)
    assert entry.changes["member"]["new"] == "new.weaver@example.com"
    [mail] = mailoutbox
    assert mail.to == ["new.weaver@example.com"]
    assert "/shop/password-reset/confirm/" in mail.body  # Thai producer: Thai, unprefixed link


def test_the_emailed_link_lets_the_new_member_choose_a_password_and_log_in(
    client, producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        producer_member_add(producer=producer_a, actor=member_a, email="newbie@example.com")
    path = re.search(r"https?://[^/\s]+(/\S+/password-reset/confirm/\S+/)", mailoutbox[0].body).group(1)

    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"new_password1": "Loom-and-Shuttle-2568", "new_password2": "Loom-and-Shuttle-2568"}
    )

    assert response.status_code == 302
    assert client.login(username="newbie@example.com", password="Loom-and-Shuttle-2568")


def test_the_invitation_is_written_in_the_producers_language(
    producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    producer_a.language = "en"
    producer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        producer_member_add(producer=producer_a, actor=member_a, email="english@example.com")

    assert "/en/shop/password-reset/confirm/" in mailoutbox[0].body


def test_an_existing_account_is_linked_and_told_to_log_in_as_usual(
    producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    customer = UserFactory(username="buyer", email="buyer@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = producer_member_add(producer=producer_a, actor=member_a, email="BUYER@example.com")

    customer.refresh_from_db()
    assert invitation.user == customer and not invitation.account_created
    assert customer.has_usable_password()  # their password is untouched
    assert User.objects.filter(email__iexact="buyer@example.com").count() == 1
    assert "password-reset" not in mailoutbox[0].body


@pytest.mark.parametrize(
    "email, message",
    [
        ("not-an-email", "Enter a valid email address."),
        ("a" * 250 + "@example.com", "Enter a valid email address."),
        ("", "Enter a valid email address."),
        ("member-a@example.com", "This person is already a member."),
    ],
)
def test_bad_or_duplicate_addresses_are_refused_and_nothing_changes(producer_a, member_a, mailoutbox, email, message):
    users_before = User.objects.count()

    with pytest.raises(ValidationError) as exc:
        producer_member_add(producer=producer_a, actor=member_a, email=email)

    assert exc.value.message_dict == {"email": [message]}
    assert User.objects.count() == users_before
    assert producer_a.partner.users.count() == 1
    assert not AuditLog.objects.exists() and not MemberInvitation.objects.exists() and not mailoutbox


def test_office_staff_and_deactivated_accounts_cannot_be_made_members(producer_a, member_a, office):
    UserFactory(username="gone", email="gone@example.com", is_active=False)

    for email in (office.email, "gone@example.com"):
        with pytest.raises(ValidationError):
            producer_member_add(producer=producer_a, actor=member_a, email=email)

    assert list(producer_a.partner.users.all()) == [member_a]


def test_the_office_acting_for_a_producer_adds_a_member_as_the_office(producer_a, member_a, office):
    producer_member_add(producer=producer_a, actor=office, email="helper@example.com")

    entry = AuditLog.objects.get(action="member.add")
    assert entry.by_office and entry.actor == office


def test_removing_a_member_takes_access_away_and_is_logged(producer_a, member_a):
    colleague = producer_member(producer_a, username="colleague", email="colleague@example.com")
    colleague.groups.add(Group.objects.get_or_create(name=roles.PRODUCER_MEMBER)[0])

    producer_member_remove(producer=producer_a, actor=member_a, user=colleague)

    assert list(producer_a.partner.users.all()) == [member_a]
    assert producer_for_user(user=colleague) is None
    assert not colleague.groups.filter(name=roles.PRODUCER_MEMBER).exists()
    entry = AuditLog.objects.get(action="member.remove")
    assert entry.changes == {"member": {"old": "colleague@example.com", "new": None}}


def test_the_last_member_cannot_be_removed(producer_a, member_a, office):
    for actor in (member_a, office):
        with pytest.raises(ValidationError) as exc:
            producer_member_remove(producer=producer_a, actor=actor, user=member_a)
        assert exc.value.code == "last_member"

    assert list(producer_a.partner.users.all()) == [member_a]
    assert not AuditLog.objects.exists()


def test_a_member_of_two_producers_keeps_the_group_when_leaving_one(producer_a, producer_b, member_a, member_b):
    group, _ = Group.objects.get_or_create(name=roles.PRODUCER_MEMBER)
    producer_b.partner.users.add(member_a)
    member_a.groups.add(group)

    producer_member_remove(producer=producer_b, actor=member_b, user=member_a)

    assert member_a.groups.filter(pk=group.pk).exists()
    assert producer_for_user(user=member_a) == producer_a


def test_removing_someone_who_is_not_a_member_is_refused(producer_a, member_a, member_b):
    with pytest.raises(ValidationError):
        producer_member_remove(producer=producer_a, actor=member_a, user=member_b)


def test_the_invitation_email_is_sent_once_even_if_the_task_runs_twice(
    producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = producer_member_add(producer=producer_a, actor=member_a, email="twice@example.com")

    assert member_invitation_email_send(invitation_id=invitation.pk) is False
    assert len(mailoutbox) == 1


def test_the_invitation_claim_is_released_when_sending_fails(producer_a, member_a, mailoutbox, monkeypatch):
    invitation = producer_member_add(producer=producer_a, actor=member_a, email="retry@example.com")

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("catalog.producers.services.members.send_mail", broken)
    with pytest.raises(ConnectionError):
        member_invitation_email_send(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.emailed_at is None
    monkeypatch.undo()

    assert member_invitation_email_send(invitation_id=invitation.pk) is True
    assert len(mailoutbox) == 1


def test_the_member_list_shows_who_added_whom(producer_a, member_a):
    producer_member_add(producer=producer_a, actor=member_a, email="second@example.com")

    rows = producer_members(producer=producer_a)

    assert [row.user.email for row in rows] == ["member-a@example.com", "second@example.com"]
    assert rows[0].invitation is None and rows[1].invitation.invited_by == member_a


def test_an_address_that_is_another_accounts_login_is_not_linked(producer_a, member_a):
    moved = UserFactory(username="old@example.com", email="new-address@example.com")

    with pytest.raises(ValidationError) as exc:
        producer_member_add(producer=producer_a, actor=member_a, email="old@example.com")

    assert exc.value.error_dict["email"][0].code == "username_taken"
    assert not producer_a.partner.users.filter(pk=moved.pk).exists()


def test_invitations_are_capped_per_producer_per_day(producer_a, member_a, settings, mailoutbox):
    settings.PRODUCER_MEMBER_INVITATIONS_PER_DAY = 2
    producer_member_add(producer=producer_a, actor=member_a, email="one@example.com")
    producer_member_add(producer=producer_a, actor=member_a, email="two@example.com")

    with pytest.raises(ValidationError) as exc:
        producer_member_add(producer=producer_a, actor=member_a, email="three@example.com")

    assert exc.value.error_dict["email"][0].code == "too_many_invitations"
    assert not User.objects.filter(email="three@example.com").exists()
