"""Oscar's dashboard apps whose views write on POST under a URL gated by a
read permission (shop/common/permissions.py): the same apps, views and
templates, with what a POST needs. Installed in place of Oscar's configs by
INSTALLED_APPS (shop/settings/apps.py); ``name`` stays Oscar's module.

The catalogue, orders and partners apps are customised elsewhere
(catalog/dashboard_catalogue.py, shop/dashboard/orders, shop/dashboard/partners)
and use the same mixin there."""

from django.contrib.auth import get_user_model
from oscar.apps.dashboard.apps import DashboardConfig as OscarDashboard
from oscar.apps.dashboard.offers.apps import OffersDashboardConfig as OscarOffers
from oscar.apps.dashboard.reviews.apps import ReviewsDashboardConfig as OscarReviews
from oscar.apps.dashboard.shipping.apps import ShippingDashboardConfig as OscarShipping
from oscar.apps.dashboard.users.apps import UsersDashboardConfig as OscarUsers

from shop.common.permissions import WritePermissionsMixin


class UsersDashboardConfig(WritePermissionsMixin, OscarUsers):
    # The customer list's bulk actions deactivate and reactivate accounts.
    def configure_permissions(self):
        super().configure_permissions()
        label = get_user_model()._meta.app_label
        self.write_permissions_map = {"users-index": ["is_staff", f"{label}.view_user", f"{label}.change_user"]}


class ReviewsDashboardConfig(WritePermissionsMixin, OscarReviews):
    # The review list's bulk action approves or rejects reviews.
    write_permissions_map = {
        "reviews-list": ["is_staff", "reviews.view_productreview", "reviews.change_productreview"],
    }


class OffersDashboardConfig(WritePermissionsMixin, OscarOffers):
    # The offer page suspends and reinstates the offer.
    write_permissions_map = {
        "offer-detail": ["is_staff", "offer.view_conditionaloffer", "offer.change_conditionaloffer"],
    }


class ShippingDashboardConfig(WritePermissionsMixin, OscarShipping):
    # The method's page is a form that adds a weight band.
    write_permissions_map = {
        "shipping-method-detail": ["is_staff", "shipping.view_weightbased", "shipping.change_weightbased"],
    }


class DashboardConfig(OscarDashboard):
    # The dashboard's home (/dashboard/, where its login lands) is Oscar's
    # shop statistics; a producer member belongs in its portal instead
    # (shop/dashboard/index.py).
    def ready(self):
        super().ready()
        from shop.dashboard.index import IndexView

        self.index_view = IndexView
