"""The Celery app takes its configuration from the CELERY_ settings, and
without a broker tasks run in-process."""

from celery.contrib.django.task import DjangoTask

from shop.celery import app
from shop.tasks import ping


def test_celery_app_reads_reliability_settings_from_django_settings():
    # A task is acknowledged only after it ran, and re-queued if its worker dies.
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_celery_app_sends_and_accepts_only_json():
    assert app.conf.task_serializer == "json"
    assert app.conf.result_serializer == "json"
    assert list(app.conf.accept_content) == ["json"]


def test_celery_app_limits_task_time_and_keeps_bangkok_time():
    assert app.conf.task_soft_time_limit == 240
    assert app.conf.task_time_limit == 300
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.timezone == "Asia/Bangkok"
    # Redis re-delivers a task not acknowledged within this time: it must
    # exceed the hard time limit, or a running task is handed out twice.
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit


def test_a_killed_workers_task_comes_back_within_ten_minutes_but_never_while_it_may_still_run():
    # Issue 17: the visibility timeout was an hour, so a task of a worker
    # killed with SIGKILL ran again only an hour later.
    options = app.conf.broker_transport_options
    scan_period = options["unacked_restore_interval"] * options["unacked_restore_throttle"]
    assert options["visibility_timeout"] + scan_period <= 600
    # About twice the hard limit: above a full run plus the longest autoretry
    # countdown (2**7 s), so a slow task is never handed to a second worker.
    assert options["visibility_timeout"] >= app.conf.task_time_limit + 2**7
    assert options["visibility_timeout"] >= 1.9 * app.conf.task_time_limit - 2 * scan_period


def test_a_publish_to_a_dead_broker_gives_up_within_seconds():
    # The outbox publishes from web requests (shop/outbox/services.py).
    options = app.conf.broker_transport_options
    assert options["socket_connect_timeout"] <= 2 and options["socket_timeout"] <= 5


def test_eager_mode_runs_a_delayed_task_in_process_and_returns_its_result():
    # The embedded default (no CELERY_BROKER_URL) and the test settings.
    assert app.conf.task_always_eager is True

    result = ping.delay()

    assert result.get(timeout=1) == "pong"
    assert result.successful()


def test_ping_is_registered_under_its_module_name():
    assert app.tasks["shop.tasks.ping"].run() == "pong"


def test_tasks_offer_delay_on_commit():
    # The Django fixup gives every task of the app Celery's Django task class,
    # which has delay_on_commit (see the convention in shop/celery.py).
    assert isinstance(ping, DjangoTask)
