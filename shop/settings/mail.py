"""Email: console in development, SMTP (EMAIL_URL) in production."""

from .base import DEBUG, env

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# SMTP in one URL (smtp+tls://user:password@host:587): sets EMAIL_BACKEND
# from its scheme, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD and EMAIL_USE_TLS/EMAIL_USE_SSL.
if "EMAIL_URL" in env.ENVIRON:
    globals().update(env.email_url("EMAIL_URL"))
# Sender of customer and staff emails (Oscar's too: OSCAR_FROM_EMAIL in oscar.py).
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OTOP Chiang Mai <shop@otop-chiangmai.example>")
