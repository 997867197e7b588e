"""Per-address rate limits on Oscar's password reset and customer
registration (RATE_LIMITS, shop.common.security.RateLimitMiddleware), and the
decorator other views use."""

import pytest
from django.core import mail
from django.test import RequestFactory

from shop.common.security import rate_limited
from tests.factories.catalog import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_requests_beyond_the_limit_get_429_and_send_no_email(client, settings):
    UserFactory(email="somchai@example.com")
    limit = settings.RATE_LIMITS["password-reset"][0]
    for _ in range(limit):
        assert client.post("/en/shop/password-reset/", {"email": "somchai@example.com"}).status_code == 302
    sent = len(mail.outbox)

    response = client.post("/en/shop/password-reset/", {"email": "somchai@example.com"})

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert b'id="security-rate-limited"' in response.content
    assert len(mail.outbox) == sent


def test_the_limit_counts_every_language_prefix_together(client, settings):
    limit = settings.RATE_LIMITS["password-reset"][0]
    for index in range(limit):
        prefix = ["", "/en", "/zh-hans"][index % 3]
        client.post(f"{prefix}/shop/password-reset/", {"email": "nobody@example.com"})

    assert client.post("/shop/password-reset/", {"email": "nobody@example.com"}).status_code == 429


def test_reading_the_password_reset_form_is_not_limited(client, settings):
    for _ in range(settings.RATE_LIMITS["password-reset"][0] + 2):
        response = client.get("/en/shop/password-reset/")

    assert response.status_code == 200


def test_customer_registration_beyond_the_limit_creates_no_account(client, settings, django_user_model):
    limit = settings.RATE_LIMITS["customer:register"][0]
    for index in range(limit):
        client.post("/en/shop/accounts/register/", {"email": f"bad-{index}", "password1": "x", "password2": "y"})

    response = client.post("/en/shop/accounts/register/", {
        "email": "new@example.com", "password1": "a-long-Passphrase-2568", "password2": "a-long-Passphrase-2568",
    })  # fmt: skip

    assert response.status_code == 429
    assert not django_user_model.objects.filter(email="new@example.com").exists()


def test_another_address_is_not_limited_by_the_first(client, settings):
    limit = settings.RATE_LIMITS["password-reset"][0]
    for _ in range(limit + 1):
        client.post("/en/shop/password-reset/", {"email": "a@example.com"}, REMOTE_ADDR="10.0.0.1")

    response = client.post("/en/shop/password-reset/", {"email": "a@example.com"}, REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302


def test_the_rate_limited_decorator_answers_429_past_the_limit_for_the_listed_methods_only():
    @rate_limited(scope="test-view", limit=2, window_seconds=60, methods=("GET",))
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    factory = RequestFactory()
    codes = [view(factory.get("/x")).status_code for _ in range(3)]
    posted = view(factory.post("/x")).status_code

    assert codes == [200, 200, 429]
    assert posted == 200


def test_search_autocomplete_beyond_the_limit_gets_429(client, settings):
    settings.SEARCH_AUTOCOMPLETE_RATE_LIMIT = 3
    codes = [client.get("/en/shop/search/suggest/", {"q": "silk"}).status_code for _ in range(4)]

    assert codes[:3] == [200, 200, 200]
    assert codes[3] == 429


def test_wagtail_password_reset_beyond_the_limit_gets_429_and_sends_no_email(client, settings):
    UserFactory(email="editor@example.com", is_staff=True)
    limit = settings.RATE_LIMITS["password-reset"][0]
    for _ in range(limit):
        assert client.post("/cms/password_reset/", {"email": "editor@example.com"}).status_code == 302
    sent = len(mail.outbox)

    response = client.post("/cms/password_reset/", {"email": "editor@example.com"})

    assert response.status_code == 429
    assert b'id="security-rate-limited"' in response.content
    assert len(mail.outbox) == sent


def test_the_shop_and_wagtail_password_reset_forms_share_one_limit_per_address(client, settings):
    limit = settings.RATE_LIMITS["password-reset"][0]
    for index in range(limit):
        url = ["/en/shop/password-reset/", "/cms/password_reset/"][index % 2]
        client.post(url, {"email": "nobody@example.com"})

    assert client.post("/cms/password_reset/", {"email": "nobody@example.com"}).status_code == 429
    assert client.post("/en/shop/password-reset/", {"email": "nobody@example.com"}).status_code == 429


def test_when_the_cache_is_down_password_reset_still_answers(client, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "incr", down)

    response = client.post("/en/shop/password-reset/", {"email": "nobody@example.com"})

    assert response.status_code == 302  # fail open: see docs/security.md
