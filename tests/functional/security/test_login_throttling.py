"""django-axes locks a username out from one address after
AXES_FAILURE_LIMIT wrong passwords, on every login form of the site, and
shows a translated page (429), never a 500 and never a login."""

import pytest
from django.conf import settings

from tests.factories.catalog import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff_user(db):
    return UserFactory(username="clerk", email="clerk@example.com", is_staff=True, is_superuser=True)


def customer_login(client, email, password):
    return client.post("/en/shop/accounts/login/", {
        "login-username": email, "login-password": password, "login-redirect_url": "", "login_submit": "1",
    })  # fmt: skip


def form_login(url):
    def post(client, username, password):
        return client.post(url, {"username": username, "password": password})

    return post


LOGINS = {
    "customer (Oscar)": customer_login,
    "dashboard (Oscar)": form_login("/dashboard/login/"),
    "Wagtail admin": form_login("/cms/login/"),
    "Django admin": form_login("/django-admin/login/"),
}


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_with_the_lockout_page(client, staff_user, login):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, staff_user.email, "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    locked = login(client, staff_user.email, "wrong-password")

    after = login(client, staff_user.email, PASSWORD)

    assert locked.status_code == 429
    assert after.status_code == 429
    assert b'id="security-lockout"' in after.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_a_few_wrong_passwords_do_not_stop_the_right_one(client, staff_user, login):
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        login(client, staff_user.email, "wrong-password")

    response = login(client, staff_user.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_one_guesser_does_not_lock_other_accounts_out_of_the_same_address(client, staff_user):
    other = UserFactory(username="other", email="other@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        customer_login(client, staff_user.email, "wrong-password")

    response = customer_login(client, other.email, PASSWORD)

    assert response.status_code == 302


def test_the_lockout_page_is_in_the_language_of_the_url(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/shop/accounts/login/", {"login-username": staff_user.email, "login-password": "x",
                                              "login_submit": "1"})

    response = client.post("/en/shop/accounts/login/", {"login-username": staff_user.email,
                                                        "login-password": PASSWORD, "login_submit": "1"})

    assert response.status_code == 429
    assert response["Content-Language"] == "en"
    assert b"Please wait 15 minutes" in response.content  # English: the URL's language


def test_the_test_client_and_management_commands_can_still_authenticate_without_a_request(staff_user, client):
    assert client.login(username=staff_user.email, password=PASSWORD)


# The logins whose forms pass any length of username on to authenticate()
# (the customer and Wagtail forms refuse it first, so axes never sees it).
UNCHECKED_LENGTH_LOGINS = {
    "dashboard (Oscar)": form_login("/dashboard/login/"),
    "Django admin": form_login("/django-admin/login/"),
    "Wagtail private pages": form_login("/_util/login/"),
}


@pytest.mark.parametrize("login", UNCHECKED_LENGTH_LOGINS.values(), ids=UNCHECKED_LENGTH_LOGINS.keys())
def test_a_username_longer_than_axes_column_is_a_failed_login_counted_towards_the_lockout(client, login):
    from axes.models import AccessAttempt

    huge = "ผ" * 5000 + "@example.com"

    response = login(client, huge, "wrong-password")

    assert response.status_code == 200  # the form again with its error, not a 500
    attempt = AccessAttempt.objects.get()
    assert attempt.username == huge[:255]
    assert attempt.failures_since_start == 1
