"""Logging out changes state, so it takes a POST with a CSRF token: a link or
an image on any other page (a GET) cannot log a customer or staff member out.
"""

import pytest
from django.test import Client

from tests.factories.catalog import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(db):
    return UserFactory(username="somsri", email="somsri@example.com")


def logged_in(user, *, enforce_csrf=False):
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", ["/en/shop/accounts/logout/", "/shop/accounts/logout/"])
def test_a_get_to_the_customer_logout_url_does_not_log_the_customer_out(customer, url):
    client = logged_in(customer)

    response = client.get(url)

    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(customer.pk)


def test_the_customer_logout_page_asks_to_confirm_with_a_post_form(customer):
    client = logged_in(customer)

    response = client.get("/en/shop/accounts/logout/")

    page = response.content.decode()
    assert 'id="logout-confirm"' in page
    assert 'method="post"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_posting_the_logout_form_logs_the_customer_out_and_goes_home(customer):
    client = logged_in(customer)

    response = client.post("/en/shop/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_logout_post_from_another_site_without_the_csrf_token_is_refused(customer):
    client = logged_in(customer, enforce_csrf=True)

    response = client.post("/en/shop/accounts/logout/")

    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(customer.pk)


@pytest.mark.parametrize("url", ["/dashboard/logout/", "/django-admin/logout/", "/cms/logout/"])
def test_staff_logouts_refuse_a_get_and_keep_the_session(url):
    staff = UserFactory(username="clerk", email="clerk@example.com", is_staff=True, is_superuser=True)
    client = logged_in(staff)

    response = client.get(url)

    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_site_header_logs_out_with_a_post_form_carrying_the_csrf_token(customer):
    client = logged_in(customer)

    page = client.get("/en/shop/basket/").content.decode()

    form_start = page.index('id="logout_form"')
    form = page[page.rindex("<form", 0, form_start) : page.index("</form>", form_start)]
    assert 'method="post"' in form
    assert 'action="/en/shop/accounts/logout/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'href="/en/shop/accounts/logout/"' not in page


def test_the_logout_page_of_an_anonymous_visitor_sends_them_home():
    response = Client().get("/en/shop/accounts/logout/")

    assert response.status_code == 302
