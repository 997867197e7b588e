"""pytest fixtures for the fake Stripe server. Payment test packages import
them in their conftest: ``from tests.fakestripe.fixtures import fake_stripe``."""

import pytest

from .server import FakeStripe

SECRET_KEY = "sk_test_fake_otop"
WEBHOOK_SECRET = "whsec_fake_otop"


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    """A fresh fake Stripe on 127.0.0.1:<free port>; the shop's settings
    point at it (STRIPE_API_BASE) with its keys, for this test only."""
    # The stripe library waits 0.5 s, then 1 s... before retrying a 5xx or a
    # dropped connection: the same retries, without the wait (the fake answers at once).
    from stripe._http_client import HTTPClient

    monkeypatch.setattr(HTTPClient, "INITIAL_DELAY", 0.01)
    monkeypatch.setattr(HTTPClient, "MAX_DELAY", 0.05)
    fake = FakeStripe(secret_key=SECRET_KEY, webhook_secret=WEBHOOK_SECRET).start()
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake_otop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    yield fake
    fake.stop()


WEBHOOK_PATH = "/payments/stripe/webhook/"


def webhook_post(client, fake: FakeStripe, event: dict, **sign):
    """Deliver ``event`` to the shop's webhook through the Django test client,
    signed like Stripe signs it (``sign``: secret=…, timestamp=… to break it)."""
    body, header = fake.signed(event, **sign)
    return client.post(WEBHOOK_PATH, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
