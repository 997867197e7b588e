"""Unit tests run without a database.

pytest-django already refuses the ORM to a test that is not marked (the
"Database access not allowed" error); this refuses the way in, so a unit
test cannot ask for the database either: a django_db mark or a database
fixture (directly or through another fixture) is an error here. A test that
needs the database belongs in tests/integration/<app>/ (tests/README.md).
"""

import pytest

DATABASE_FIXTURES = frozenset({
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "django_db_setup",
    "django_capture_on_commit_callbacks", "live_server",
})  # fmt: skip
# (Not django_db_blocker: pytest-django's own autouse fixtures ask for it in every test.)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture is set up, so a stray test does not first create the test database.
    wanted = sorted(DATABASE_FIXTURES.intersection(item.fixturenames))
    if item.get_closest_marker("django_db") is not None:
        wanted.insert(0, "the django_db mark")
    if wanted:
        pytest.fail(
            f"a unit test uses the database ({', '.join(wanted)}): move it to tests/integration/<app>/",
            pytrace=False,
        )
