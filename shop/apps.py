from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app; permissions of every app exist only
    # after the last one, so the role groups are synced then. This keeps the
    # groups right on every deploy (`migrate`), not only after demo data.
    if sender.label != list(apps.get_app_configs())[-1].label:
        return
    from shop.roles import roles_sync

    roles_sync()


class ShopConfig(AppConfig):
    """Project-wide pieces: health check, demo data, roles, context processors."""

    name = "shop"
    label = "shop"
    verbose_name = _("Shop")

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="shop.sync_roles")
