# Load the Celery app with Django so @shared_task binds to it and tasks
# can be sent (shop.outbox.services.outbox_send) from any module.
from .celery import app as celery_app

__all__ = ["celery_app"]
