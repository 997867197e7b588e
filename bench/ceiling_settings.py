"""Settings for the trivial-view ceiling (bench/ceiling_urls.py): Django's
request/response cycle and nothing else: no database, no sessions, no
templates. DEBUG is off, like every benchmark target."""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-ceiling-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.ceiling_urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DATABASES: dict = {}
USE_TZ = True
WSGI_APPLICATION = None
