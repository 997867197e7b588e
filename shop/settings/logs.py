"""Logging: everything to the console (the process manager keeps it)."""

from .base import env

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The stripe library logs every request at INFO.
        "stripe": {"level": "WARNING"},
    },
}
