"""Payments (shop.payment: Stripe cards and PromptPay; docs/payments.md)."""

from .base import env

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
# Also opens the Content-Security-Policy to Stripe.js (security.py).
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Where the Stripe library sends API calls: Stripe's own API unless set (the
# tests point it at the fake server in tests/fakestripe/).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# Test payments ("TEST PAYMENT – no money moves") are offered only with DEBUG
# on and no STRIPE_SECRET_KEY. STRIPE_TEST_MODE=false switches them off in
# development too; STRIPE_TEST_MODE=true with DEBUG off is refused by a system
# check (shop/payment/checks.py) and by the code that starts a test payment.
STRIPE_TEST_MODE = env.bool("STRIPE_TEST_MODE", default=None)
# How long a PromptPay QR may be paid (Stripe's PaymentIntent has no expiry
# of its own): shorter than INVENTORY_RESERVATION_MINUTES so the stock held
# for the QR is still there when the customer pays at the last minute.
STRIPE_PROMPTPAY_QR_MINUTES = env.int("STRIPE_PROMPTPAY_QR_MINUTES", default=10)
