"""Stored events whose processing fails are not lost: they are marked
failed with the error, retried with backoff by the beat sweep, listed for
staff in the admin and replayable with ``manage.py stripe_replay_events``
(issue #16, item 2)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.payment import services
from shop.payment.models import PaymentAttempt, StripeEvent
from shop.payment.services import payment_start, stripe_event_process, stripe_event_store, stripe_events_retry_due

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture
def flaky_sync(monkeypatch):
    """The first application of an event crashes (a bug, a database hiccup)."""
    real = services.payment_intent_sync
    calls = {"n": 0}

    def sync(**kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup")
        return real(**kwargs)

    monkeypatch.setattr(services, "payment_intent_sync", sync)
    return calls


def _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks) -> StripeEvent:
    with django_capture_on_commit_callbacks(execute=True):
        row, _created = stripe_event_store(event=fake_stripe.succeed(attempt.stripe_payment_intent))
    row.refresh_from_db()
    return row


def test_a_crash_while_processing_marks_the_event_failed_with_the_error_and_a_retry_time(
    fake_stripe, attempt, flaky_sync, django_capture_on_commit_callbacks
):
    row = _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks)

    assert row.status == StripeEvent.Status.FAILED
    assert "RuntimeError" in row.error and "database hiccup" in row.error
    assert row.tries == 1 and row.retry_at > timezone.now()
    assert Order.objects.count() == 0
    attempt.refresh_from_db()
    assert attempt.is_open  # nothing of the failed try was kept


def test_the_sweep_retries_a_failed_event_after_its_backoff_and_then_it_is_applied(
    fake_stripe, attempt, flaky_sync, django_capture_on_commit_callbacks
):
    row = _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks)

    assert stripe_events_retry_due(now=row.retry_at - timedelta(seconds=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_events_retry_due(now=row.retry_at + timedelta(seconds=1)) == 1

    row.refresh_from_db()
    assert row.status == StripeEvent.Status.PROCESSED and row.processed_at is not None and row.error == ""
    assert Order.objects.get().status == "paid"


def test_each_failure_waits_longer_and_retries_stop_after_the_last_try(fake_stripe, monkeypatch):
    row = StripeEvent.objects.create(
        event_id="evt_always_broken", type="payment_intent.succeeded", payload={"data": {"object": []}}
    )
    waits = []
    now = timezone.now()
    for _try in range(services.EVENT_MAX_TRIES):
        stripe_event_process(event_row_id=row.pk, now=now)
        row.refresh_from_db()
        if row.retry_at is None:
            break
        waits.append(row.retry_at - now)
        now = row.retry_at

    assert row.status == StripeEvent.Status.FAILED and row.retry_at is None
    assert row.tries == services.EVENT_MAX_TRIES
    assert waits == sorted(waits) and waits[0] < waits[-1]
    assert stripe_events_retry_due(now=now + timedelta(days=1)) == 0


def test_an_event_left_unprocessed_by_a_lost_task_is_picked_up_by_the_sweep(
    fake_stripe, attempt, django_capture_on_commit_callbacks
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    # Stored, but the task never ran (the broker lost it).
    row = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event)

    assert stripe_events_retry_due(now=timezone.now()) == 0  # give the task its chance first
    with django_capture_on_commit_callbacks(execute=True):
        assert stripe_events_retry_due(now=timezone.now() + timedelta(minutes=10)) == 1

    row.refresh_from_db()
    assert row.status == StripeEvent.Status.PROCESSED
    assert Order.objects.count() == 1


def test_staff_replay_failed_events_with_the_command(
    fake_stripe, attempt, flaky_sync, django_capture_on_commit_callbacks, capsys
):
    row = _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("stripe_replay_events", "--failed")

    row.refresh_from_db()
    assert row.status == StripeEvent.Status.PROCESSED
    assert Order.objects.count() == 1
    assert "1 replayed" in capsys.readouterr().out


def test_staff_replay_one_event_by_id_and_a_processed_one_changes_nothing_more(
    fake_stripe, attempt, django_capture_on_commit_callbacks, capsys
):
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    with django_capture_on_commit_callbacks(execute=True):
        stripe_event_store(event=event)
    assert Order.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        call_command("stripe_replay_events", "--id", event["id"])

    assert Order.objects.count() == 1
    assert StripeEvent.objects.get().status == StripeEvent.Status.PROCESSED
    attempt.refresh_from_db()
    assert attempt.order.sources.get().transactions.count() == 1


def test_the_replay_command_refuses_unknown_ids_and_needs_a_choice():
    with pytest.raises(CommandError, match="evt_nope"):
        call_command("stripe_replay_events", "--id", "evt_nope")
    with pytest.raises(CommandError):
        call_command("stripe_replay_events")


def test_office_staff_see_failed_events_with_their_error_in_the_admin(
    admin_client, fake_stripe, attempt, flaky_sync, django_capture_on_commit_callbacks
):
    row = _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks)
    StripeEvent.objects.create(event_id="evt_fine", type="charge.refunded", payload={}, status="processed")

    url = reverse("admin:payment_stripeevent_changelist")
    page = admin_client.get(url, {"status__exact": "failed"})

    html = page.content.decode()
    assert page.status_code == 200
    assert row.event_id in html and "evt_fine" not in html
    assert "database hiccup" in html


def test_an_attempt_is_unchanged_by_a_failed_event(
    fake_stripe, attempt, flaky_sync, django_capture_on_commit_callbacks
):
    _stored_failed(fake_stripe, attempt, django_capture_on_commit_callbacks)

    attempt.refresh_from_db()
    assert attempt.status in PaymentAttempt.OPEN and attempt.order_id is None


def _unprocessed_event(fake_stripe, attempt, *, age: timedelta) -> StripeEvent:
    """An event stored (task lost) `age` ago and never processed."""
    event = fake_stripe.succeed(attempt.stripe_payment_intent)
    row = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event)
    StripeEvent.objects.filter(pk=row.pk).update(received_at=timezone.now() - age)
    return row


def test_the_sweep_processes_recent_received_events_but_not_a_months_old_backlog(fake_stripe, checkout):
    from shop.payment.selectors import stripe_events_due

    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    _unprocessed_event(fake_stripe, attempt, age=timedelta(days=90))
    recent = _unprocessed_event(fake_stripe, attempt, age=timedelta(minutes=30))

    assert stripe_events_due(now=timezone.now(), limit=100) == [recent.pk]


def test_the_migration_turns_the_old_unprocessed_backlog_into_failed_events_for_review(fake_stripe, checkout):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("shop.payment.migrations.0008_hostile_events_and_holds")
    basket, snapshot = checkout
    attempt = payment_start(basket=basket, snapshot=snapshot, method="card")
    old = _unprocessed_event(fake_stripe, attempt, age=timedelta(days=90))
    recent = _unprocessed_event(fake_stripe, attempt, age=timedelta(minutes=30))

    migration.processed_rows_mark(apps, None)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == StripeEvent.Status.FAILED and old.retry_at is None
    assert old.error == "backlog before 0008: review, then replay"
    assert recent.status == StripeEvent.Status.RECEIVED
