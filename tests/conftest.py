import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads into its own folder; nothing leaks between tests.
    settings.MEDIA_ROOT = str(tmp_path / "media")
