"""Every Celery task of the project is safe to run twice.

With CELERY_TASK_ACKS_LATE a task whose worker dies is delivered again, and
a beat task can overlap with itself, so a second run of the same message
must change nothing. For each task registered in shop.celery's app, the
table below sets up realistic data, the test runs the task (eagerly, through
``Task.apply``) once, checks that it did its work, runs it again and
compares the whole database, the sent emails and the stored files after the
second run with the state after the first.

A task without an entry in CASES fails `test_every_registered_task_has_a_case`,
so a new task cannot skip this check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import pathlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model

from shop.celery import app
from tests.factories.catalog import (
    CertificationFactory,
    OtopProductTypeFactory,
    ProducerApplicationFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    category_get_or_create,
    producer_member,
)

from .snapshot import snapshot_take

pytestmark = pytest.mark.django_db

PROJECT_PACKAGES = ("catalog", "cms", "inventory", "shop")
REPO = pathlib.Path(__file__).resolve().parents[3]


@dataclass
class Prepared:
    """What a case hands the runner: the task's arguments, an assertion on
    the first run (so the test fails if the task did nothing), when to run
    (a frozen clock for tasks that read the date) and effects outside the
    database and the outbox to compare as well (a fake Stripe's refunds)."""

    args: list
    check: Callable[[Any], None]
    at: dt.datetime | None = None
    outside: Callable[[], tuple] = field(default=lambda: ())
    ignore: dict[str, set[str]] = field(default_factory=dict)


CASES: dict[str, Callable[[pytest.FixtureRequest], Prepared]] = {}


def case(name: str):
    def register(setup):
        CASES[name] = setup
        return setup

    return register


def project_tasks() -> set[str]:
    """Names of the tasks a worker of shop.celery registers that are ours
    (not Celery's built-ins): the same autodiscovery the worker runs."""
    app.loader.import_default_modules()
    return {
        name
        for name, task in app.tasks.items()
        if (getattr(task, "__module__", "") or "").split(".")[0] in PROJECT_PACKAGES
    }


def _emails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def _bkk(*args) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime(*args, tzinfo=ZoneInfo("Asia/Bangkok"))


# --- shop ---------------------------------------------------------------------------------


@case("shop.tasks.ping")
def _ping(request):
    def check(result):
        assert result == "pong"

    return Prepared(args=[], check=check)


@case("shop.outbox.tasks.outbox_relay")
def _outbox_relay(request):
    from shop.outbox.models import Heartbeat, OutboxMessage

    at = _bkk(2026, 1, 5, 9)
    # A message the broker did not take at commit, due again now.
    message = OutboxMessage.objects.create(
        task_name="shop.tasks.ping",
        args=[],
        created_at=at - timedelta(minutes=2),
        next_attempt_at=at - timedelta(seconds=5),
        attempts=1,
        last_error="OperationalError: refused",
    )

    def check(result):
        message.refresh_from_db()
        assert result["sent"] == 1 and message.sent_at is not None
        assert Heartbeat.objects.filter(name="outbox-relay", beat_at=at).exists()

    # The clock is frozen: the heartbeat of the second run is the same instant.
    return Prepared(args=[], check=check, at=at)


# --- catalogue ----------------------------------------------------------------------------


@case("catalog.tasks.build_product_image_renditions")
def _renditions(request):
    image = ProductImageFactory()

    def check(result):
        image.refresh_from_db()
        assert result is True and image.renditions_ready
        assert image.renditions

    return Prepared(args=[image.pk], check=check)


@case("catalog.tasks.build_missing_product_image_renditions")
def _missing_renditions(request):
    image = ProductImageFactory()
    # Older than the sweep's grace period (its own task would have run).
    type(image).objects.filter(pk=image.pk).update(date_created=timezone.now() - timedelta(hours=1))

    def check(result):
        image.refresh_from_db()
        assert result == 1 and image.renditions_ready

    return Prepared(args=[], check=check)


@case("catalog.tasks.send_producer_application_received")
def _application_received(request):
    application = ProducerApplicationFactory(email="weaver@example.com")

    def check(result):
        assert result is True and len(_emails_to("weaver@example.com")) == 1

    return Prepared(args=[application.pk], check=check)


@case("catalog.tasks.send_producer_application_decision")
def _application_decision(request):
    application = ProducerApplicationFactory(email="weaver@example.com")
    type(application).objects.filter(pk=application.pk).update(
        status="rejected", decided_at=timezone.now(), decision_reason="Please add a photo of the workshop."
    )

    def check(result):
        assert result is True and len(_emails_to("weaver@example.com")) == 1

    return Prepared(args=[application.pk], check=check)


@case("catalog.tasks.run_product_import")
def _product_import(request):
    from catalog.producers.services.imports import import_job_create
    from tests.integration.catalog.test_imports import csv_upload, row

    OtopProductTypeFactory(code="textiles")
    category_get_or_create("silk", "ผ้าไหม · Silk", parent=category_get_or_create("textiles", "ผ้า · Textiles"))
    producer = ProducerFactory()
    member = producer_member(producer, username="importer", email="importer@example.com")
    # Sent on commit, which never comes inside the test's transaction: the
    # job stays queued until the runner applies the task.
    job = import_job_create(producer=producer, actor=member, upload=csv_upload([row(sku="IMP-1"), row(sku="IMP-2")]))
    StockRecord = get_model("partner", "StockRecord")

    def check(result):
        assert result == "succeeded"
        assert StockRecord.objects.filter(partner=producer.partner, partner_sku__in=["IMP-1", "IMP-2"]).count() == 2

    return Prepared(args=[job.pk], check=check)


@case("catalog.tasks.warn_expiring_certifications")
def _certifications(request):
    product = ProductFactory(producer=ProducerFactory(email="weavers@example.com"))
    CertificationFactory(product=product, expiry_date=timezone.localdate() + timedelta(days=10))
    Warning = get_model("catalogue", "CertificationExpiryWarning")

    def check(result):
        assert result == 1 and Warning.objects.count() == 1
        assert len(_emails_to("weavers@example.com")) == 1

    return Prepared(args=[], check=check)


@case("catalog.tasks.send_listing_decision")
def _listing_decision(request):
    from catalog.producers.services.listing_decisions import listing_decision_record

    product = ProductFactory(producer=ProducerFactory(email="weavers@example.com"))
    decision = listing_decision_record(product=product, decision="published", comment="", actor=None)

    def check(result):
        assert result is True and len(_emails_to("weavers@example.com")) == 1

    return Prepared(args=[decision.pk], check=check)


@case("catalog.tasks.send_member_invitation")
def _member_invitation(request):
    from catalog.producers.services.members import producer_member_add

    producer = ProducerFactory()
    owner = producer_member(producer, username="owner", email="owner@example.com")
    invitation = producer_member_add(producer=producer, actor=owner, email="new.member@example.com")

    def check(result):
        assert result is True and len(_emails_to("new.member@example.com")) == 1

    return Prepared(args=[invitation.pk], check=check)


# --- search -------------------------------------------------------------------------------


def _index_entries(obj) -> int:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).count()


