#!/usr/bin/env python
import os
import sys
from pathlib import Path

# The embedded default for commands run in a bare checkout: with nothing
# configured (no DEBUG, SECRET_KEY or DATABASE_URL in the environment and no
# .env file), `manage.py check`, `makemigrations`, `migrate`... run as
# `make run` does (DEBUG on, SQLite) instead of stopping at the production
# guard in shop/settings/base.py. A deployment sets SECRET_KEY, so its commands
# (migrate, check --deploy) keep the production settings; the web server
# (shop/wsgi.py) and Celery never get this default.
PRODUCTION_SIGNS = ("DEBUG", "SECRET_KEY", "DATABASE_URL")

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    bare = not (Path(__file__).resolve().parent / ".env").exists() and not any(
        name in os.environ for name in PRODUCTION_SIGNS
    )
    if bare:
        os.environ["DEBUG"] = "true"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
