"""The reports' part of the dashboard menu (OSCAR_DASHBOARD_NAVIGATION,
assembled by shop.dashboard.nav): the office's "Office report" section and
the producer portal's statements, with their access functions. The views
check again. Settings import this module: no models at import time."""

from django.utils.translation import gettext_lazy as _

from catalog.nav import portal_user


def office_can_view_reports(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("otop_reports.view_office_report"))


def office_can_manage_settlements(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return office_can_view_reports(user) and user.has_perm("otop_reports.manage_settlements")


# --- Menu entries -------------------------------------------------------------------------


def section() -> dict:
    """The quarterly report and the producers' settlements."""
    return {
        "label": _("Office report"),
        "icon": "fas fa-chart-bar",
        "children": [
            {
                "label": _("Quarterly report"),
                "url_name": "otop-reports:dashboard",
                "access_fn": office_can_view_reports,
            },
            {
                "label": _("Producer settlements"),
                "url_name": "otop-reports:settlement-list",
                "access_fn": office_can_manage_settlements,
            },
        ],
    }


def portal_entries() -> list[dict]:
    """A producer's settlement statements, in the portal's "My shop"
    section: the portal's own rule."""
    return [
        {"label": _("Settlement statements"), "url_name": "otop-reports:portal-statements", "access_fn": portal_user}
    ]
