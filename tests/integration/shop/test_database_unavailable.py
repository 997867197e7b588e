"""While the database is unreachable, buyers get the "back in a moment"
page (shop/unavailable.py): 503 with Retry-After, in their language, made
without a query; scripts and Stripe get a JSON 503. Other errors keep the
500 page. Before issue #17 they all saw Django's bare 500 page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client, RequestFactory

from shop.unavailable import RETRY_AFTER_SECONDS, server_error

pytestmark = pytest.mark.django_db


def _refuse(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture
def database_down(settings, monkeypatch, home_page):
    """Every query, and every new connection, fails as with PostgreSQL
    stopped (the test's own transaction stays open underneath)."""
    settings.DEBUG = False
    monkeypatch.setattr(connection, "ensure_connection", _refuse)
    monkeypatch.setattr(connection, "cursor", _refuse)


@pytest.fixture
def visitor():
    # The test client re-raises a view's exception by default; a browser
    # sees the response.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(("url", "headers", "language", "words"), [
    ("/", {}, "th", "ลองอีกครั้ง"),
    ("/shop/catalogue/", {"HTTP_ACCEPT_LANGUAGE": "en"}, "th", "ลองอีกครั้ง"),  # no prefix: Thai, as the URL says
    ("/en/shop/catalogue/", {}, "en", "Try again"),
    ("/zh-hans/", {}, "zh-hans", "重试"),
], ids=["thai home", "thai url, english browser", "english", "chinese"])  # fmt: skip
def test_a_database_outage_shows_the_back_in_a_moment_page_in_the_visitors_language(
    visitor, database_down, url, headers, language, words
):
    response = visitor.get(url, **headers)

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Language"] == language
    assert f'<html lang="{language}"' in html
    assert words in html
    assert "no-store" in response["Cache-Control"]


def in_outage(request):
    """handler500 as Django calls it: inside the except block of the error."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        return server_error(request)


def test_the_back_in_a_moment_page_makes_no_query(django_assert_num_queries):
    request = RequestFactory().get("/en/shop/catalogue/", HTTP_COOKIE="sessionid=abc")

    with django_assert_num_queries(0):  # the database answers here: any query would be counted
        response = in_outage(request)

    assert response.status_code == 503


def test_scripts_get_a_json_503(visitor, database_down):
    response = visitor.get("/en/shop/search/suggest/?q=silk", HTTP_ACCEPT="application/json")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "unavailable", "retry_after": RETRY_AFTER_SECONDS}
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_the_stripe_webhook_gets_a_json_503_so_stripe_retries():
    request = RequestFactory().post(
        "/payments/stripe/webhook/", data=b"{}", content_type="application/json", HTTP_ACCEPT="*/*"
    )

    response = in_outage(request)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"


def test_any_other_error_still_gets_the_500_page(visitor, settings, monkeypatch, home_page):
    settings.DEBUG = False

    def bug(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(connection, "cursor", bug)
    response = visitor.get("/en/")

    assert response.status_code == 500
    assert "Retry-After" not in response
