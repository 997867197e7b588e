"""Health in three answers (shop/health.py):

* /healthz/live/: the process answers, touching nothing;
* /healthz/ready/ and /healthz/ (the load balancer's): the database only,
  503 when it is unreachable, 200 when the cache or the broker is down
  (issue 17: a Redis outage answered 503 and took every web process out);
* /healthz/status/ (monitoring: staff or a token): broker, cache, worker
  heartbeat, outbox backlog, oldest unprocessed Stripe event, with alerts."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from shop.celery import app as celery_app
from shop.outbox.models import Heartbeat, OutboxMessage
from shop.payment.models import StripeEvent
from tests.factories.catalog import UserFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://:s3cret-password@127.0.0.1:1/0"  # nothing listens on port 1
TOKEN = "status-token-for-tests"
DATABASE_DOWN = OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


@pytest.fixture
def broker_url(monkeypatch):
    """Point the Celery app at a broker for one test. The health check reads
    the app's configuration (what the app really publishes to). Django
    settings only seed it when the app first loads, and Celery lets the
    CELERY_BROKER_URL environment variable win over its configuration, so
    the fixture sets both."""
    original = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def use(url, *, eager=True):
        if url:
            monkeypatch.setenv("CELERY_BROKER_URL", url)
        else:
            monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = eager
        assert celery_app.conf.broker_url == url

    yield use
    monkeypatch.undo()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = original


@pytest.fixture
def monitor(client, settings):
    """A client the status page answers: the monitoring system's token."""
    settings.HEALTH_STATUS_TOKEN = TOKEN
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"
    return client


# --- liveness ------------------------------------------------------------------------------


def test_liveness_answers_without_touching_the_database_or_the_cache(client, django_assert_num_queries):
    with (
        django_assert_num_queries(0),
        mock.patch("shop.health.cache.get", side_effect=ConnectionError("redis went away")),
        mock.patch.object(connections["default"], "cursor", side_effect=DATABASE_DOWN),
    ):
        response = client.get("/healthz/live/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


# --- readiness -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/healthz/ready/", "/healthz/"])
def test_readiness_reports_the_database(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_readiness_is_never_cached(client):
    assert "no-cache" in client.get("/healthz/")["Cache-Control"]


def test_readiness_answers_head_for_load_balancers(client):
    assert client.head("/healthz/ready/").status_code == 200
    assert client.head("/healthz/").status_code == 200


def test_readiness_refuses_post(client):
    assert client.post("/healthz/").status_code == 405


@pytest.mark.parametrize("path", ["/healthz/ready/", "/healthz/"])
def test_readiness_answers_503_when_the_database_is_unreachable(client, path):
    # The driver's error for a server that went away, raised where the check
    # opens its cursor.
    with mock.patch.object(connections["default"], "cursor", side_effect=DATABASE_DOWN):
        response = client.get(path)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "error: OperationalError"}}


def test_readiness_stays_200_when_the_cache_fails(client):
    # The site serves without its cache (it fails open): a Redis outage must
    # not take every web process out of the load balancer.
    with mock.patch("shop.health.cache.get", side_effect=ConnectionError("redis went away")):
        response = client.get("/healthz/")

    assert response.status_code == 200


def test_readiness_stays_200_when_the_broker_is_unreachable(client, broker_url):
    # Tasks wait in the outbox while the broker is down.
    broker_url(CLOSED_PORT_BROKER)

    assert client.get("/healthz/ready/").status_code == 200


# --- status: who may read it ---------------------------------------------------------------


def test_the_status_page_is_refused_to_anonymous_visitors_and_customers(client, settings):
    settings.HEALTH_STATUS_TOKEN = TOKEN
    assert client.get("/healthz/status/").status_code == 403

    client.force_login(UserFactory(is_staff=False))
    assert client.get("/healthz/status/").status_code == 403


