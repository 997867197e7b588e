from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from catalog.fragment_cache import fragment_versions
from shop.common.page_versions import CATALOGUE, CMS, page_depends

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


def _referred_to(users) -> bool:
    """Whether deleting these users would raise ProtectedError or
    RestrictedError: Django's own Collector answers, without deleting."""
    if not users:
        return False
    collector = Collector(using=router.db_for_write(type(users[0])))
    try:
        collector.collect(users)
    except (ProtectedError, RestrictedError):
        return True
    return False


@hooks.register("before_delete_user")
def refuse_deleting_a_user_others_refer_to(request, user):
    """Orders, producer applications and audit rows keep a protected link to
    their user, so Wagtail's delete raised ProtectedError: a 500 (role
    matrix, issue 16). The delete page and its POST send the admin back to
    the user's page with the reason; deactivating keeps the history."""
    if _referred_to([user]):
        messages.error(
            request,
            _("This user cannot be deleted: orders or other records refer to them. Deactivate the account instead."),
        )
        return redirect("wagtailusers_users:edit", user.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_users_others_refer_to(request, action_type, objects, action_class_instance):
    """The same refusal for the listing's bulk delete, which has its own view
    and raised the same ProtectedError (review R4). Wagtail runs this inside
    the action's transaction, before anything is deleted; the whole action is
    refused so the admin is never left guessing which users went."""
    if action_type != "delete" or getattr(action_class_instance, "model", None) is not get_user_model():
        return None
    blocked = [user for user in objects if _referred_to([user])]
    if not blocked:
        return None
    messages.error(
        request,
        _(
            "Nothing was deleted: orders or other records refer to %(users)s. "
            "Deactivate those accounts instead, or leave them out of the selection."
        )
        % {"users": ", ".join(user.get_username() for user in blocked)},
    )
    return redirect(action_class_instance.next_url)


@hooks.register("before_serve_page")
def declare_page_cache_names(page, request, serve_args, serve_kwargs):
    # Every Wagtail page may be kept by the page cache (shop/common/pagecache.py):
    # its blocks show products (prices, stock), so it is stale when the
    # catalogue changes as well as when anything of Wagtail's does (``cms``,
    # part of every page's chrome).
    page_depends(request=request, names=[CATALOGUE])
    # The fragment caches of pages built per visitor (product cards, the
    # page's blocks: catalog/fragment_cache.py) are keyed by these versions, read
    # before the page loads what its blocks show.
    fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)


@hooks.register("insert_global_admin_js")
def thai_slugs_js():
    """Slugs typed or made from a Thai title keep their vowels and tone
    marks in the editor (cms/slugs.py; a file: the admin's CSP allows no
    inline script)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("cms/js/thai-slugs.js"))
