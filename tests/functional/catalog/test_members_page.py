"""The portal's members page: list, add by email, remove, the last-member
rule, and what bad input answers."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from tests.factories.catalog import producer_member

AuditLog = get_model("catalogue", "AuditLog")
User = get_user_model()

pytestmark = pytest.mark.django_db

URL = "/dashboard/portal/members/"


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_members_page_lists_members_with_a_fixed_number_of_queries(client, producer_a, member_a):
    client.force_login(member_a)
    with_one = _queries_for(client, URL)
    for n in range(4):
        producer_member(producer_a, username=f"extra{n}", email=f"extra{n}@example.com")

    with_five = _queries_for(client, URL)

    assert with_five == with_one
    html = client.get(URL).content.decode()
    assert "extra3@example.com" in html and "member-a@example.com" in html


def test_a_member_adds_a_colleague_by_email_and_the_invitation_is_sent(
    client, producer_a, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"email": "colleague@example.com"})

    assert response.status_code == 302 and response["Location"] == URL
    assert producer_a.partner.users.filter(email="colleague@example.com").exists()
    assert [m.to for m in mailoutbox] == [["colleague@example.com"]]
    assert "colleague@example.com" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    "data, code",
    [
        ({"email": "no-at-sign"}, "invalid"),
        ({"email": "x" * 300 + "@example.com"}, "max_length"),
        ({}, "required"),
        ({"email": "member-a@example.com"}, "already_member"),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_changes_nothing(client, member_a, mailoutbox, data, code):
    client.force_login(member_a)
    users_before = User.objects.count()

    response = client.post(URL, data)

    assert response.status_code == 400
    # Compared by code: the dashboard answers in the browser's language.
    assert code in [error.code for error in response.context["form"].errors.as_data()["email"]]
    assert User.objects.count() == users_before and not AuditLog.objects.exists() and not mailoutbox


def test_a_member_removes_a_colleague(client, producer_a, member_a):
    colleague = producer_member(producer_a, username="colleague", email="colleague@example.com")
    client.force_login(member_a)

    response = client.post(f"{URL}{colleague.pk}/remove/")

    assert response.status_code == 302
    assert list(producer_a.partner.users.all()) == [member_a]
    client.force_login(colleague)
    assert client.get("/dashboard/portal/").status_code == 404


def test_the_last_member_cannot_be_removed_and_is_told_why(client, producer_a, member_a):
    client.force_login(member_a)
    page = client.get(URL).content.decode()
    # The dashboard speaks the site's default language (Thai).
    assert _("The last member cannot be removed.") in page and f"{member_a.pk}/remove/" not in page

    response = client.post(f"{URL}{member_a.pk}/remove/", follow=True)

    assert list(producer_a.partner.users.all()) == [member_a]
    message = _("A producer needs at least one member. Add the new member first, then remove this one.")
    assert message in response.content.decode()


def test_a_member_who_leaves_is_sent_to_the_dashboard_and_loses_the_portal(client, producer_a, member_a):
    producer_member(producer_a, username="stays", email="stays@example.com")
    client.force_login(member_a)

    response = client.post(f"{URL}{member_a.pk}/remove/")

    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    assert client.get("/dashboard/portal/").status_code == 404


def test_office_staff_acting_for_the_producer_manage_members_as_the_office(client, producer_a, member_a, office):
    client.force_login(office)
    client.post("/dashboard/portal/act-as/", {"producer": producer_a.pk})

    client.post(URL, {"email": "marketer-added@example.com"})

    entry = AuditLog.objects.get(action="member.add")
    assert entry.by_office and entry.producer == producer_a
    client.force_login(member_a)
    assert "marketer-added@example.com" in client.get("/dashboard/portal/activity/").content.decode()
