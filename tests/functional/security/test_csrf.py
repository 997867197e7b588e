"""CSRF protection on state-changing requests: a form posted without its
token is refused with a friendly page, and no view in the URL map is exempt
except the ones listed here, each with the reason it is safe."""

import pytest

from tests.factories.catalog import UserFactory
from tests.functional.security.urls import url_patterns

pytestmark = pytest.mark.django_db

# name (or "namespace:" prefix) -> why it may skip Django's CSRF middleware
CSRF_EXEMPT_ALLOWED = {
    # Stripe calls it server to server; every event is verified by its
    # signature (STRIPE_WEBHOOK_SECRET) before anything is read (shop.payment).
    "payments:stripe-webhook": "Stripe signature",
    # Django REST framework views are exempt from the middleware, but DRF's
    # SessionAuthentication enforces CSRF itself (test below).
    "wagtailadmin_api:": "DRF SessionAuthentication checks CSRF",
}


def _allowed(name: str | None) -> bool:
    return bool(name) and any(
        name == key or (key.endswith(":") and name.startswith(key)) for key in CSRF_EXEMPT_ALLOWED
    )


def test_no_view_is_csrf_exempt_except_the_signed_webhook_and_the_wagtail_api():
    exempt = sorted(
        entry.route for entry in url_patterns()
        if getattr(entry.callback, "csrf_exempt", False) and not _allowed(entry.name)
    )  # fmt: skip

    assert exempt == [], f"csrf_exempt views not in CSRF_EXEMPT_ALLOWED: {exempt}"


def test_the_wagtail_admin_api_refuses_a_logged_in_post_without_the_token(home_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        f"/cms/api/main/pages/{home_page.pk}/action/copy/",
        {"destination_page_id": home_page.pk},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert b"CSRF" in response.content


@pytest.mark.parametrize("url,data", [
    ("/en/shop/accounts/login/", {"login-username": "a@example.com", "login-password": "x", "login_submit": "1"}),
    ("/en/shop/basket/add/1/", {"quantity": "1"}),
    ("/en/shop/producers/register/", {"name_th": "x"}),
    ("/dashboard/login/", {"username": "a", "password": "b"}),
])  # fmt: skip
def test_a_form_posted_without_its_token_is_refused_with_the_csrf_page(url, data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(url, data)

    assert response.status_code == 403
    assert b'id="security-csrf-failure"' in response.content


def test_a_logged_in_customer_cannot_be_made_to_change_their_profile_from_another_site():
    from django.test import Client

    user = UserFactory(email="victim@example.com", first_name="Somchai")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/en/shop/accounts/profile/edit/", {"first_name": "Hacked", "email": "evil@example.com"})

    user.refresh_from_db()
    assert response.status_code == 403
    assert (user.first_name, user.email) == ("Somchai", "victim@example.com")
