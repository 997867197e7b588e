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
        client.post(
            "/shop/accounts/login/", {"login-username": staff_user.email, "login-password": "x", "login_submit": "1"}
        )

    response = client.post(
        "/en/shop/accounts/login/",
        {"login-username": staff_user.email, "login-password": PASSWORD, "login_submit": "1"},
    )

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


# --- One throttle: the username as the backend matches it, and the address ------------------


def case_variants(email):
    local, domain = email.split("@")
    yield email.upper()
    yield f"  {email.title()} "
    yield f"{local.capitalize()}@{domain.upper()}"


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_changing_the_letter_case_of_the_email_does_not_escape_the_lockout(client, staff_user, login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, staff_user.email, "wrong-password")

    answers = [login(client, variant, PASSWORD) for variant in case_variants(staff_user.email)]

    assert [answer.status_code for answer in answers] == [429, 429, 429]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_wrong_passwords_under_case_variants_count_towards_one_lockout(client, staff_user, login):
    variants = [staff_user.email, *case_variants(staff_user.email)]
    for index in range(settings.AXES_FAILURE_LIMIT):
        login(client, variants[index % len(variants)], "wrong-password")

    response = login(client, staff_user.email, PASSWORD)

    assert response.status_code == 429


def test_axes_records_the_username_stripped_and_in_lower_case(client, staff_user):
    from axes.models import AccessAttempt

    form_login("/dashboard/login/")(client, "  Clerk@Example.COM ", "wrong-password")

    assert AccessAttempt.objects.get().username == "clerk@example.com"


@pytest.mark.parametrize("login", LOGINS.values(), ids=LOGINS.keys())
def test_one_address_trying_many_usernames_is_stopped_after_the_address_limit(client, settings, login):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT

    codes = [login(client, f"guess-{index}@example.com", "Password1").status_code for index in range(limit + 3)]

    assert codes[:limit] == [200] * limit
    assert codes[limit:] == [429] * 3


def test_the_address_limit_counts_every_login_form_together(client, settings, staff_user):
    forms = list(LOGINS.values())
    for index in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        forms[index % len(forms)](client, f"guess-{index}@example.com", "Password1")

    response = customer_login(client, staff_user.email, PASSWORD)

    assert response.status_code == 429
    assert b'id="security-rate-limited"' in response.content
    assert "_auth_user_id" not in client.session


def test_the_address_limit_does_not_stop_another_address(client, settings, staff_user):
    for index in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT + 1):
        client.post(
            "/dashboard/login/", {"username": f"guess-{index}@example.com", "password": "x"}, REMOTE_ADDR="10.0.0.1"
        )

    response = client.post(
        "/dashboard/login/", {"username": staff_user.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )

    assert response.status_code == 302


def test_successful_logins_from_one_address_do_not_use_up_its_limit(client, settings, staff_user):
    for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT + 2):
        response = form_login("/dashboard/login/")(client, staff_user.email, PASSWORD)
        assert response.status_code == 302
        client.logout()


def test_when_the_cache_is_down_logins_still_work_and_the_username_lockout_still_holds(client, staff_user, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "incr", down)
    monkeypatch.setattr(cache, "get", down)
    login = form_login("/dashboard/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert login(client, staff_user.email, "wrong-password").status_code in (200, 429)

    locked = login(client, staff_user.email, PASSWORD)
    other = UserFactory(username="other", email="other@example.com", is_staff=True)
    fine = login(client, other.email, PASSWORD)

    assert locked.status_code == 429  # axes keeps its counts in the database
    assert fine.status_code == 302
