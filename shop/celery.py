"""The Celery application.

Settings come from Django settings under the CELERY_ namespace (see
shop/settings.py). Without CELERY_BROKER_URL tasks run eagerly in-process,
which is the embedded default of `make run`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
