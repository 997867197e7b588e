"""Oscar's wish-list views with one fix: a shared-email form marked for
deletion is deleted, never saved.

A formset ignores the errors of forms marked for deletion, so Oscar's
process_wishlist_forms (which saves every changed form) called save() on an
invalid form when a post ticked DELETE on a new, garbage row: ValueError, a
500 (found by tests/functional/security/test_form_garbage.py). Oscar also
never deleted an existing shared email marked for deletion."""

from __future__ import annotations

from oscar.apps.customer.wishlists import views as oscar_views
from oscar.apps.customer.wishlists.views import *  # noqa: F403  (the rest unchanged)

from shop.customer.services import wishlist_shared_emails_delete


class DeletedSharedEmailsMixin:
    def process_wishlist_forms(self, wishlist_form, shared_emails_formset):
        deleted = shared_emails_formset.deleted_forms
        wishlist_shared_emails_delete(shared_emails=[form.instance for form in deleted])
        shared_emails_formset.forms = [form for form in shared_emails_formset.forms if form not in deleted]
        return super().process_wishlist_forms(wishlist_form, shared_emails_formset)


class WishListCreateView(DeletedSharedEmailsMixin, oscar_views.WishListCreateView):
    pass


class WishListUpdateView(DeletedSharedEmailsMixin, oscar_views.WishListUpdateView):
    pass
