"""One migrated PostgreSQL test database per run, copied for each pytest-xdist worker.

Migrating a test database costs about a minute of CPU (some 365 migrations,
most of it Django rendering model states), and each xdist worker used to
migrate its own, both at once, before its first test. Now:

1. the controller starts one migration in a subprocess (`python -m
   tests.testdb`) as the run begins (else the first worker to finish
   collecting database tests does), into test_<name>, the database a
   one-process run would use;
2. the workers meanwhile run the tests that need no database: the suite is
   ordered so (tests/conftest.py), so the migration runs next to them
   instead of in front of them; they run at the lowest priority (the
   controller's, lowered once the migration has started), so the migration
   keeps a CPU to itself;
3. at its first database test each worker waits for that migration if it
   is still running, and copies the result (CREATE DATABASE
   test_<name>_gwN TEMPLATE test_<name>: a fraction of a second); it drops
   its copy at the end as pytest-django would, and the controller drops
   test_<name> when the run ends.

Only on PostgreSQL, with pytest-xdist workers, migrations on and without
--reuse-db. Otherwise (SQLite, -n 0, --reuse-db, --nomigrations)
pytest-django creates the databases as it always does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
# Where the builder reports to, for one run (xdist's test run id).
RUN_DIR_ENV = "OTOP_TEST_TEMPLATE_DIR"
# A worker gives up waiting for the migration after this long.
WAIT_SECONDS = 20 * 60
# The test processes run at the lowest priority beside the migration (see controller_configure).
MIGRATION_HEAD_START_NICENESS = 19


def _postgres() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _copies_allowed(config) -> bool:
    return _postgres() and not config.getvalue("reuse_db") and not config.getvalue("nomigrations")


def _run_dir(run_id: str) -> Path:
    return Path(tempfile.gettempdir()) / f"otop-test-template-{run_id}"


# --- The controller -----------------------------------------------------------------


def controller_configure(config) -> None:
    """Give the run an id the controller knows too (xdist makes one up for
    the workers otherwise), so it can find and drop the template at the end;
    and start the migration at once, while the workers start and collect
    (seconds), unless only unit tests were asked for (they use no database;
    should a run select database tests anyway, its first worker starts it)."""
    if not getattr(config.option, "numprocesses", None):
        return
    if not config.getoption("testrunuid"):
        import uuid

        config.option.testrunuid = uuid.uuid4().hex
    unit = BASE_DIR / "tests" / "unit"
    paths = [(Path(config.invocation_params.dir) / arg.split("::")[0]).resolve() for arg in config.args]
    if _copies_allowed(config) and not (paths and all(path == unit or unit in path.parents for path in paths)):
        _start_migration(_run_dir(config.option.testrunuid))
        # No database test can start before the migration ends, yet the
        # workers' start-up and unit tests took two thirds of the CPU from it
        # on this 2-CPU machine (three processes, two CPUs). The controller
        # lowers its own priority once the migration has started at the
        # normal one; the workers, started next, inherit it (as does all
        # they start), so the migration keeps a CPU to itself and the
        # database tests start sooner: 30 s sooner here (tests/README.md).
        # Afterwards every test process has the same priority again; the
        # PostgreSQL and Redis servers, at the normal one, answer them first.
        os.nice(MIGRATION_HEAD_START_NICENESS)


def controller_finish(config) -> None:
    """Drop the run's template database (and stop a migration still running
    when the run was cut short)."""
    run_id = config.getoption("testrunuid", None) if getattr(config.option, "numprocesses", None) else None
    if not run_id:
        return
    run_dir = _run_dir(run_id)
    if not run_dir.exists():
        return
    pid_file = run_dir / "pid"
    if pid_file.exists() and not (run_dir / "done").exists() and not (run_dir / "failed").exists():
        try:
            os.kill(int(pid_file.read_text()), 15)
        except (ProcessLookupError, ValueError):
            pass
    name_file = run_dir / "name"
    if name_file.exists():
        import psycopg
        from django.db import connection

        # Straight through psycopg: pytest-django blocks Django's connections here.
        params = {**connection.get_connection_params(), "dbname": "postgres"}
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(
                f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name_file.read_text().strip())} WITH (FORCE)"
            )
    for path in run_dir.iterdir():
        path.unlink()
    run_dir.rmdir()


# --- A worker -------------------------------------------------------------------------


def worker_run_dir(config) -> Path | None:
    """The run's template folder, on a worker where copies are used; else None."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None or not _copies_allowed(config):
        return None
    return _run_dir(workerinput["testrunuid"])


