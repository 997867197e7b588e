"""Fixtures and hooks shared by the whole suite.

Markers (pytest.ini) for tests that need real services are skipped here with
a reason when the service is not configured, so a plain `pytest` on a laptop
passes on SQLite and says what it did not run, and CI (PostgreSQL + Redis)
runs everything.
"""

import pytest


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
