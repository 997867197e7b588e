"""Services send their Celery tasks by registered name and never import a
tasks module (docs/architecture.md, shop/outbox/services.py): tasks import
services, so each services/tasks pair runs one way. Every ``*_TASK`` name a
services module keeps must be a task Celery knows, under the name it had
before the move (messages in flight and the beat schedule name them), and no
services module of any app imports a tasks module, not even inside a
function. No database."""

import ast
import importlib
from pathlib import Path

import pytest

from shop.celery import app

ROOT = Path(__file__).resolve().parents[3]

# The names are pinned: a task function may move, its registered name may not.
TASK_NAMES = [
    ("shop.order.services", "SEND_ORDER_EMAIL_TASK", "shop.order.tasks.send_order_email"),
    ("shop.payment.services", "EVENT_PROCESS_TASK", "shop.payment.tasks.payment_event_process"),
    ("shop.payment.services", "ATTEMPT_REJECT_TASK", "shop.payment.tasks.payment_attempt_reject"),
    ("shop.payment.services", "REFUND_NOTIFY_TASK", "shop.payment.tasks.payment_refund_notify"),
    ("shop.reports.services", "EXPORT_BUILD_TASK", "shop.reports.tasks.report_export_build_task"),
    ("catalog.services.images", "RENDITIONS_TASK", "catalog.tasks.build_product_image_renditions"),
    (
        "catalog.producers.services.applications",
        "APPLICATION_RECEIVED_TASK",
        "catalog.tasks.send_producer_application_received",
    ),
    (
        "catalog.producers.services.applications",
        "APPLICATION_DECISION_TASK",
        "catalog.tasks.send_producer_application_decision",
    ),
    ("catalog.producers.services.imports", "IMPORT_TASK", "catalog.tasks.run_product_import"),
    ("catalog.producers.services.listing_decisions", "DECISION_EMAIL_TASK", "catalog.tasks.send_listing_decision"),
    ("catalog.producers.services.members", "INVITATION_EMAIL_TASK", "catalog.tasks.send_member_invitation"),
    ("catalog.search.services", "INDEX_PRODUCT_TASK", "catalog.search.index_product"),
    ("catalog.search.services", "INDEX_PRODUCER_TASK", "catalog.search.index_producer"),
    ("inventory.services.receipts", "NOTIFY_RECEIPT_POSTED_TASK", "inventory.tasks.notify_receipt_posted"),
    ("inventory.services.stock_records", "STOCK_RECORDS_SAVED_TASK", "inventory.tasks.stock_records_saved"),
]

# Sent by the beat (shop/settings/celery.py): their names must not change either.
BEAT_TASKS = ["catalog.tasks.warn_expiring_certifications", "catalog.tasks.build_missing_product_image_renditions"]

APPS = ("shop", "catalog", "inventory", "cms")
SERVICES = sorted(
    {
        path
        for app_dir in APPS
        for path in (ROOT / app_dir).rglob("*.py")
        if path.name == "services.py" or "services" in path.relative_to(ROOT).parts[:-1]
    }
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize(("module", "constant", "name"), TASK_NAMES)
def test_each_task_a_service_sends_is_a_registered_task_under_its_old_name(module, constant, name):
    app.loader.import_default_modules()

    assert getattr(importlib.import_module(module), constant) == name
    assert name in app.tasks


@pytest.mark.parametrize("name", BEAT_TASKS)
def test_the_beat_tasks_keep_their_names(name):
    app.loader.import_default_modules()

    assert name in app.tasks


def test_every_task_name_a_services_module_keeps_is_pinned_above():
    # A new *_TASK constant joins TASK_NAMES, so its name is checked and pinned.
    kept = {
        (_module_name(path), node.targets[0].id)
        for path in SERVICES
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id.endswith("_TASK")
    }

    assert kept == {(module, constant) for module, constant, _name in TASK_NAMES}


def _imported_modules(path: Path) -> set[str]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: str(p.relative_to(ROOT)))
def test_services_never_import_a_tasks_module(path):
    tasks = [name for name in _imported_modules(path) if name == "tasks" or name.endswith(".tasks")]

    assert tasks == []