@case("catalog.search.index_product")
def _index_product(request):
    product = ProductFactory(title="ผ้าไหมมัดหมี่", title_en="Mudmee silk")

    def check(result):
        assert result is True and _index_entries(product) == 1

    return Prepared(args=[product.pk], check=check)


@case("catalog.search.index_producer")
def _index_producer(request):
    producer = ProducerFactory(name_en="Ton Pao Weavers")
    product = ProductFactory(producer=producer)

    def check(result):
        assert result == 1 and _index_entries(producer) == 1 and _index_entries(product) == 1

    return Prepared(args=[producer.pk], check=check)


# --- inventory ----------------------------------------------------------------------------


@case("inventory.tasks.release_expired_reservations")
def _release_reservations(request):
    from inventory.models import Reservation, StockBalance
    from inventory.services import reservation_create
    from tests.factories.order import stocked_product

    product = stocked_product(quantity=5)
    reservation_create(reference="basket:4711", lines=[(product.pk, 2)], now=timezone.now() - timedelta(hours=1))

    def check(result):
        assert result >= 1
        assert not Reservation.objects.filter(reference="basket:4711", status="active").exists()
        assert sum(StockBalance.objects.filter(product=product).values_list("reserved", flat=True)) == 0

    return Prepared(args=[], check=check)


