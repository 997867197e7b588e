"""The inventory's part of the dashboard menu (OSCAR_DASHBOARD_NAVIGATION,
assembled by shop.dashboard.nav): the "Inventory" section of the staff
screens (/dashboard/inventory/, inventory/urls.py) and the producer portal's
stock page, with their access functions. Center staff and managers use the
screens, the office reads (inventory/permissions.py decides; the menu only
mirrors it). Settings import this module: no models at import time."""

from django.utils.translation import gettext_lazy as _


def can_read(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .permissions import inventory_access

    return inventory_access(user) is not None


def can_write(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .permissions import WRITE, inventory_access

    return inventory_access(user) == WRITE


def portal_user(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """The producer portal's stock pages: the portal's own rule."""
    from catalog.nav import portal_user as catalog_portal_user

    return catalog_portal_user(user, url_name, url_args, url_kwargs)


# --- Menu entries -------------------------------------------------------------------------


def section() -> dict:
    """The center's stock screens; writing ones only for those who may write."""
    return {
        "label": _("Inventory"),
        "icon": "fas fa-boxes",
        "access_fn": can_read,
        "children": [
            {"label": _("Receipts"), "url_name": "inventory:receipt-list", "access_fn": can_read},
            {"label": _("Stock"), "url_name": "inventory:stock-list", "access_fn": can_read},
            {"label": _("Movements"), "url_name": "inventory:movement-list", "access_fn": can_read},
            {"label": _("Move stock"), "url_name": "inventory:stock-move", "access_fn": can_write},
            {"label": _("Counts"), "url_name": "inventory:count-list", "access_fn": can_read},
            {"label": _("Pick list"), "url_name": "inventory:pick-list", "access_fn": can_read},
            {"label": _("Counter sale"), "url_name": "inventory:counter-sale-create", "access_fn": can_write},
            {"label": _("Alerts"), "url_name": "inventory:alert-list", "access_fn": can_read},
        ],
    }


def portal_entries() -> list[dict]:
    """The producer's stock at the center (inventory/portal_urls.py), in the
    portal's "My shop" section."""
    return [{"label": _("Stock at the center"), "url_name": "inventory-portal:stock", "access_fn": portal_user}]
