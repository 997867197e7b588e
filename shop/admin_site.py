"""Who may open the Django admin (/django-admin/): superusers and office admins.

Every staff role is is_staff because Oscar's dashboard needs it, and Django's
admin lets in any active is_staff user. Center and office staff do their work
in the dashboard (/dashboard/), whose screens go through the services and the
inventory ledger; the admin edits rows directly, so it is kept for the few
people who administer the system. See docs/security.md.
"""

from django.http import HttpRequest

from shop.common.roles import OFFICE_ADMIN


def django_admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=OFFICE_ADMIN).exists()


def changelist_overflow_fix_install() -> None:
    """Django's date hierarchy (``?date_created__year=``) builds
    ``datetime(int(year), ...)`` and catches only ValueError, so a year of 20
    digits raised OverflowError: a 500 on every admin list with a date
    hierarchy (found by the hostile-input sweep, issue 16). Turned into the
    admin's own answer to bad lookups (IncorrectLookupParameters: a redirect
    to ``?e=1``). Called once from shop/urls.py, next to the permission rule."""
    from django.contrib.admin.options import IncorrectLookupParameters
    from django.contrib.admin.views.main import ChangeList

    original = ChangeList.get_filters
    if getattr(original, "overflow_safe", False):
        return

    def get_filters(self, request):
        try:
            return original(self, request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc

    get_filters.overflow_safe = True
    ChangeList.get_filters = get_filters
