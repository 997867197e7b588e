"""Who may do what with the center's stock (no views, no models here, so
services, views and the dashboard menu can all ask).

* Center staff and center managers (groups): every staff screen.
* Center managers only: approving count variances above the threshold and
  writing stock off.
* Office staff, office admins and superusers: read-only.
* Producers: their own stock, in the producer portal (catalog.producers.selectors).
"""

from shop.common.roles import CENTER_MANAGER, CENTER_STAFF, OFFICE_ADMIN, OFFICE_STAFF

WRITE = "write"
READ = "read"

_WRITE_GROUPS = frozenset({CENTER_STAFF, CENTER_MANAGER})
_READ_GROUPS = frozenset({OFFICE_STAFF, OFFICE_ADMIN})


def _group_names(user) -> frozenset:
    cached = getattr(user, "_inventory_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._inventory_groups = cached
    return cached


def inventory_access(user) -> str | None:
    """WRITE, READ or None for a user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    groups = _group_names(user)
    if groups & _WRITE_GROUPS:
        return WRITE
    if user.is_superuser or groups & _READ_GROUPS:
        return READ
    return None


def user_is_center_manager(user) -> bool:
    """Approves large count variances and write-offs."""
    return bool(user is not None and user.is_authenticated and user.is_active and CENTER_MANAGER in _group_names(user))