def test_the_status_page_is_refused_with_a_wrong_token_and_with_any_token_when_none_is_set(client, settings):
    settings.HEALTH_STATUS_TOKEN = TOKEN
    assert client.get("/healthz/status/", HTTP_AUTHORIZATION="Bearer guessed").status_code == 403

    settings.HEALTH_STATUS_TOKEN = ""
    assert client.get("/healthz/status/", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_the_status_page_answers_staff_and_the_monitoring_token(client, monitor):
    assert monitor.get("/healthz/status/").status_code == 200

    client.defaults.pop("HTTP_AUTHORIZATION")
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/healthz/status/").status_code == 200


# --- status: what it shows -----------------------------------------------------------------


def test_the_status_page_reports_every_component_of_an_eager_site(monitor, broker_url):
    broker_url("")

    response = monitor.get("/healthz/status/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "alerts": [],
        "checks": {
            "database": "ok",
            "cache": "ok",
            "celery_broker": "eager",
            "worker": {"status": "eager", "last_seen_seconds": None},
            "outbox": {"status": "ok", "unsent": 0, "oldest_unsent_seconds": None},
            "stripe_events": {"status": "ok", "unprocessed": 0, "oldest_unprocessed_seconds": None},
        },
    }


def test_the_status_page_alerts_on_a_broker_it_cannot_reach_without_showing_its_address(monitor, broker_url):
    broker_url(CLOSED_PORT_BROKER)

    response = monitor.get("/healthz/status/")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["celery_broker"].startswith("error: ")
    assert "broker_down" in body["alerts"]
    assert "s3cret" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


def test_the_status_page_alerts_on_a_cache_that_fails(monitor):
    with mock.patch("shop.health.cache.get", side_effect=ConnectionError("redis went away")):
        response = monitor.get("/healthz/status/")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"
    assert response.json()["alerts"] == ["cache_down"]


def test_the_status_page_calls_the_worker_stale_when_the_relay_has_not_run_for_minutes(monitor, broker_url, settings):
    broker_url(CLOSED_PORT_BROKER, eager=False)
    Heartbeat.objects.create(
        name="outbox-relay", beat_at=timezone.now() - timedelta(seconds=settings.HEALTH_WORKER_STALE_SECONDS + 30)
    )

    body = monitor.get("/healthz/status/").json()

    assert body["checks"]["worker"]["status"] == "stale"
    assert body["checks"]["worker"]["last_seen_seconds"] >= settings.HEALTH_WORKER_STALE_SECONDS + 30
    assert "worker_stale" in body["alerts"]


def test_the_status_page_finds_the_worker_alive_after_a_recent_relay_run(monitor, broker_url):
    broker_url(CLOSED_PORT_BROKER, eager=False)
    Heartbeat.objects.create(name="outbox-relay", beat_at=timezone.now() - timedelta(seconds=20))

    assert monitor.get("/healthz/status/").json()["checks"]["worker"]["status"] == "ok"


def test_the_status_page_shows_the_outbox_backlog_and_alerts_when_its_oldest_message_is_late(monitor, settings):
    now = timezone.now()
    for age in (settings.HEALTH_OUTBOX_ALERT_SECONDS + 60, 5):
        OutboxMessage.objects.create(
            task_name="shop.tasks.ping", args=[], created_at=now - timedelta(seconds=age), next_attempt_at=now
        )
    OutboxMessage.objects.create(task_name="shop.tasks.ping", args=[], created_at=now, next_attempt_at=now, sent_at=now)

    response = monitor.get("/healthz/status/")

    outbox = response.json()["checks"]["outbox"]
    assert outbox["status"] == "backlog" and outbox["unsent"] == 2
    assert outbox["oldest_unsent_seconds"] >= settings.HEALTH_OUTBOX_ALERT_SECONDS + 60
    assert response.json()["alerts"] == ["outbox_backlog"] and response.status_code == 503


def test_the_status_page_shows_the_oldest_unprocessed_stripe_event(monitor, settings):
    late = StripeEvent.objects.create(event_id="evt_late", type="payment_intent.succeeded", payload={})
    StripeEvent.objects.filter(pk=late.pk).update(
        received_at=timezone.now() - timedelta(seconds=settings.HEALTH_STRIPE_EVENT_ALERT_SECONDS + 60)
    )
    StripeEvent.objects.create(
        event_id="evt_done",
        type="payment_intent.succeeded",
        payload={},
        status=StripeEvent.Status.PROCESSED,
        processed_at=timezone.now(),
    )

    body = monitor.get("/healthz/status/").json()

    events = body["checks"]["stripe_events"]
    assert events["status"] == "late" and events["unprocessed"] == 1
    assert events["oldest_unprocessed_seconds"] >= settings.HEALTH_STRIPE_EVENT_ALERT_SECONDS + 60
    assert body["alerts"] == ["stripe_events_late"]


def test_the_status_page_still_answers_when_the_database_is_down(monitor):
    with mock.patch.object(connections["default"], "cursor", side_effect=DATABASE_DOWN):
        response = monitor.get("/healthz/status/")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "error: OperationalError"
    assert body["checks"]["outbox"] == {"status": "error: OperationalError"}
    assert "database_down" in body["alerts"]


@pytest.mark.celery_worker
def test_the_status_page_reports_a_reachable_broker_as_ok(monitor, broker_url, settings):
    broker_url(settings.TEST_CELERY_BROKER_URL)

    response = monitor.get("/healthz/status/")

    assert response.json()["checks"]["celery_broker"] == "ok"
