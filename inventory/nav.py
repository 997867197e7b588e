"""Dashboard menu access functions (imported by settings: no models here)."""


def can_read(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .views.access import inventory_access

    return inventory_access(user) is not None


def can_write(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .views.access import WRITE, inventory_access

    return inventory_access(user) == WRITE


def portal_user(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """The producer portal's stock pages: the portal's own rule."""
    from catalog.nav import portal_user as catalog_portal_user

    return catalog_portal_user(user, url_name, url_args, url_kwargs)
