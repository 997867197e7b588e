"""Dashboard menu access functions (imported by settings: no models here)."""


def can_read(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .views.access import inventory_access

    return inventory_access(user) is not None


def can_write(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .views.access import WRITE, inventory_access

    return inventory_access(user) == WRITE
