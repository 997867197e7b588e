"""Settings for the Chiang Mai OTOP marketplace (DJANGO_SETTINGS_MODULE=shop.settings).

One package for every environment, driven by environment variables
(django-environ; every variable is listed in docs/configuration.md). DEBUG
is off unless set, and then SECRET_KEY and ALLOWED_HOSTS are required
(SITE_URL too, by system check shop.E001). With DEBUG=true and nothing else
set (`make run`, and manage.py in a bare checkout) you get the embedded
default: SQLite at db.sqlite3, local-memory cache, Celery tasks run eagerly,
emails printed to the console. Production sets DATABASE_URL,
CELERY_BROKER_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and SITE_URL.

One module per concern; each setting is defined in exactly one of them, and
a module that needs another's value imports it by name from that module
(never through this package).
"""

# Read in this order, like one settings file; no module depends on it (each
# imports what it needs by name), so it is kept for the reader, not for Python.
# isort: off
from .base import *  # paths, environment, DEBUG, hosts, SITE_URL, database, languages, templates
from .apps import *  # INSTALLED_APPS and MIDDLEWARE, each in full and in order
from .storage import *  # static files, media, S3
from .cache import *  # Redis cache, page cache
from .mail import *  # email
from .security import *  # headers, cookies, CSP, logins, rate limits, upload caps
from .celery import *  # Celery and the whole beat schedule
from .oscar import *  # Oscar: defaults, shop, orders, dashboard menu, thumbnails
from .wagtail import *  # Wagtail admin and images
from .search import *  # the search engine
from .payments import *  # Stripe
from .producers import *  # registration, portal, commission
from .inventory import *  # stock holds, alerts, counts
from .reports import *  # PDF fonts
from .health import *  # /healthz/status/ thresholds
from .logs import *  # logging
# isort: on

# `from shop.settings import *` (tests/settings.py, bench/shop_settings.py)
# takes the settings only, not this package's modules or helpers.
__all__ = [name for name in dir() if name.isupper()]
