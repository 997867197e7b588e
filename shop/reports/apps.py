from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "shop.reports"
    label = "otop_reports"
    verbose_name = _("Office reports and settlements")
    default_auto_field = "django.db.models.AutoField"
