from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app; permissions of every app exist only
    # after the last one, so the role groups are synced then. This keeps the
    # groups right on every deploy (`migrate`), not only after demo data.
    if sender.label != list(apps.get_app_configs())[-1].label:
        return
    from shop.common.roles import roles_sync

    roles_sync()


def _sync_site_after_migrate(sender, **kwargs):
    # Connected to the Sites app's own post_migrate (sent on every migrate,
    # as that app has models), after its default-row receiver, which
    # connected first in its ready(). Waiting for the last installed app
    # instead skipped the sync whenever that app had no models: Django sends
    # post_migrate only for apps with models.
    from shop.common.email_links import site_row_sync

    site_row_sync()


class ShopConfig(AppConfig):
    """Project-wide pieces: health check, demo data, roles, context processors."""

    name = "shop"
    label = "shop"
    verbose_name = _("Shop")

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="shop.sync_roles")
        post_migrate.connect(
            _sync_site_after_migrate, sender=apps.get_app_config("sites"), dispatch_uid="shop.sync_site"
        )
        from shop import checks  # noqa: F401  (registers the system checks)
        from shop.common import security

        security.login_failure_counting_connect()
        # After the admin's autodiscovery (its app comes first): no "add" form
        # for Oscar's rows that only code creates (shop/admin_readonly.py).
        from shop.admin_readonly import code_created_rows_no_add_install

        code_created_rows_no_add_install()
