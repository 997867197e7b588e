"""Wagtail admin views given a POST without the fields their pages always
send answer 400 with a clear message and change nothing, never a 500
(issue 16; found by the role matrix). See cms/admin_guards.py."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests.factories.catalog import ProducerApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

INCOMPLETE = "Some fields of the form were missing, so nothing was saved."


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    # The admin speaks the user's language, Thai by default; the messages
    # below are checked in English.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def test_saving_the_home_page_without_the_editors_stream_fields_is_refused_and_changes_nothing(
    client, superuser, home_page
):
    revisions = home_page.revisions.count()

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home_page.pk]), {"title": "Hijacked"})

    assert response.status_code == 400
    assert INCOMPLETE in response.content.decode()
    home_page.refresh_from_db()
    assert home_page.title != "Hijacked"
    assert home_page.revisions.count() == revisions


def test_copying_a_page_without_choosing_where_is_refused_and_copies_nothing(client, superuser, home_page):
    pages = Page.objects.count()

    response = client.post(reverse("wagtailadmin_pages:copy", args=[home_page.pk]), {})

    assert response.status_code == 400
    assert INCOMPLETE in response.content.decode()
    assert Page.objects.count() == pages


def test_the_external_link_chooser_without_a_url_is_refused(client, superuser):
    response = client.post(reverse("wagtailadmin_choose_page_external_link"), {})

    assert response.status_code == 400
    assert INCOMPLETE in response.content.decode()


def test_processing_a_redirect_import_without_its_signed_file_is_refused_and_imports_nothing(client, superuser):
    response = client.post(reverse("wagtailredirects:process_import"), {})

    assert response.status_code == 400
    assert not Redirect.objects.exists()


def test_a_visitor_posting_to_the_guarded_views_still_gets_the_login_page(client, home_page):
    urls = (
        reverse("wagtailadmin_pages:copy", args=[home_page.pk]),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
    )
    for url in urls:
        response = client.post(url, {})

        assert response.status_code == 302
        assert "/cms/login/" in response["Location"]


@pytest.mark.parametrize("name", ["product_chooser", "producer_chooser", "district_chooser"])
def test_the_catalogue_choosers_have_no_create_url(client, superuser, name):
    with pytest.raises(NoReverseMatch):
        reverse(f"{name}:create")

    response = client.post(f"/cms/choose/{name.removesuffix('_chooser')}/create/", {})

    assert response.status_code == 404
    assert client.get(reverse(f"{name}:choose")).status_code == 200


def test_wagtails_deliberate_error_page_is_not_there_for_admins(client, superuser):
    assert client.get("/cms/failwhale/").status_code == 404
    assert client.post("/cms/failwhale/").status_code == 404


def test_deleting_a_user_whom_records_refer_to_is_refused_with_the_reason(client, superuser):
    applicant = UserFactory()
    ProducerApplicationFactory(applicant=applicant)
    url = reverse("wagtailusers_users:delete", args=[applicant.pk])

    shown = client.get(url, follow=True)
    response = client.post(url, {})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:edit", args=[applicant.pk])
    assert "Deactivate the account instead." in shown.content.decode()
    assert get_user_model().objects.filter(pk=applicant.pk).exists()


def test_a_user_no_record_refers_to_can_still_be_deleted(client, superuser):
    visitor = UserFactory()

    response = client.post(reverse("wagtailusers_users:delete", args=[visitor.pk]), {})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=visitor.pk).exists()


def _bulk_delete_url() -> str:
    opts = get_user_model()._meta
    return reverse("wagtail_bulk_action", args=[opts.app_label, opts.model_name, "delete"])


def test_bulk_deleting_users_when_records_refer_to_one_is_refused_with_the_reason_and_deletes_none(client, superuser):
    applicant, visitor = UserFactory(), UserFactory()
    ProducerApplicationFactory(applicant=applicant)
    listing = reverse("wagtailusers_users:index")
    url = _bulk_delete_url()

    response = client.post(f"{url}?id={applicant.pk}&id={visitor.pk}&next={listing}", {})

    assert response.status_code == 302
    assert response["Location"] == listing
    shown = client.get(listing).content.decode()
    assert "Nothing was deleted" in shown and applicant.get_username() in shown
    assert get_user_model().objects.filter(pk__in=[applicant.pk, visitor.pk]).count() == 2


def test_bulk_deleting_users_no_record_refers_to_still_deletes_them(client, superuser):
    visitors = UserFactory.create_batch(2)
    url = _bulk_delete_url()

    response = client.post(f"{url}?id={visitors[0].pk}&id={visitors[1].pk}", {})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk__in=[v.pk for v in visitors]).exists()
