"""Access functions for the dashboard navigation entries of the reports app
(settings, "Reports" section). The views check again."""


def office_can_view_reports(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("otop_reports.view_office_report"))


def office_can_manage_settlements(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    return office_can_view_reports(user) and user.has_perm("otop_reports.manage_settlements")
