"""The catalogue's services send their Celery tasks by registered name and
never import a tasks module (catalog/tasks.py imports them): each name a
service keeps is a task Celery knows under its old name, and no services
module of catalog (its own, the producer side's, search's) imports a tasks
module, not even inside a function. No database."""

import ast
import importlib
from pathlib import Path

import pytest

from shop.celery import app

ROOT = Path(__file__).resolve().parents[3]

TASK_NAMES = [
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
]

# Sent by the beat (shop/settings/celery.py): the names must not change either.
BEAT_TASKS = ["catalog.tasks.warn_expiring_certifications", "catalog.tasks.build_missing_product_image_renditions"]

SERVICES = sorted(
    {
        *(ROOT / "catalog" / "services").glob("*.py"),
        *(ROOT / "catalog" / "producers" / "services").glob("*.py"),
        ROOT / "catalog" / "search" / "services.py",
    }
)


@pytest.mark.parametrize(("module", "constant", "name"), TASK_NAMES)
def test_each_task_a_service_sends_is_a_registered_task_under_its_old_name(module, constant, name):
    app.loader.import_default_modules()

    assert getattr(importlib.import_module(module), constant) == name
    assert name in app.tasks


@pytest.mark.parametrize("name", BEAT_TASKS)
def test_the_beat_tasks_keep_their_names(name):
    app.loader.import_default_modules()

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
