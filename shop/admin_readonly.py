"""Django admin: no "add" form for Oscar's rows that only code creates.

Oscar registers admins for these models with Django's default add form.
Their rows only make sense built by code (a basket line by the basket, a
vote by the review page, a voucher application by the order, a benefit or
condition by the offer dashboard with its proxy class): an empty or partial
add form passed the admin's validation and then failed in the model or the
database, a 500 (found by the role matrix, issue 16). The admins stay for
reading, changing and deleting; only adding is refused (403, and no "Add"
button). Our own admins of such rows say so themselves (catalog/admin.py,
shop/payment/admin.py).

Installed once from ShopConfig.ready(), after Django's admin autodiscovery
has imported every app's admin module (django.contrib.admin comes first in
INSTALLED_APPS).
"""

from django.apps import apps
from django.contrib import admin

CODE_CREATED_MODELS = (
    ("address", "UserAddress"),
    ("basket", "Line"),
    ("offer", "Benefit"),
    ("offer", "Condition"),
    ("reviews", "Vote"),
    ("voucher", "VoucherApplication"),
)


class NoAddMixin:
    def has_add_permission(self, request, *args, **kwargs) -> bool:
        return False


def code_created_rows_no_add_install(site: admin.AdminSite = admin.site) -> None:
    for app_label, model_name in CODE_CREATED_MODELS:
        model = apps.get_model(app_label, model_name)
        registered = site._registry.get(model)
        if registered is None or isinstance(registered, NoAddMixin):
            continue
        admin_class = type(registered)
        site.unregister(model)
        site.register(model, type(f"NoAdd{admin_class.__name__}", (NoAddMixin, admin_class), {}))
