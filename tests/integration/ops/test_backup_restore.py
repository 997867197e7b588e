"""`make backup` and `make restore` end to end, on PostgreSQL.

The shop's data is committed for real (transaction=True; serialized_rollback
puts the migrated center layout back afterwards), backed up by the real make
target in a subprocess, restored by the other target into a database created
for the test, and read back from that database with a separate connection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from oscar.core.loading import get_model
from wagtail.models import Page

from inventory.models import StockMovement
from shop.backups import Backup
from tests.factories.order import order_place, stocked_product
from tests.factories.pages import StoryIndexPageFactory, StoryPageFactory, image_create

Order = get_model("order", "Order")

ROOT = Path(__file__).resolve().parents[3]
POSTGRES_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _database_url(name: str) -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _make(target: str, *, database_url: str, media_root: Path, backup_dir: Path, **variables: str):
    """Run a make target as an operator would, with this interpreter as the
    venv's python and the install step left alone (-o: never reinstall)."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the site's settings, not the tests'
    assignments = [f"{name}={value}" for name, value in {"BACKUP_DIR": str(backup_dir), **variables}.items()]
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", f"PY={sys.executable}", target, *assignments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _admin_connection():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows(database: str, sql: str) -> list[tuple]:
    db = connection.settings_dict
    with psycopg.connect(
        dbname=database,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    ) as restored:
        return restored.execute(sql).fetchall()


def _shop_state(database: str) -> dict:
    """Orders, the ledger and the pages as stored in `database`."""
    return {
        "orders": _rows(database, f"SELECT number, total_incl_tax FROM {Order._meta.db_table} ORDER BY number"),
        "ledger": _rows(
            database,
            f"SELECT id, kind, quantity, product_id, lot_id FROM {StockMovement._meta.db_table} ORDER BY id",
        ),
        "pages": _rows(database, f"SELECT title, url_path, live FROM {Page._meta.db_table} ORDER BY path"),
    }


@pytest.fixture
def shop_with_data(settings):
    """Two orders on stocked products (receipts, put-aways and reservations
    in the ledger), a published story in a story index, and an uploaded image."""
    silk = stocked_product(title="ผ้าไหมยกดอก", quantity=10)
    umbrella = stocked_product(title="ร่มบ่อสร้าง", price="350.00", quantity=6)
    orders = [order_place(lines=[(silk, 2), (umbrella, 1)]), order_place(lines=[(umbrella, 3)])]
    index = StoryIndexPageFactory(parent=Page.objects.get(depth=2))
    story = StoryPageFactory(parent=index, title="ไหมสันกำแพงกับครั่ง")
    image = image_create("Silk on the loom")
    return {"orders": orders, "story": story, "image": image, "media_root": Path(settings.MEDIA_ROOT)}


@pytest.mark.postgres
@POSTGRES_DB
def test_backup_restored_into_a_fresh_database_has_the_same_orders_ledger_pages_and_media(
    shop_with_data, fresh_database, tmp_path
):
    source = connection.settings_dict["NAME"]
    backups = tmp_path / "backups"

    made = _make(
        "backup", database_url=_database_url(source), media_root=shop_with_data["media_root"], backup_dir=backups
    )
    assert made.returncode == 0, made.stderr
    (dump,) = backups.glob("otop-*.dump")
    restored_media = tmp_path / "restored-media"
    restored = _make(
        "restore",
        database_url=_database_url(fresh_database),
        media_root=restored_media,
        backup_dir=backups,
        FILE=str(dump),
    )

    assert restored.returncode == 0, restored.stderr
    expected = _shop_state(source)
    assert len(expected["orders"]) == 2 and len(expected["ledger"]) >= 6 and expected["pages"]
    assert _shop_state(fresh_database) == expected
    image_path = shop_with_data["image"].file.name
    assert (restored_media / image_path).read_bytes() == (shop_with_data["media_root"] / image_path).read_bytes()


@pytest.mark.postgres
@POSTGRES_DB
def test_restore_refuses_a_database_with_data_unless_forced_and_then_replaces_it(
    shop_with_data, fresh_database, tmp_path
):
    source = connection.settings_dict["NAME"]
    backups = tmp_path / "backups"
    target = {
        "database_url": _database_url(fresh_database),
        "media_root": tmp_path / "restored-media",
        "backup_dir": backups,
    }
    assert (
        _make(
            "backup", database_url=_database_url(source), media_root=shop_with_data["media_root"], backup_dir=backups
        ).returncode
        == 0
    )
    (dump,) = backups.glob("otop-*.dump")
    assert _make("restore", FILE=str(dump), **target).returncode == 0

    refused = _make("restore", FILE=str(dump), **target)
    forced = _make("restore", FILE=str(dump), FORCE="1", **target)

    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "FORCE=1" in refused.stderr
    assert forced.returncode == 0, forced.stderr
    # Replaced, not added to: the ledger (which refuses DELETE) holds each row once.
    assert _shop_state(fresh_database) == _shop_state(source)


@pytest.mark.postgres
@POSTGRES_DB
def test_restore_refuses_a_damaged_dump_before_changing_anything(shop_with_data, fresh_database, tmp_path):
    backups = tmp_path / "backups"
    assert (
        _make(
            "backup",
            database_url=_database_url(connection.settings_dict["NAME"]),
            media_root=shop_with_data["media_root"],
            backup_dir=backups,
        ).returncode
        == 0
    )
    (dump,) = backups.glob("otop-*.dump")
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])

    restored = _make(
        "restore",
        database_url=_database_url(fresh_database),
        media_root=tmp_path / "restored-media",
        backup_dir=backups,
        FILE=str(dump),
    )

    assert restored.returncode != 0
    assert "checksum" in restored.stderr
    assert _rows(fresh_database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    assert not (tmp_path / "restored-media").exists()


def test_backup_refuses_sqlite_and_says_to_use_postgresql(tmp_path):
    made = _make(
        "backup",
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        media_root=tmp_path / "media",
        backup_dir=tmp_path / "backups",
    )

    assert made.returncode != 0
    assert "Backups need PostgreSQL" in made.stderr
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    "given",
    [
        "otop-20261126T051500Z.dump",
        "otop-20261126T051500Z.media.tar.gz",
        "otop-20261126T051500Z.json",
        "otop-20261126T051500Z",
    ],
)
def test_any_file_of_a_backup_names_the_whole_backup(given):
    backup = Backup.from_path(Path("backups") / given)

    assert backup.dump == Path("backups/otop-20261126T051500Z.dump")
    assert backup.media == Path("backups/otop-20261126T051500Z.media.tar.gz")
    assert backup.manifest == Path("backups/otop-20261126T051500Z.json")
