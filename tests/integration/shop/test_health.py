"""/healthz/ reports the database, the cache and the Celery broker, and
answers 503 as soon as one of them is down."""

from unittest import mock

import pytest
from django.db import OperationalError, connections

from shop.celery import app as celery_app

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def broker_url(monkeypatch):
    """Point the Celery app at a broker for one test. The health check reads
    the app's configuration (what the app really publishes to). Django
    settings only seed it when the app first loads, and Celery lets the
    CELERY_BROKER_URL environment variable win over its configuration, so
    the fixture sets both."""
    original = celery_app.conf.broker_url

    def use(url):
        if url:
            monkeypatch.setenv("CELERY_BROKER_URL", url)
        else:
            monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
        celery_app.conf.broker_url = url
        assert celery_app.conf.broker_url == url

    yield use
    monkeypatch.undo()
    celery_app.conf.broker_url = original


def test_healthz_reports_each_component(client, broker_url):
    broker_url("")

    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "celery_broker": "eager"},
    }


def test_healthz_is_never_cached(client):
    response = client.get("/healthz/")

    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_for_load_balancers(client):
    assert client.head("/healthz/").status_code == 200


def test_healthz_refuses_post(client):
    assert client.post("/healthz/").status_code == 405


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    # The driver's error for a server that went away, raised where the check
    # opens its cursor.
    down = OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "error: OperationalError"
    assert body["checks"]["cache"] == "ok"


def test_healthz_answers_503_when_the_cache_fails(client):
    with mock.patch("shop.health.cache.get", side_effect=ConnectionError("redis went away")):
        response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"


def test_healthz_answers_503_when_the_configured_broker_is_unreachable(client, broker_url):
    broker_url(CLOSED_PORT_BROKER)

    response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["celery_broker"].startswith("error: ")
    assert body["checks"]["database"] == "ok"


@pytest.mark.celery_worker
def test_healthz_reports_a_reachable_broker_as_ok(client, broker_url, settings):
    broker_url(settings.TEST_CELERY_BROKER_URL)

    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json()["checks"]["celery_broker"] == "ok"
