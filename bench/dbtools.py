"""Create, reset and migrate the benchmark databases (PostgreSQL only).

Migrating an empty database takes about a minute here, so the first
migrated database is kept as a template (``<name>_template``) and every
other benchmark database (the scale sweep makes one per size) is copied
from it with ``createdb -T`` in a second or two.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/otop_bench"
TEMPLATE_SUFFIX = "_template"


def database_url_default() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def database_url_with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _conn_args(url: str) -> tuple[list[str], str, dict]:
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"The benchmark needs PostgreSQL, got {parts.scheme}:// ({url}).")
    args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = parts.password
    return args, parts.path.lstrip("/"), env


def database_exists(url: str) -> bool:
    args, name, env = _conn_args(url)
    out = subprocess.run(
        ["psql", *args, "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return out.stdout.strip() == "1"


def _migrate(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, DEBUG="true", DJANGO_SETTINGS_MODULE="shop.settings")
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"], env=env, check=True)


def database_copy(source_url: str, url: str) -> None:
    """createdb -T: a copy of a database nobody is connected to."""
    args, name, env = _conn_args(url)
    _args, source, _env = _conn_args(source_url)
    subprocess.run(["createdb", *args, "-T", source, name], env=env, check=True)


def database_ensure(url: str, *, reset: bool = False, template: str = "") -> None:
    """Make sure the database exists and is migrated (copied from the
    template, default <name>_template, which is made on first use)."""
    args, name, env = _conn_args(url)
    if reset and database_exists(url):
        print(f"Dropping {name}", flush=True)
        subprocess.run(["dropdb", *args, name], env=env, check=True)
    template = template or name + TEMPLATE_SUFFIX
    template_url = database_url_with_name(url, template)
    if not database_exists(url):
        if not database_exists(template_url):
            print(f"Creating and migrating the template database {template} (about a minute)", flush=True)
            subprocess.run(["createdb", *args, template], env=env, check=True)
            _migrate(template_url)
        print(f"Creating {name} from {template}", flush=True)
        subprocess.run(["createdb", *args, "-T", template, name], env=env, check=True)
    # New migrations since the template was made (other issues keep adding them).
    _migrate(url)