@case("inventory.tasks.check_stock_ledger")
def _check_stock_ledger(request):
    from inventory.models import StockBalance
    from tests.factories.order import stocked_product

    request.getfixturevalue("settings").INVENTORY_ALERT_EMAILS = ["center@example.com"]
    product = stocked_product(quantity=5)
    # What a stray UPDATE would do: the nightly check must report it.
    StockBalance.objects.filter(product=product, location__code="SKP-A-01").update(on_hand=9)

    def check(result):
        assert result == 1 and len(_emails_to("center@example.com")) == 1

    return Prepared(args=[], check=check)


@case("inventory.tasks.send_alert_digest")
def _alert_digest(request):
    from inventory.models import AlertDigest
    from tests.factories.order import stocked_product

    request.getfixturevalue("settings").INVENTORY_ALERT_EMAILS = ["center@example.com"]
    stocked_product(quantity=1)  # at or below the low-stock default of 3

    def check(result):
        assert result >= 1 and AlertDigest.objects.count() == 1
        assert len(_emails_to("center@example.com")) == 1

    return Prepared(args=[], check=check)


@case("inventory.tasks.notify_receipt_posted")
def _receipt_posted(request):
    from inventory.models import Receipt
    from tests.factories.order import stocked_product

    product = stocked_product(producer=ProducerFactory(email="weavers@example.com"), quantity=3)
    receipt = Receipt.objects.get(producer=product.producer)

    def check(result):
        assert result is True and len(_emails_to("weavers@example.com")) == 1

    return Prepared(args=[receipt.pk], check=check)


@case("inventory.tasks.stock_records_saved")
def _stock_records_saved(request):
    from tests.factories.order import stocked_product

    ProductAlert = get_model("customer", "ProductAlert")
    StockAlert = get_model("partner", "StockAlert")
    product = stocked_product(quantity=2)
    record = product.stockrecords.get()
    type(record).objects.filter(pk=record.pk).update(low_stock_threshold=5)
    customer = UserFactory(username="waiting", email="waiting@example.com")
    alert = ProductAlert.objects.create(product=product, user=customer, status=ProductAlert.ACTIVE)

    def check(result):
        alert.refresh_from_db()
        assert result == 1
        assert alert.status == ProductAlert.CLOSED  # "back in stock" told once
        assert StockAlert.objects.filter(stockrecord=record, status=StockAlert.OPEN).count() == 1

    return Prepared(args=[[record.pk]], check=check)


# --- orders and payments ------------------------------------------------------------------


@case("shop.order.tasks.send_order_email")
def _order_email(request):
    from shop.order.models import OrderNotification
    from tests.factories.order import order_place, stocked_product

    order = order_place(lines=[(stocked_product(quantity=3), 1)], email="tourist@example.com")

    def check(result):
        assert result is True and OrderNotification.objects.filter(order=order, event="received").count() == 1
        assert len(_emails_to("tourist@example.com")) == 1

    return Prepared(args=[order.pk, "received", ""], check=check)


@case("shop.order.tasks.order_emails_sweep")
def _order_emails_sweep(request):
    from shop.outbox.models import OutboxMessage
    from tests.factories.order import order_place, stocked_product

    at = _bkk(2026, 1, 5, 9)
    order = order_place(lines=[(stocked_product(quantity=3), 1)], email="tourist@example.com")
    # Paid 20 minutes ago, and neither email ever sent: the "received"
    # message left the outbox and was lost with the broker.
    type(order).objects.filter(pk=order.pk).update(paid_at=at - timedelta(minutes=20))
    OutboxMessage.objects.filter(sent_at__isnull=True).update(sent_at=at - timedelta(minutes=25))

    def check(result):
        queued = OutboxMessage.objects.filter(task_name="shop.order.tasks.send_order_email", sent_at__isnull=True)
        assert result == 2
        assert sorted(m.args[1] for m in queued if m.args[0] == order.pk) == ["paid", "received"]

    # The test's transaction never commits, so the queued emails wait in the
    # outbox: the second run must see them there and queue nothing more.
    return Prepared(args=[], check=check, at=at)


