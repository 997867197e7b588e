"""Oscar's catalogue dashboard (/dashboard/catalogue/) closed to producer
members: office and center staff only.

Oscar opens its product screens to any user with ``partner.dashboard_access``
and scopes them by the partner's stock records. Its product form, though,
edits every field (``is_public``, categories, the stock record), so a member
could publish without review or change the stock the inventory owns. Producer
members use the producer portal instead (/dashboard/portal/), which keeps the
listing workflow and the audit log. So this app config keeps Oscar's URLs
and views and only drops the ``partner.dashboard_access`` alternative from
every entry of the permission map and requires is_staff: a producer-only
user gets 403 on every catalogue dashboard URL, while staff keep Oscar's
model permissions.

Installed in place of Oscar's config (INSTALLED_APPS in
shop/settings/apps.py). ``name`` stays Oscar's module, so templates and
get_class("dashboard.catalogue.views", ...) are unchanged.
"""

from oscar.apps.dashboard.catalogue.apps import CatalogueDashboardConfig as OscarCatalogueDashboardConfig

from shop.common.permissions import WritePermissionsMixin


def _staff_only(permissions) -> list[str]:
    """Oscar's entry -> its staff permissions, plus is_staff.

    An entry is a list (all required) or a tuple of lists (any one suffices);
    the partner_dashboard_access alternative is dropped, and is_staff is
    required too, so a non-staff role that happens to hold a catalogue model
    permission (the content editors' view_product) does not get in either."""
    alternatives = permissions if isinstance(permissions, tuple) else (permissions,)
    staff = [perms for perms in alternatives if "partner.dashboard_access" not in perms]
    return sorted({"is_staff", *(staff[0] if staff else [])})


class CatalogueDashboardConfig(WritePermissionsMixin, OscarCatalogueDashboardConfig):
    def configure_permissions(self):
        super().configure_permissions()
        self.permissions_map = {name: _staff_only(perms) for name, perms in self.permissions_map.items()}
        self.default_permissions = ["is_staff"]
        # The category lists hide and show categories in bulk on POST, and the
        # product list starts a bulk change on POST, under URLs Oscar gates with
        # the view permission: center staff (view_category) could hide every
        # category (shop/common/permissions.py).
        category_change = ["is_staff", "catalogue.view_category", "catalogue.change_category"]
        self.write_permissions_map = {
            "catalogue-category-list": category_change,
            "catalogue-category-detail-list": category_change,
            "catalogue-product-list": ["is_staff", "catalogue.view_product", "catalogue.change_product"],
        }

    def ready(self):
        super().ready()
        # Oscar's product form edits num_in_stock, which only the inventory
        # ledger may change: use the view whose stock record formset shows
        # the counter read-only (catalog/dashboard_stockrecords.py).
        from catalog.dashboard_stockrecords import ProductCreateUpdateView

        self.product_createupdate_view = ProductCreateUpdateView
        # An invalid category form is re-rendered with the stored category,
        # not the one the form emptied (catalog/dashboard_categories.py).
        from catalog.dashboard_categories import CategoryUpdateView

        self.category_update_view = CategoryUpdateView
