"""Access functions for the dashboard navigation entries added in
settings (OSCAR_DASHBOARD_NAVIGATION, "Producers" section).

Oscar's default access function only knows Oscar's own dashboard apps, so
our entries carry their own. They decide what the menu shows; the views
check again (catalog.selectors).
"""


def office_can_review_applications(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .selectors import user_can_review_applications

    return user_can_review_applications(user)


def office_can_publish(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .selectors import user_is_office

    return user_is_office(user)


def office_can_set_commission_rates(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .selectors import user_can_set_commission_rates

    return user_can_set_commission_rates(user)


def portal_user(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    from .selectors import user_is_office

    return user_is_office(user) or (user.is_active and user.has_perm("partner.dashboard_access"))


def staff_only(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """Oscar's own catalogue screens: staff only. Producer members use the
    portal, which is scoped to their producer by one selector."""
    from oscar.apps.dashboard.nav import default_access_fn

    return bool(user.is_staff) and default_access_fn(user, url_name, url_args, url_kwargs)