def _checkout(request, *, method: str):
    from shop.payment.services import payment_start
    from tests.factories.payment import checkout_ready, stocked_product

    fake = request.getfixturevalue("fake_stripe")
    product = stocked_product(price="450.00", quantity=5)
    basket, snapshot = checkout_ready(lines=[(product, 2)])
    return fake, product, basket, payment_start(basket=basket, snapshot=snapshot, method=method)


def _fake_stripe_state(fake) -> Callable[[], tuple]:
    return lambda: (
        tuple(sorted((r["payment_intent"], r["amount"]) for r in fake.refunds.values())),
        tuple(sorted((pi_id, fake.payment_intent(pi_id)["status"]) for pi_id in fake.payment_intents)),
    )


@case("shop.payment.tasks.payment_event_process")
def _payment_event(request):
    from shop.payment.services import stripe_event_store

    fake, _product, _basket, attempt = _checkout(request, method="card")
    row, _created = stripe_event_store(event=fake.succeed(attempt.stripe_payment_intent))
    Order = get_model("order", "Order")

    def check(result):
        attempt.refresh_from_db()
        assert "succeeded" in result
        assert Order.objects.filter(number=attempt.order_number).count() == 1

    return Prepared(args=[row.pk], check=check, outside=_fake_stripe_state(fake))


@case("shop.payment.tasks.payment_attempt_reject")
def _payment_reject(request):
    from shop.payment.models import PaymentAttempt
    from shop.payment.services import payment_intent_sync

    fake, product, basket, attempt = _checkout(request, method="card")
    # The basket changed in another tab after the PaymentIntent was made:
    # the payment cannot become an order and is flagged for a refund.
    basket.thaw()
    basket.add_product(product, 1)
    basket.freeze()
    payment_intent_sync(payment_intent=fake.succeed(attempt.stripe_payment_intent)["data"]["object"])
    attempt.refresh_from_db()
    assert attempt.needs_refund

    def check(result):
        assert result == PaymentAttempt.Status.REFUNDED
        assert len(fake.refunds) == 1

    return Prepared(args=[attempt.pk], check=check, outside=_fake_stripe_state(fake))


@case("shop.payment.tasks.payment_attempts_expire")
def _payments_expire(request):
    from shop.payment.models import PaymentAttempt

    fake, _product, _basket, attempt = _checkout(request, method="promptpay")

    def check(result):
        attempt.refresh_from_db()
        assert result == 1 and attempt.status == PaymentAttempt.Status.EXPIRED

    return Prepared(
        args=[], check=check, at=attempt.qr_expires_at + timedelta(seconds=1), outside=_fake_stripe_state(fake)
    )


@case("shop.payment.tasks.payment_events_retry")
def _payment_events_retry(request):
    from shop.payment.models import StripeEvent

    fake, _product, _basket, attempt = _checkout(request, method="card")
    event = fake.succeed(attempt.stripe_payment_intent)
    # Stored ten minutes ago, but its task was lost (the broker went down).
    row = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payload=event)
    StripeEvent.objects.filter(pk=row.pk).update(received_at=timezone.now() - timedelta(minutes=10))
    Order = get_model("order", "Order")

    def check(result):
        row.refresh_from_db()
        assert result == 1 and row.status == StripeEvent.Status.PROCESSED
        assert Order.objects.filter(number=attempt.order_number).count() == 1

    return Prepared(args=[], check=check, outside=_fake_stripe_state(fake))


@case("shop.payment.tasks.payment_refund_notify")
def _payment_refund_notify(request):
    from shop.payment.services import payment_attempt_reject, payment_intent_sync

    fake, _product, _basket, attempt = _checkout(request, method="card")
    # A charge that does not match the total: refunded, the buyer is told.
    payment_intent_sync(payment_intent=fake.succeed(attempt.stripe_payment_intent, amount=100)["data"]["object"])
    payment_attempt_reject(attempt_id=attempt.pk)

    def check(result):
        assert result is True and len(mail.outbox) == 1

    return Prepared(args=[attempt.pk], check=check, outside=_fake_stripe_state(fake))


