"""With the site's cache pointed at a Redis that is not there (a closed
port), the storefront still serves every page, customers still log in, and
the rate limits hold per web process (shop/common/ratelimit.py: they fail open
to a per-process count, deliberately). Before shop.common.cache_backend, Django's
RedisCache raised on every call and each of these pages answered 500
(issue #17); with ``FAILING_BACKEND`` set back to
``django.core.cache.backends.redis.RedisCache`` these tests fail."""

from __future__ import annotations

import socket

import pytest
from django.core import mail
from django.urls import reverse

from catalog import listing_cache
from shop.common import cache_backend, ratelimit
from tests.factories.catalog import UserFactory
from tests.factories.order import stocked_product
from tests.factories.pages import StoryPageFactory, cms_site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

FAILING_BACKEND = "shop.common.cache_backend.FailOpenRedisCache"
PASSWORD = "correct-horse-battery"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The site's own cache settings, with Redis gone."""
    monkeypatch.setattr(cache_backend, "_outages", {})
    ratelimit._process_counts.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": FAILING_BACKEND,
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "KEY_PREFIX": "otop",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    yield
    ratelimit._process_counts.clear()


@pytest.fixture
def storefront(cms_site):
    product = stocked_product(title="ผ้าไหมยกดอกลำพูน", title_en="Lamphun brocade silk")
    story = StoryPageFactory(parent=cms_site.index, title="เรื่องของช่างทอ")
    return product, story


def test_every_storefront_page_answers_200_while_redis_is_down(client, storefront, redis_down):
    product, story = storefront
    pages = {
        "home": "/",
        "home (en)": "/en/",
        "catalogue": "/en/shop/catalogue/",
        "product": product.get_absolute_url(),
        "search": "/en/shop/search/?q=silk",
        "autocomplete": "/en/shop/search/suggest/?q=sil",
        "story": story.url,
        "basket": "/en/shop/basket/",
    }

    statuses = {name: client.get(url).status_code for name, url in pages.items()}
    added = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    statuses["checkout start"] = client.get(reverse("checkout:index")).status_code

    assert added.status_code == 302
    assert statuses == {name: 200 for name in statuses}


def test_a_customer_logs_in_while_redis_is_down(client, storefront, redis_down):
    UserFactory(email="buyer@example.com", password=PASSWORD)

    response = client.post("/en/shop/accounts/login/", {
        "login-username": "buyer@example.com", "login-password": PASSWORD, "login-redirect_url": "",
        "login_submit": "1",
    })  # fmt: skip

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.get("/en/shop/accounts/").status_code in (200, 302)


def test_the_password_reset_limit_still_holds_per_process_while_redis_is_down(client, redis_down, settings):
    limit = settings.RATE_LIMITS["password-reset"][0]

    answers = [
        client.post("/en/shop/password-reset/", {"email": "nobody@example.com"}).status_code for _ in range(limit + 1)
    ]

    assert answers == [302] * limit + [429]  # fails open to this process's count, not wide open


def test_the_login_address_throttle_counts_per_process_while_redis_is_down(client, redis_down, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    UserFactory(email="buyer@example.com", password=PASSWORD)

    def login(email, password):
        return client.post("/en/shop/accounts/login/", {
            "login-username": email, "login-password": password, "login-redirect_url": "", "login_submit": "1",
        })  # fmt: skip

    for n in range(3):  # three different usernames: spraying, which axes' per-username count never sees
        assert login(f"guess{n}@example.com", "wrong").status_code == 200
    refused = login("buyer@example.com", PASSWORD)

    assert refused.status_code == 429
    assert b'id="security-rate-limited"' in refused.content


def test_a_rate_limit_never_refuses_while_redis_is_down_what_it_would_allow_with_redis(client, redis_down):
    # Producer registration: 5 an hour. The per-process count starts at zero
    # when Redis goes: the first attempts pass, as with an empty Redis.
    assert ratelimit.rate_limit_hit(scope="t", key="203.0.113.9", limit=1, window_seconds=60) is False
    assert ratelimit.rate_limit_hit(scope="t", key="203.0.113.9", limit=1, window_seconds=60) is True
    assert ratelimit.rate_limit_hit(scope="t", key="198.51.100.7", limit=1, window_seconds=60) is False


def test_a_catalogue_change_commits_while_redis_is_down(storefront, redis_down, django_capture_on_commit_callbacks):
    product, _story = storefront
    product.title = "ผ้าไหมยกดอก (ใหม่)"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product.save()  # the listing version bump runs after commit, against the dead Redis

    assert callbacks  # the bump ran; a lost one is replayed or expires (catalog/listing_cache.py)
    assert max(listing_cache.FACETS_TTL, listing_cache.SEARCH_TTL) <= 60


def test_the_stock_check_alert_is_still_sent_while_redis_is_down(redis_down, monkeypatch, settings):
    from inventory.services import alerts

    settings.INVENTORY_ALERT_EMAILS = ["center@example.com"]
    monkeypatch.setattr(alerts, "stock_reconcile", lambda repair: ["balance 3 != ledger 4"])

    alerts.stock_ledger_check()

    assert len(mail.outbox) == 1  # an unknown once-a-day guard sends: a second copy beats none
