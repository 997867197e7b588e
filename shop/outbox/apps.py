from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """The transactional outbox: every Celery task that follows a commit is
    written as a row in the same transaction, then published (shop/outbox/services.py)."""

    name = "shop.outbox"
    label = "outbox"
    verbose_name = _("Task outbox")
    default_auto_field = "django.db.models.BigAutoField"
