"""Who may use the inventory screens (rules in inventory.permissions).

* Center staff and center managers (groups): everything.
* Office staff, office admins and superusers: read-only (GET screens).
* Anyone else logged in: 403. Anonymous: redirected to the login page.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ..permissions import READ, WRITE, inventory_access, user_is_center_manager

__all__ = ["READ", "WRITE", "inventory_access", "inventory_view", "user_is_center_manager"]


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
