"""The dashboard menu (OSCAR_DASHBOARD_NAVIGATION), assembled from each app's
nav module: Oscar's own sections first, then the office's "Producers", the
producer portal's "My shop", "Inventory" and "Office report".

The settings call ``dashboard_navigation`` once, at start-up: every role
gets the same menu structure, and each entry's access function decides who
sees it (the views check again). The nav modules hold plain functions and
lazy labels, no models, so the settings may import them.
"""

from __future__ import annotations

import copy

from catalog import nav as catalog_nav
from inventory import nav as inventory_nav
from shop.order import nav as order_nav
from shop.reports import nav as reports_nav

# An entry of this URL marks Oscar's catalogue section.
_OSCAR_CATALOGUE_ENTRY = "dashboard:catalogue-product-list"


def _oscar_sections(oscar_menu: list[dict]) -> list[dict]:
    """Oscar's default menu, copied (Oscar's own defaults stay untouched),
    with its catalogue screens staff-only: producer members use the portal,
    whose pages are scoped to their producer."""
    sections = copy.deepcopy(oscar_menu)
    for section in sections:
        children = section.get("children", [])
        if any(child.get("url_name") == _OSCAR_CATALOGUE_ENTRY for child in children):
            for child in children:
                child["access_fn"] = catalog_nav.staff_only
    return sections


def dashboard_navigation(*, oscar_menu: list[dict]) -> list[dict]:
    """The whole menu: ``oscar_menu`` (Oscar's OSCAR_DASHBOARD_NAVIGATION
    default) followed by ours. The portal's "My shop" lists the catalogue's
    pages, then the stock at the center, the sales and the statements."""
    portal_children = [
        *catalog_nav.portal_entries(),
        *inventory_nav.portal_entries(),
        *order_nav.portal_entries(),
        *reports_nav.portal_entries(),
    ]
    return [
        *_oscar_sections(oscar_menu),
        catalog_nav.office_section(),
        catalog_nav.portal_section(children=portal_children),
        inventory_nav.section(),
        reports_nav.section(),
    ]
