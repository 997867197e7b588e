"""The fake Stripe API server used by the payment tests (see server.py)."""

from .server import FakeStripe, form_decode, stripe_signature

__all__ = ["FakeStripe", "form_decode", "stripe_signature"]
