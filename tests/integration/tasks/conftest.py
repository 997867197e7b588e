"""The payment cases of test_run_twice need the fake Stripe server."""

from tests.fakestripe.fixtures import fake_stripe  # noqa: F401  (fixture)
