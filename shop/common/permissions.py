"""Permissions by HTTP method for Oscar's dashboard apps.

Oscar gates each dashboard URL with ONE permission list, checked whatever
the method. Several of its views read on GET and write on POST under the
same URL, gated by the read permission only: the partner page
(partner-manage, an UpdateView behind ``partner.view_partner``) let center
staff rename a producer's partner record (issue #16), and the same pattern
sits in the category lists (bulk hide/show behind ``view_category``), the
order list and detail (bulk status changes, notes behind ``view_order``), the
offer detail (suspend behind ``view_conditionaloffer``), the user list (bulk
deactivate behind ``view_user``), the review list (bulk moderation behind
``view_productreview``) and the shipping method detail (adds weight bands
behind ``view_weightbased``).

``WritePermissionsMixin`` lets an app config name, per URL name, what an
unsafe method (POST, PUT, PATCH, DELETE) needs on top; safe methods keep
Oscar's map. Both checks are Oscar's own ``permissions_required``, so an
anonymous visitor is still sent to the dashboard login and a logged-in user
without the permission gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from oscar.views.decorators import permissions_required

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def method_permissions_required(*, read, write, login_url) -> Callable:
    """A view decorator: ``read`` permissions for safe methods, ``write``
    permissions for the others (Oscar's list / tuple-of-lists format)."""

    def decorator(view):
        read_view = permissions_required(read, login_url=login_url)(view) if read else view
        write_view = permissions_required(write, login_url=login_url)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            chosen = read_view if request.method in SAFE_METHODS else write_view
            return chosen(request, *args, **kwargs)

        return wrapped

    return decorator


class WritePermissionsMixin:
    """For an Oscar dashboard app config: ``write_permissions_map`` maps a URL
    name to the permissions a POST to it needs (a list: all of them). URL
    names not in it keep Oscar's single check."""

    write_permissions_map: dict[str, list[str]] = {}

    def get_url_decorator(self, pattern):
        write = self.write_permissions_map.get(pattern.name)
        if write is None:
            return super().get_url_decorator(pattern)
        return method_permissions_required(
            read=self.get_permissions(pattern.name), write=write, login_url=self.login_url
        )
