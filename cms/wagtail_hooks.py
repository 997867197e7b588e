from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .choosers import district_chooser_viewset, producer_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


@hooks.register("register_admin_viewset")
def register_district_chooser():
    return district_chooser_viewset


@hooks.register("before_delete_user")
def refuse_deleting_a_user_others_refer_to(request, user):
    """Orders, producer applications and audit rows keep a protected link to
    their user, so Wagtail's delete raised ProtectedError: a 500 (role
    matrix, issue 16). The delete page and its POST send the admin back to
    the user's page with the reason; deactivating keeps the history."""
    collector = Collector(using=router.db_for_write(type(user)))
    try:
        collector.collect([user])
    except (ProtectedError, RestrictedError):
        messages.error(
            request,
            _("This user cannot be deleted: orders or other records refer to them. Deactivate the account instead."),
        )
        return redirect("wagtailusers_users:edit", user.pk)
    return None
