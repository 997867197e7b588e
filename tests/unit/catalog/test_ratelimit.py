"""shop.common.ratelimit: a fixed window per key on Django's cache."""

from django.test import RequestFactory

from shop.common.ratelimit import client_ip, rate_limit_hit


def test_the_limit_is_reached_after_limit_attempts_in_one_window():
    hits = [rate_limit_hit(scope="t", key="1.2.3.4", limit=3, window_seconds=60, now=1000.0) for _ in range(4)]

    assert hits == [False, False, False, True]


def test_another_key_or_scope_has_its_own_count():
    for _ in range(3):
        rate_limit_hit(scope="t", key="1.2.3.4", limit=3, window_seconds=60, now=1000.0)

    assert not rate_limit_hit(scope="t", key="5.6.7.8", limit=3, window_seconds=60, now=1000.0)
    assert not rate_limit_hit(scope="other", key="1.2.3.4", limit=3, window_seconds=60, now=1000.0)


def test_the_next_window_starts_from_zero():
    for _ in range(4):
        rate_limit_hit(scope="t", key="k", limit=3, window_seconds=60, now=1000.0)

    assert not rate_limit_hit(scope="t", key="k", limit=3, window_seconds=60, now=1000.0 + 60)


def test_the_client_ip_ignores_x_forwarded_for_unless_proxies_are_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")

    settings.RATE_LIMIT_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.RATE_LIMIT_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"  # what our one proxy saw, not what the client claimed
