"""Fixtures and hooks shared by the whole suite.

Markers (pytest.ini) for tests that need real services are skipped here with
a reason when the service is not configured, so a plain `pytest` on a laptop
passes on SQLite and says what it did not run, and CI (PostgreSQL + Redis)
runs everything.
"""

import pytest

# --- pytest-xdist ----------------------------------------------------------------
# `make test` runs the suite on several workers (--dist loadgroup; each worker
# has its own test database and Redis databases: tests/settings.py). The tests
# under these node id prefixes run on one worker, one after another:
# - the fault drills: each starts a whole production stack (gunicorn, Celery
#   worker and beat, a Redis) and bounds how fast it recovers, which two
#   stacks at once on a 2-CPU machine would blur; their static files
#   (session fixture) are then collected once;
# - the hostile input sweep: its module fixture sweeps every role at once, so
#   roles spread over two workers would each pay for the whole sweep.
# Not with xdist_group marks: pytest-xdist 3.8 groups marked tests by renaming
# their ids, which pytest 9.2 ignores, so they would silently spread out
# (pytest-dev/pytest-xdist#1386). The scheduler below groups by node id (the
# controller never sees the marks); otherwise it is xdist's loadgroup.
XDIST_GROUPS = {
    "tests/integration/faults/": "fault-drills",
    "tests/functional/security/test_hostile_input_sweep.py::test_hostile_query_strings_": "hostile-input-sweep",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    # Work handed out in collection order, not biggest group first: pytest-django
    # orders tests as Django does, transaction=True tests after the others because
    # their flush leaves the database empty (content types included), so the fault
    # drills moved to the front would empty it under the tests that follow them.
    config.option.loadscopereorder = False

    class NodeIdGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            # A work unit: the group of the first matching prefix, else the test alone.
            return next((group for prefix, group in XDIST_GROUPS.items() if nodeid.startswith(prefix)), nodeid)

    return NodeIdGroupScheduling(config, log)


def _database_engine() -> str:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    engine = _database_engine()
    skip_postgres = pytest.mark.skip(
        reason=f"DATABASE_URL is not PostgreSQL (engine is {engine}): "
        "set DATABASE_URL=postgres://... to run this test"
    )
    skip_worker = pytest.mark.skip(
        reason="CELERY_BROKER_URL is not set: no Redis broker to run a real worker against"
    )
    for item in items:
        if "postgres" in item.keywords and engine != "django.db.backends.postgresql":
            item.add_marker(skip_postgres)
        if "celery_worker" in item.keywords and not getattr(settings, "TEST_CELERY_BROKER_URL", ""):
            item.add_marker(skip_worker)


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
