"""System checks for payments: test payments can never be switched on in
production, and a production site without Stripe keys is pointed out."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("payment")
def payment_settings_check(app_configs=None, **kwargs):
    problems = []
    if getattr(settings, "STRIPE_TEST_MODE", None) is True and not settings.DEBUG:
        problems.append(
            Error(
                "STRIPE_TEST_MODE is on while DEBUG is off: test payments would let anyone order without paying.",
                hint="Unset STRIPE_TEST_MODE in production; test payments exist only for development (DEBUG=true).",
                id="payment.E001",
            )
        )
    if not settings.DEBUG and not settings.STRIPE_SECRET_KEY:
        problems.append(
            Warning(
                "STRIPE_SECRET_KEY is not set: customers can only pay at pickup.",
                hint="Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET (see docs/payments.md).",
                id="payment.W001",
            )
        )
    if settings.STRIPE_SECRET_KEY and not settings.STRIPE_WEBHOOK_SECRET:
        problems.append(
            Error(
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: Stripe's webhooks would all be refused.",
                hint="Copy the signing secret (whsec_…) of the /payments/stripe/webhook/ endpoint from Stripe.",
                id="payment.E002",
            )
        )
    return problems
