import oscar.apps.dashboard.partners.apps as apps
from django.contrib.auth import get_user_model

from shop.common.permissions import WritePermissionsMixin


class PartnersDashboardConfig(WritePermissionsMixin, apps.PartnersDashboardConfig):
    """Oscar's partners dashboard (/dashboard/partners/), forked for its
    permissions only: a partner record is a producer's name, address and the
    list of its members' accounts (emails), so it is the office's to read
    and to change.

    Oscar gates the partner page (partner-manage, which also saves the form
    on POST) with ``view_partner`` alone, and its member pages with user
    permissions alone. Here every page needs is_staff; reading needs
    ``view_partner``; any change (and linking or unlinking a member, which
    Oscar also does on GET for its Undo link) needs ``change_partner`` too.
    Center staff hold none of these (shop/common/roles.py); office staff and admins
    do, and only office admins hold the user permissions the member pages
    need. Views and templates stay Oscar's."""

    name = "shop.dashboard.partners"

    def configure_permissions(self):
        user = get_user_model()._meta.app_label
        staff = ["is_staff"]
        view = [*staff, "partner.view_partner"]
        change = [*view, "partner.change_partner"]
        users_change = [*change, f"{user}.view_user", f"{user}.change_user"]
        self.default_permissions = view
        self.permissions_map = {
            "partner-list": view,
            "partner-manage": view,
            "partner-create": [*view, "partner.add_partner"],
            "partner-delete": [*view, "partner.delete_partner"],
            "partner-user-create": [*change, f"{user}.view_user", f"{user}.add_user"],
            "partner-user-select": users_change,
            "partner-user-link": users_change,
            "partner-user-unlink": users_change,
            "partner-user-update": users_change,
        }
        self.write_permissions_map = {"partner-manage": change}

    def ready(self):
        super().ready()
        # Oscar's get_class resolves "dashboard.partners.views" through the
        # parent "dashboard" app, which is not forked; point at ours directly.
        from . import views

        self.delete_view = views.PartnerDeleteView
