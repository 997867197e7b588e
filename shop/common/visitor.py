"""What the site header shows of the visitor (issue #18): how many items
the basket holds, the unread notifications, whether to link the dashboard
(and whether Wagtail's editor bar may show).

Asked the usual way, a signed-in customer's header cost eight queries on
every page: Oscar's notifications context processor (a COUNT), Django's
permission check (the user's and their groups' permissions, two; Wagtail's
editor bar asked them too on Wagtail pages), and the
basket middleware's full load for ``request.basket.num_items`` (the basket,
its lines with five prefetches, the vouchers and the offers, because the
middleware applies the offers before anyone can read the count). The header
needs three numbers, read here in one query. The full basket is still
loaded, lazily as before, by the pages that show or change it.

Reads only; the value is lazy and computed at most once a request.
"""

from __future__ import annotations

import functools
from functools import cached_property

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.signing import BadSignature, Signer
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject, empty
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Notification = get_model("communication", "Notification")

DASHBOARD_PERMISSION = ("partner", "dashboard_access")
# What Wagtail's user bar asks (wagtail.admin.userbar): editors only.
CMS_PERMISSION = ("wagtailadmin", "access_admin")


def _basket_loaded(request):
    """``request.basket`` if this request already built it (the basket page,
    a checkout step), else None: then its count costs nothing."""
    basket = getattr(request, "basket", None)
    if basket is None:
        return None
    if isinstance(basket, SimpleLazyObject):
        return None if basket._wrapped is empty else basket._wrapped
    return basket


def _cookie_basket_id(request) -> int | None:
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if not cookie:
        return None
    try:
        return int(Signer().unsign(cookie))
    except (BadSignature, ValueError):
        return -1  # a cookie Oscar's middleware would delete: let it


def _scalar(queryset, *, group: str, value) -> Subquery:
    return Subquery(queryset.order_by().values(group).annotate(n=value).values("n")[:1], output_field=IntegerField())


_USER_SLOT = -7_654_321  # a user id no row has: where the visitor's goes in the statement


def _header_queryset(*, user_id: int):
    """The header's numbers for one user, as one row: unread notifications,
    items in their open baskets, and whether they hold the dashboard and the
    Wagtail admin permissions (given to them or to one of their groups: two
    plain EXISTS each, as an OR over both joins plans far worse)."""
    User = get_user_model()

    def has_perm(app_label: str, codename: str) -> dict[str, Exists]:
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).values("pk")
        groups = Permission.group_set.through.objects.filter(permission_id__in=perm).values("group_id")
        return {
            f"{codename}_user": Exists(
                User.user_permissions.through.objects.filter(user_id=OuterRef("pk"), permission_id__in=perm)
            ),
            f"{codename}_group": Exists(
                User.groups.through.objects.filter(user_id=OuterRef("pk"), group_id__in=groups)
            ),
        }

    unread = Notification.objects.filter(recipient=OuterRef("pk"), date_read__isnull=True)
    lines = Line.objects.filter(basket__owner=OuterRef("pk"), basket__status=Basket.OPEN)
    return (
        User.objects.filter(pk=user_id)
        .annotate(
            unread=Coalesce(_scalar(unread, group="recipient", value=Count("pk")), 0),
            basket_items=Coalesce(_scalar(lines, group="basket__owner", value=Sum("quantity")), 0),
            **has_perm(*DASHBOARD_PERMISSION),
            **has_perm(*CMS_PERMISSION),
        )
        .values_list(
            "unread",
            "basket_items",
            "dashboard_access_user",
            "dashboard_access_group",
            "access_admin_user",
            "access_admin_group",
        )
    )


@functools.cache
def _header_statement() -> tuple[str, tuple, list[int]]:
    """``_header_queryset``'s SQL, compiled once per process: building and
    compiling its subqueries took longer than running it, on every page of
    every signed-in visitor. Its parameters are constants but the user id,
    put in its slots per request."""
    sql, params = _header_queryset(user_id=_USER_SLOT).query.sql_with_params()
    return sql, tuple(params), [i for i, value in enumerate(params) if value == _USER_SLOT]


