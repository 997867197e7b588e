"""Wagtail admin views that raised on a POST missing fields their page
always sends (found by the role matrix, issue 16): a 500 where a clear 400
belongs. Wagtail's views are kept; only these answers are added, at our
boundary, by decorating Wagtail's own URL patterns in place (as Wagtail
itself decorates them), so no route is duplicated. Installed once from
shop/urls.py.

- page copy (``new_parent_page``), the external-link chooser (``url``) and
  the redirects import (its signed ``import_file_name`` and
  ``input_format``) read those fields without checking them: a POST
  lacking one is answered 400 up front. The check is made only for users
  who may use the Wagtail admin, so everyone else still gets Wagtail's own
  refusal (the login page), not a hint about the form.
- the page editor (add and edit) reads each StreamField's ``-count`` field
  the editor's JavaScript writes; a page form posted without it raised
  MultiValueDictKeyError from inside form validation, before anything is
  saved. That exception is turned into the 400. (No transaction around the
  view: a valid save publishes, and publishing may purge caches over the
  network, which must not happen inside one.) It only arises after
  Wagtail's permission checks, so the order of refusals is unchanged.

Wagtail's /cms/failwhale/ raises on purpose, to test error reporting: a 500
any admin could cause at will. Our error reporting is tested otherwise, so
it answers 404 for admins (others still get Wagtail's login redirect).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError

View = Callable[..., HttpResponse]

REQUIRED_POST_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("wagtailadmin_pages", "copy"): ("new_parent_page",),
    ("", "wagtailadmin_choose_page_external_link"): ("external-link-chooser-url",),
    ("wagtailredirects", "process_import"): ("import_file_name", "input_format"),
}
PAGE_FORMS: set[tuple[str, str]] = {("wagtailadmin_pages", "edit"), ("wagtailadmin_pages", "add")}
REMOVED: set[tuple[str, str]] = {("", "wagtailadmin_error_test")}


def incomplete_form_response(request: HttpRequest) -> HttpResponse:
    # The guard answers before Wagtail's own views switch to the editor's
    # chosen admin language, so it switches itself: an editor who works in
    # English reads the refusal in English, not in the site's Thai default.
    profile = getattr(request.user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile is not None else None
    with translation.override(language or translation.get_language()):
        return render(request, "security/incomplete_form.html", status=400)


def post_fields_required(view: View, names: tuple[str, ...]) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            request.method == "POST"
            and request.user.has_perm("wagtailadmin.access_admin")
            and not all(request.POST.get(name) for name in names)
        ):
            return incomplete_form_response(request)
        return view(request, *args, **kwargs)

    return guarded


def missing_field_is_bad_request(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except MultiValueDictKeyError:
            if request.method != "POST":
                raise
            return incomplete_form_response(request)

    return guarded


def not_for_admins(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.has_perm("wagtailadmin.access_admin"):
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


def _patterns(urlpatterns: Iterable, namespace: str = ""):
    """(namespace, pattern) of every view pattern, nested includes too."""
    for pattern in urlpatterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif getattr(pattern, "callback", None):
            yield namespace, pattern


def wagtail_admin_guards_install(urlpatterns: list) -> None:
    found = set()
    for namespace, pattern in _patterns(urlpatterns):
        key = (namespace, pattern.name)
        if getattr(pattern.callback, "incomplete_form_guard", False):
            found.add(key)
            continue
        if key in REQUIRED_POST_FIELDS:
            guarded = post_fields_required(pattern.callback, REQUIRED_POST_FIELDS[key])
        elif key in PAGE_FORMS:
            guarded = missing_field_is_bad_request(pattern.callback)
        elif key in REMOVED:
            guarded = not_for_admins(pattern.callback)
        else:
            continue
        guarded.incomplete_form_guard = True
        pattern.callback = guarded
        found.add(key)
    # A Wagtail upgrade that renames one of these views must not silently
    # drop its guard.
    missing = (set(REQUIRED_POST_FIELDS) | PAGE_FORMS | REMOVED) - found
    if missing:
        raise LookupError(f"Wagtail admin views to guard not found: {sorted(missing)}")