def worker_start_migration(config) -> None:
    """After collection, on the first worker to get here: start the one
    migration of the run in a subprocess (the other workers find it started)."""
    run_dir = worker_run_dir(config)
    if run_dir is not None:
        _start_migration(run_dir)


def _start_migration(run_dir: Path) -> None:
    try:
        run_dir.mkdir()
    except FileExistsError:
        return  # the controller or another worker started it
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_XDIST")}
    env.update({RUN_DIR_ENV: str(run_dir), "DJANGO_SETTINGS_MODULE": "tests.settings"})
    with open(run_dir / "log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.testdb"], cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    (run_dir / "pid").write_text(str(process.pid))


def _wait_for_template(run_dir: Path) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if (run_dir / "failed").exists():
            log = (run_dir / "log").read_text() if (run_dir / "log").exists() else ""
            raise RuntimeError(
                f"migrating the template test database failed:\n{(run_dir / 'failed').read_text()}\n{log}"
            )
        if (run_dir / "done").exists():
            return (run_dir / "name").read_text().strip()
        time.sleep(0.2)
    raise RuntimeError(f"the template test database was not migrated within {WAIT_SECONDS} s ({run_dir})")


def worker_copy_database(run_dir: Path, *, serialize: bool) -> str:
    """This worker's test database as a copy of the run's template; the
    database name to go back to at the end (as Django's create_test_db)."""
    from django.conf import settings
    from django.db import OperationalError, ProgrammingError, connection

    template = _wait_for_template(run_dir)
    target = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    old_name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)} WITH (FORCE)")
        for attempt in range(50):
            try:
                cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
                break
            except (OperationalError, ProgrammingError) as exc:
                # Both workers copying at the same instant: "source database
                # is being accessed by other users" for one of them.
                if "being accessed by other users" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.2)
    settings.DATABASES[connection.alias]["NAME"] = target
    connection.settings_dict["NAME"] = target
    if serialize:  # for serialized_rollback tests, as create_test_db does
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.ensure_connection()
    flush_by_delete(connection)
    return old_name


def django_db_setup_copy(request, django_db_blocker, run_dir: Path):
    """The body of tests/conftest.py's django_db_setup on a worker that copies."""
    from django.db import connection
    from pytest_django.fixtures import _get_databases_for_setup

    _aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        old_name = worker_copy_database(run_dir, serialize="default" in serialized_aliases)
    yield
    with django_db_blocker.unblock():
        try:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        except Exception as exc:
            request.node.warn(pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}"))


# --- Emptying the database after a committing test ---------------------------------------


def flush_by_delete(connection) -> None:
    """After each transaction=True test Django empties every table (~190) with
    one TRUNCATE, which on PostgreSQL makes new files for each table and
    index: 1.5-2.5 s a test. Here DELETE FROM each table instead, with the
    session in replica mode so that neither the foreign keys nor the ledger's
    append-only trigger fire, as they do not for TRUNCATE: the same empty
    tables (sequences are not reset either way) in a few hundredths of a
    second. Replica mode needs a superuser (CI's postgres is one); otherwise,
    and for flushes that reset sequences, Django's TRUNCATE stays."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (superuser,) = cursor.fetchone()
    if not superuser:
        return
    truncate = connection.ops.sql_flush
    quote = connection.ops.quote_name

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # execute_sql_flush runs these in one transaction: SET LOCAL ends with it.
        return ["SET LOCAL session_replication_role = replica", *(f"DELETE FROM {quote(table)}" for table in tables)]

    connection.ops.sql_flush = sql_flush


# --- Data shared by a module's tests --------------------------------------------------


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    """A transaction around a module's tests, for data built once for all of
    them (a module- or class-scoped fixture) and rolled back after the last.
    Database access is allowed only while entering and leaving it: the tests
    still ask for the database themselves (`db`), and pytest-django runs
    each in a savepoint inside it, so what a test writes is undone before
    the next. The module's tests must then run on one xdist worker
    (tests/conftest.py's XDIST_GROUPS), or each worker builds the data."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- The migration subprocess ----------------------------------------------------------


def main() -> int:
    run_dir = Path(os.environ[RUN_DIR_ENV])
    try:
        import django

        django.setup()
        from django.db import connection

        (run_dir / "name").write_text(connection.creation._get_test_db_name())
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
        connection.close()
    except BaseException:
        (run_dir / "failed").write_text(traceback.format_exc())
        return 1
    (run_dir / "done").write_text("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
