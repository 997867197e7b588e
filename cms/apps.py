from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Stories and pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import signals

        # Sent for every page type (sender is the specific class), so connect
        # without a sender; the handlers work for any page.
        page_published.connect(signals.on_page_published, dispatch_uid="cms.page_products_published")
        page_unpublished.connect(signals.on_page_unpublished, dispatch_uid="cms.page_products_unpublished")