# --- reports ------------------------------------------------------------------------------


@case("shop.reports.tasks.report_export_build_task")
def _report_export(request):
    from shop.reports.models import ReportExport
    from shop.reports.services import report_export_request
    from tests.factories.reports import report_viewer

    export = report_export_request(user=report_viewer(), period_key="2568-q1", file_format="xlsx", language="en")

    def check(result):
        export.refresh_from_db()
        assert result == ReportExport.Status.DONE and export.file.name

    return Prepared(args=[export.pk], check=check)


@case("shop.reports.tasks.settlements_generate_for_last_month")
def _settlements(request):
    from shop.reports.models import SettlementStatement
    from tests.factories.reports import paid_order, priced_product

    scarf = priced_product("450.00")
    paid_order(placed=_bkk(2025, 1, 10, 10), lines=[(scarf, 2, "450.00", "0.15")])

    def check(result):
        assert result == 1
        statement = SettlementStatement.objects.get()
        assert statement.lines.count() == 1 and statement.net_payable == Decimal("765.00")

    # Regenerating a draft statement replaces its lines with equal ones
    # under new primary keys (shop.reports.services.settlement_generate):
    # the same content, nothing counted twice, so the ids are left out.
    return Prepared(args=[], check=check, at=_bkk(2025, 2, 1, 9), ignore={"otop_reports_settlementline": {"id"}})


# --- The tests ----------------------------------------------------------------------------


def test_every_registered_task_has_a_case():
    registered = project_tasks()
    assert registered, "no project task was discovered"
    missing = sorted(registered - set(CASES))
    assert not missing, f"tasks without a run-twice case in {__name__}.CASES: {missing}"
    stale = sorted(set(CASES) - registered)
    assert not stale, f"cases for tasks that are no longer registered: {stale}"


def test_every_tasks_module_in_the_project_is_discovered_by_the_worker():
    """A task module the worker's autodiscovery misses would be received as
    an unregistered task: each tasks.py of the project must be found."""
    registered = project_tasks()
    paths = sorted(path for package in PROJECT_PACKAGES for path in (REPO / package).rglob("tasks.py"))
    assert paths
    for path in paths:
        relative = path.relative_to(REPO)
        module = importlib.import_module(".".join(relative.with_suffix("").parts))
        ours = {
            task.name
            for task in vars(module).values()
            if getattr(task, "__module__", None) == module.__name__ and hasattr(task, "apply")
        }
        assert ours <= registered, f"{relative}: {sorted(ours - registered)} not registered by shop.celery"


@pytest.mark.parametrize("name", sorted(CASES))
def test_running_a_task_twice_changes_nothing_the_first_run_did_not(name, request, mailoutbox):
    task = app.tasks[name] if name in project_tasks() else pytest.fail(f"{name} is not a registered task")
    prepared = CASES[name](request)

    def run():
        with time_machine.travel(prepared.at, tick=False) if prepared.at else contextlib.nullcontext():
            return task.apply(args=prepared.args, throw=True).get()

    def snapshot():
        return snapshot_take(extra=prepared.outside(), ignore=prepared.ignore)

    before = snapshot()
    first = run()
    after_first = snapshot()
    prepared.check(first)
    assert before != after_first or name == "shop.tasks.ping", "the first run changed nothing"

    run()
    after_second = snapshot()

    assert after_second == after_first, "the second run changed: " + "; ".join(after_first.differences(after_second))


def test_the_comparison_sees_a_second_email(mailoutbox):
    """The check can fail: a task body that emails on every run is caught."""
    from django.core.mail import send_mail

    send_mail("once", "body", None, ["a@example.com"])
    first = snapshot_take()
    send_mail("once", "body", None, ["a@example.com"])
    assert snapshot_take() != first


def test_the_comparison_sees_a_changed_row(db):
    producer = ProducerFactory()
    first = snapshot_take()
    type(producer).objects.filter(pk=producer.pk).update(name_en="Renamed")
    assert snapshot_take().differences(first) != []