class VisitorHeader:
    """The header's per-visitor numbers, read on first use."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def _user_row(self) -> dict:
        sql, params, slots = _header_statement()
        params = list(params)
        for slot in slots:
            params[slot] = self.request.user.pk
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row is None:
            return {"unread": 0, "dashboard": False, "cms": False, "basket_items": 0}
        unread, basket_items, dashboard_user, dashboard_group, cms_user, cms_group = row
        return {
            "unread": unread or 0,
            "basket_items": basket_items or 0,
            "dashboard": bool(dashboard_user or dashboard_group),
            "cms": bool(cms_user or cms_group),
        }

    @cached_property
    def basket_count(self) -> int:
        request = self.request
        loaded = _basket_loaded(request)
        if loaded is not None:
            return loaded.num_items
        authenticated = request.user.is_authenticated
        cookie_id = _cookie_basket_id(request)
        if cookie_id is not None and (authenticated or cookie_id < 0):
            # Just signed in with an anonymous basket (Oscar merges it on the
            # full load, and drops the cookie), or a cookie Oscar would drop.
            return request.basket.num_items
        if authenticated:
            return self._user_row["basket_items"]
        if cookie_id is None:
            return 0  # nothing to count, as Oscar's empty Basket() says
        found = (
            Basket.open.filter(pk=cookie_id, owner__isnull=True)
            .annotate(n=Coalesce(Sum("lines__quantity"), 0))
            .values_list("n", flat=True)
            .first()
        )
        if found is None:
            # Submitted or gone: Oscar's full load deletes the stale cookie.
            return request.basket.num_items
        return found

    @cached_property
    def unread_notifications(self) -> int:
        if not self.request.user.is_authenticated:
            return 0
        return self._user_row["unread"]

    @cached_property
    def can_use_dashboard(self) -> bool:
        """Staff, or a producer's member with Oscar's partner dashboard
        permission (what ``perms.partner.dashboard_access`` answered)."""
        user = self.request.user
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_staff or user.is_superuser:
            return True
        return self._user_row["dashboard"]

    @cached_property
    def can_use_cms(self) -> bool:
        """Whether Wagtail's user bar (edit this page) is shown: the
        ``wagtailadmin.access_admin`` permission, asked by the user bar
        itself with two queries for every signed-in visitor."""
        user = self.request.user
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return self._user_row["cms"]


class _RefusedRequestHeader:
    """The header of a page rendered before the auth and basket middleware
    ran: the refusals of the request guard (400), the size caps (413), the
    rate limits (429) and the login lockout. Nobody is known yet, so it
    shows what an anonymous visitor sees, and reads nothing."""

    basket_count = 0
    unread_notifications = 0
    can_use_dashboard = False
    can_use_cms = False


def visitor_header(*, request) -> VisitorHeader | _RefusedRequestHeader:
    """The header state of ``request``'s visitor, shared by everything that
    renders during the request."""
    if not hasattr(request, "user"):
        return _RefusedRequestHeader()
    state = getattr(request, "_visitor_header", None)
    if state is None:
        state = request._visitor_header = VisitorHeader(request)
    return state


def wishlists_with_product(*, user, product) -> list:
    """The signed-in ``user``'s wish lists, each with ``has_product``: what
    the product page's wish-list button shows, in one query (Oscar's
    template asks two: the lists, then those holding the product)."""
    if not user.is_authenticated:
        return []
    WishList = get_model("wishlists", "WishList")
    WishListLine = get_model("wishlists", "Line")
    return list(
        WishList.objects.filter(owner=user).annotate(
            has_product=Exists(WishListLine.objects.filter(wishlist=OuterRef("pk"), product=product))
        )
    )
