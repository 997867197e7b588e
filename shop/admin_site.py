"""Who may open the Django admin (/django-admin/): superusers and office admins.

Every staff role is is_staff because Oscar's dashboard needs it, and Django's
admin lets in any active is_staff user. Center and office staff do their work
in the dashboard (/dashboard/), whose screens go through the services and the
inventory ledger; the admin edits rows directly, so it is kept for the few
people who administer the system. See docs/security.md.
"""

from django.http import HttpRequest

from shop.roles import OFFICE_ADMIN


def django_admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=OFFICE_ADMIN).exists()
