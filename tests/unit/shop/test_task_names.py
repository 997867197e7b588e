"""Services send their tasks by registered name and never import a tasks
module (shop/celery.py): each name a service keeps must be a task Celery
knows, and no services module of the Oscar forks, payments or reports
imports a tasks module, not even inside a function. No database."""

import ast
import importlib
from pathlib import Path

import pytest

from shop.celery import app

ROOT = Path(__file__).resolve().parents[3]

TASK_NAMES = [
    ("shop.order.services", "SEND_ORDER_EMAIL_TASK", "shop.order.tasks.send_order_email"),
    ("shop.payment.services", "EVENT_PROCESS_TASK", "shop.payment.tasks.payment_event_process"),
    ("shop.payment.services", "ATTEMPT_REJECT_TASK", "shop.payment.tasks.payment_attempt_reject"),
    ("shop.payment.services", "REFUND_NOTIFY_TASK", "shop.payment.tasks.payment_refund_notify"),
    ("shop.reports.services", "EXPORT_BUILD_TASK", "shop.reports.tasks.report_export_build_task"),
]

SERVICES = sorted(
    path
    for app_dir in ("checkout", "order", "payment", "reports", "customer")
    for path in (ROOT / "shop" / app_dir).rglob("services.py")
)


@pytest.mark.parametrize(("module", "constant", "name"), TASK_NAMES)
def test_each_task_a_service_sends_is_a_registered_task_under_its_old_name(module, constant, name):
    app.loader.import_default_modules()

    assert getattr(importlib.import_module(module), constant) == name
    assert name in app.tasks


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
