"""Who may use the inventory screens.

* Center staff and center managers (groups): everything.
* Office staff, office admins and superusers: read-only (GET screens).
* Anyone else logged in: 403. Anonymous: redirected to the login page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from shop.roles import CENTER_MANAGER, CENTER_STAFF, OFFICE_ADMIN, OFFICE_STAFF

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
    if not user.is_authenticated or not user.is_active:
        return None
    groups = _group_names(user)
    if groups & _WRITE_GROUPS:
        return WRITE
    if user.is_superuser or groups & _READ_GROUPS:
        return READ
    return None


def user_is_center_manager(user) -> bool:
    return user.is_authenticated and user.is_active and CENTER_MANAGER in _group_names(user)


def inventory_view(write: bool = False):
    """Decorator for a view function: ``write=True`` for anything that
    changes data (center staff only); GET screens use the default.

    A read-only user (office) gets 403 on any POST as well."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = inventory_access(request.user)
            needs_write = write or request.method not in ("GET", "HEAD", "OPTIONS")
            if access is None or (needs_write and access != WRITE):
                raise PermissionDenied
            request.inventory_can_write = access == WRITE
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

