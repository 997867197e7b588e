import oscar.apps.dashboard.orders.apps as apps
from oscar.core.loading import get_class

from shop.common.permissions import WritePermissionsMixin


class OrdersDashboardConfig(WritePermissionsMixin, apps.OrdersDashboardConfig):
    """Oscar's order dashboard for the office and the center, forked so that
    status changes go through shop.order.services (stock, emails, pipeline)
    and producers do not get in: a producer sees only its own order lines,
    in the producer portal (shop/order/portal_views.py)."""

    name = "shop.dashboard.orders"

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        view = DashboardPermission.get("order", "view_order")
        change = DashboardPermission.get("order", "view_order", "change_order")
        self.permissions_map = {
            "order-list": (view,),
            "order-stats": (view,),
            "order-detail": (view,),
            "order-detail-note": (change,),
            "order-line-detail": (view,),
            "order-shipping-address": (change,),
        }
        # The list's bulk actions and the detail page's notes and fulfilment
        # steps are POSTs under URLs gated by view_order alone
        # (shop/common/permissions.py); the detail view still decides
        # which steps a role may take (staff_can_fulfil).
        self.write_permissions_map = {"order-list": change, "order-detail": change}

    def ready(self):
        super().ready()
        # Oscar's get_class resolves "dashboard.orders.views" through the
        # parent "dashboard" app, which is not forked; point at ours directly.
        from . import views

        self.order_detail_view = views.OrderDetailView
