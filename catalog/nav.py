"""The catalogue's part of the dashboard menu (OSCAR_DASHBOARD_NAVIGATION,
assembled by shop.dashboard.nav): the office's "Producers" section, the
producer portal's "My shop" section and its entries, and the access
functions that hide Oscar's own catalogue screens from producer members.

Oscar's default access function only knows Oscar's own dashboard apps, so
our entries carry their own. They decide what the menu shows; the views
check again (catalog.producers.selectors). Settings import this module: no models at
import time.
"""

from django.utils.translation import gettext_lazy as _


def office_can_review_applications(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .producers.selectors import user_can_review_applications

    return user_can_review_applications(user)


def office_can_publish(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .producers.selectors import user_is_office

    return user_is_office(user)


def office_can_set_commission_rates(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .producers.selectors import user_can_set_commission_rates

    return user_can_set_commission_rates(user)


def portal_user(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .producers.selectors import user_is_office

    return user_is_office(user) or (user.is_active and user.has_perm("partner.dashboard_access"))


def staff_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Oscar's own catalogue screens: staff only. Producer members use the
    portal, which is scoped to their producer by one selector."""
    from oscar.apps.dashboard.nav import default_access_fn

    return bool(user.is_staff) and default_access_fn(user, url_name, url_args, url_kwargs)


# --- Menu entries -------------------------------------------------------------------------


def office_section() -> dict:
    """The office's queues and producer records."""
    return {
        "label": _("Producers"),
        "icon": "fas fa-users",
        "access_fn": portal_user,
        "children": [
            {
                "label": _("Registrations to review"),
                "url_name": "catalog-office:application-list",
                "access_fn": office_can_review_applications,
            },
            {
                "label": _("Listings to review"),
                "url_name": "catalog-office:listing-list",
                "access_fn": office_can_publish,
            },
            {"label": _("Act for a producer"), "url_name": "catalog-portal:act-as", "access_fn": office_can_publish},
            {
                "label": _("Producers and commission"),
                "url_name": "catalog-office:producer-list",
                "access_fn": office_can_publish,
            },
            {
                "label": _("Commission by product type"),
                "url_name": "catalog-office:product-type-rates",
                "access_fn": office_can_set_commission_rates,
            },
        ],
    }


def portal_section(*, children: list[dict]) -> dict:
    """The producer portal's "My shop" section, with the entries every app
    contributes (shop.dashboard.nav decides their order)."""
    return {"label": _("My shop"), "icon": "fas fa-store", "access_fn": portal_user, "children": children}


def portal_entries() -> list[dict]:
    """The portal's own pages: products, imports, bank details, members, log."""
    return [
        {"label": _("Products"), "url_name": "catalog-portal:product-list", "access_fn": portal_user},
        {"label": _("Bulk import"), "url_name": "catalog-portal:import", "access_fn": portal_user},
        {"label": _("Bank details"), "url_name": "catalog-portal:bank", "access_fn": portal_user},
        {"label": _("Members"), "url_name": "catalog-portal:members", "access_fn": portal_user},
        {"label": _("Activity log"), "url_name": "catalog-portal:audit", "access_fn": portal_user},
    ]
