"""Fixtures and hooks shared by the whole suite.

Markers (pytest.ini) for tests that need real services are skipped here with
a reason when the service is not configured, so a plain `pytest` on a laptop
passes on SQLite and says what it did not run, and CI (PostgreSQL + Redis)
runs everything.
"""

import pytest

from tests import testdb

# --- pytest-xdist ----------------------------------------------------------------
# `make test` runs the suite on several workers (--dist loadgroup; each worker
# has its own test database and Redis databases: tests/settings.py). The tests
# under these node id prefixes run on one worker, one after another:
# - the fault drills: each starts a whole production stack (gunicorn, Celery
#   worker and beat, a Redis) and bounds how fast it recovers, which two
#   stacks at once on a 2-CPU machine would blur; their static files
#   (session fixture) are then collected once;
# - the hostile input sweep: its module fixture sweeps every role at once, so
#   roles spread over two workers would each pay for the whole sweep;
# - the modules that build their data once for all their tests (the demo
#   data, tests/factories/demo.py; the search corpus; the i18n shop): split
#   over two workers, each would build it.
# Not with xdist_group marks: pytest-xdist 3.8 groups marked tests by renaming
# their ids, which pytest 9.2 ignores, so they would silently spread out
# (pytest-dev/pytest-xdist#1386). The scheduler below groups by node id (the
# controller never sees the marks); otherwise it is xdist's loadgroup.
XDIST_GROUPS = {
    "tests/integration/faults/": "fault-drills",
    "tests/functional/security/test_hostile_input_sweep.py::test_hostile_query_strings_": "hostile-input-sweep",
    "tests/integration/shop/demo/": "demo",  # one load for the package (its conftest.py)
    "tests/functional/search/test_demo_searches.py": "demo-searches",
    # The search corpus, built once per module (tests/integration/search/conftest.py).
    "tests/functional/search/test_search_pages.py": "search-pages",
    "tests/functional/search/test_suggestions_and_corrections.py": "search-suggestions",
    "tests/integration/search/test_browse.py": "search-browse",
    "tests/integration/search/test_ranked_ids_backend.py": "search-ranked-ids",
    "tests/integration/search/test_relevance.py": "search-relevance",
    # The shop of the translation check, built once (tests/functional/i18n/conftest.py).
    "tests/functional/i18n/test_no_english_left.py": "i18n-pages",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    # Work handed out in collection order (pytest_collection_modifyitems below),
    # not biggest group first: transaction=True tests come after the other
    # database tests because their flush leaves the database empty (content
    # types included), so the fault drills moved to the front would empty it
    # under the tests that follow them.
    config.option.loadscopereorder = False

    class NodeIdGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            # A work unit: the group of the first matching prefix, else the test alone.
            return next((group for prefix, group in XDIST_GROUPS.items() if nodeid.startswith(prefix)), nodeid)

    return NodeIdGroupScheduling(config, log)


def _database_engine() -> str:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"]


def _database_use(item) -> int:
    """0: no database; 1: the database (in a transaction rolled back after
    the test, or through a class or module fixture); 2: committed for real
    (transaction=True, which flushes the database afterwards)."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if (marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or (
        fixtures & {"transactional_db", "live_server", "django_db_reset_sequences"}
    ):
        return 2
    return 1 if marker is not None or fixtures & {"db", "django_db_setup"} else 0


def _run_order(items) -> None:
    """Tests without a database first, then database tests, then committing
    ones (pytest-django orders the last two the same way, and puts the first
    last). First, because on pytest-xdist the test database is migrated
    meanwhile (tests/testdb.py). A group of XDIST_GROUPS stays together, at
    the place of its heaviest member."""
    group_of = {item: next((g for p, g in XDIST_GROUPS.items() if item.nodeid.startswith(p)), None) for item in items}
    group_use: dict[str, int] = {}
    for item, group in group_of.items():
        if group is not None:
            group_use[group] = max(group_use.get(group, 0), _database_use(item))
    items.sort(key=lambda item: group_use[group_of[item]] if group_of[item] else _database_use(item))


# trylast: after pytest-django's own ordering, which this one refines.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    _run_order(items)
    if any(_database_use(item) for item in items):
        testdb.worker_start_migration(config)

    engine = _database_engine()
    skip_postgres = pytest.mark.skip(
        reason=f"DATABASE_URL is not PostgreSQL (engine is {engine}): set DATABASE_URL=postgres://... to run this test"
    )
    skip_worker = pytest.mark.skip(reason="CELERY_BROKER_URL is not set: no Redis broker to run a real worker against")
    for item in items:
        if "postgres" in item.keywords and engine != "django.db.backends.postgresql":
            item.add_marker(skip_postgres)
        if "celery_worker" in item.keywords and not getattr(settings, "TEST_CELERY_BROKER_URL", ""):
            item.add_marker(skip_worker)


# --- Test databases (tests/testdb.py) ---------------------------------------------------


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        testdb.controller_configure(config)


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):
        testdb.controller_finish(session.config)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test databases, except on an xdist worker on
    PostgreSQL: a copy of the run's one migrated database (tests/testdb.py)."""
    run_dir = testdb.worker_run_dir(request.config)
    if run_dir is not None:
        yield from testdb.django_db_setup_copy(request, django_db_blocker, run_dir)
        return
    # pytest-django's own django_db_setup (pytest_django/fixtures.py).
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb,
        )
        from django.db import connection

        testdb.flush_by_delete(connection)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            try:
                teardown_databases(db_cfg, verbosity=request.config.option.verbose)
            except Exception as exc:
                request.node.warn(pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads into its own folder; nothing leaks between tests.
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _empty_cache():
    # The database is rolled back after each test but the cache is not: Wagtail
    # caches the site root paths, Oscar caches navigation. With REDIS_URL the
    # cache even outlives the run. Start every test from an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _celery_join_allowed():
    # Celery's "result.get() here would wait on itself" flag is one global of
    # the process, set and restored around every eager task. Eager tasks run
    # by two threads at once (the concurrency tests) can restore it out of
    # order and leave it set; any later result.get() in that process then
    # fails with "Never call result.get() within a task!", depending on which
    # tests ran before it in the same process (xdist changes that order).
    # Every test starts with it cleared, as in a fresh process.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield


@pytest.fixture(autouse=True)
def _default_language():
    # A request through LocaleMiddleware leaves its language active in the
    # thread afterwards; without a reset a test's messages would depend on
    # which URL the previous test fetched. Every test starts in Thai, the
    # site's default (translation.override("en") where a test needs English).
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def home_page(db):
    """The site's HomePage in Thai, with published English and Chinese
    translations, so /, /en/ and /zh-hans/ each serve their own page."""
    from tests.factories.pages import install_home_page

    return install_home_page()
