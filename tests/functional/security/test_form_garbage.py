"""Bad input everywhere (issue 9, section 4): every POST form the site
renders, for every role that can open its page, gets garbage (garbage.py:
empty, huge, wrong types, unicode edge cases, SQL/HTML/template snippets,
other users' ids, and NUL bytes and invalid UTF-8, which the request guard
refuses with a 400 before any view: issue 16). Never a 500; never a change
to the data a rejected post must leave alone; never a change to another
producer's objects; never the injected HTML reflected unescaped.

The pages come from the role matrix (test_role_matrix.py: every URL of the
resolver, with the roles that get a 200), the forms from their HTML, so a
new page or form is walked without an entry here. A post that is accepted
(a redirect) may change only the tables listed for its view in
ACCEPTED_CHANGES, each with the reason."""

from __future__ import annotations

import os
import sys
import traceback
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation

from tests.factories.catalog import CertificationFactory, ProductImageFactory, StockRecordFactory
from tests.functional.security import garbage
from tests.functional.security.role_data import ROLES, World, world_build
from tests.functional.security.test_role_matrix import EXPECTED, LAST_KEYS, checks

REJECTED = {200, 400, 403, 404, 405, 413, 429}
ACCEPTED = {301, 302, 303}

# What an accepted (redirected) post may change, by the view it posts to.
# Everything else must be identical after the post, whatever the answer.
ACCEPTED_CHANGES: dict[str, tuple[set[str], str]] = {
    # Forms whose only fields are the CSRF token (and a submit button): there
    # is nothing to garble, the first post does what the button says and the
    # following ones find the object gone (404) or the state already moved.
    "catalog-portal:member-remove": ({"producer members"}, "removing a member of one's own producer"),
    "catalog-portal:product-image-delete": ({"products"}, "deleting one's own photo"),
    "catalog-portal:certification-delete": ({"products"}, "deleting one's own certification"),
    "catalog-office:application-approve": (
        {"producers", "producer members", "users"},
        "the office approving a registration creates the producer",
    ),
    "inventory:count-submit": ({"receipts and counts"}, "center staff submitting a count sheet"),
    "inventory:count-cancel": ({"receipts and counts"}, "the center manager cancelling a count sheet"),
    "customer:address-delete": ({"addresses"}, "a customer deleting their own address"),
    "checkout:user-address-delete": ({"addresses"}, "a customer deleting their own address"),
    # Forms with text fields: garbage that is valid text (HTML, SQL, emoji,
    # Thai marks) is stored as text, escaped on output
    # (test_xss_producer_fields.py). Other producers' objects are checked apart.
    "catalog-portal:product-edit": ({"products"}, "a producer editing their own listing"),
    "catalog-portal:product-create": ({"products", "stock balances"}, "a producer creating a listing"),
    "catalog-portal:product-image-edit": ({"products"}, "a producer editing their photo's alt text"),
    "catalog-portal:product-certifications": ({"products"}, "a producer adding a certification"),
    "catalog-portal:product-transition": ({"products"}, "a producer withdrawing or submitting their listing"),
    "catalog-portal:bank": ({"producers"}, "a producer changing their bank details"),
    "catalog-office:listing-review": ({"products"}, "the office publishing or returning a listing"),
    "catalog-office:producer-settings": ({"producers"}, "the office changing a producer's settings"),
    "catalog-office:product-type-rates": ({"producers"}, "the office changing commission rates"),
    "customer:profile-update": ({"users"}, "a user editing their own name and email"),
    "customer:address-create": ({"addresses"}, "a customer adding an address"),
    "customer:address-detail": ({"addresses"}, "a customer editing their own address"),
    "checkout:user-address-update": ({"addresses"}, "a customer editing their own address"),
    "customer:register": ({"users"}, "registering a customer account"),
    "producers:register": ({"producers", "users"}, "a producer registration (an application)"),
    "wagtailadmin_pages:edit": (set(), "editors saving a page draft (pages are not in the snapshot)"),
}

# The walk found two 500s in django-oscar's own code, both fixed in our
# overrides: the review form's star rating on a re-shown form
# (templates/oscar/catalogue/reviews/review_form.html) and wish lists saving
# shared-email rows marked for deletion (shop/customer/wishlists/views.py).

# Forms not posted: they end the session the walk runs in.
SKIPPED_ACTIONS = ("logout",)
# Forms a browser cannot submit without running the page's JavaScript:
# Wagtail's page editor builds its StreamField inputs (featured_products-count
# and the like) client-side, so the HTML alone is never a post a browser makes
# (Wagtail answers it with a KeyError). The CMS XSS tests post it properly.
JS_BUILT_VIEWS = ("wagtailadmin_pages:edit", "wagtailadmin_pages:add")


def pages_for(role: str) -> set[str]:
    """Matrix keys whose GET is a 200 for ``role``. Pages every role sees
    alike (the storefront) are walked by anonymous, a customer and producer A
    only: the same forms for the other six roles add minutes, not cases."""
    column = ROLES.index(role)
    found = set()
    for key, row in EXPECTED.items():
        cells = row.split()
        if key in LAST_KEYS or cells[column] != "200":
            continue
        if all(cell == "200" for cell in cells) and role not in ("anonymous", "customer", "producer_a"):
            continue
        found.add(key)
    return found


def others_build(world: World) -> None:
    """Producer B's own photo, certification and stock record, so producer A
    has other ids to try (role_data gives B only a product)."""
    world.objects["image_b"] = ProductImageFactory(product=world.product_b)
    world.objects["cert_b"] = CertificationFactory(product=world.product_b)
    world.objects["stockrecord_b"] = StockRecordFactory(product=world.product_b)


def _a_objects(world: World) -> list:
    return [world.producer_a, world.producer_a.partner, world.product_a, world.public_a, world.image_a,
            world.cert_a, world.second_member_a, world.users["producer_a"], *world.public_a.stockrecords.all()]  # fmt: skip


def _b_objects(world: World) -> list:
    return [world.producer_b, world.producer_b.partner, world.product_b, world.image_b, world.cert_b,
            world.stockrecord_b, world.users["producer_b"]]  # fmt: skip


def foreign_objects(world: World, role: str) -> list:
    """Objects ``role`` must never change, whatever it posts: the other
    producer's (for a producer member), both producers' (for a customer,
    an editor or anonymous). Staff may change producers' data by design."""
    if role == "producer_a":
        return _b_objects(world)
    if role == "producer_b":
        return _a_objects(world)
    if role in ("anonymous", "customer", "content_editor"):
        return _a_objects(world) + _b_objects(world)
    return []


def other_ids(world: World, role: str) -> list[str]:
    """Ids a role has no business naming, plus ids nobody has."""
    owned = {"producer_a": _a_objects, "producer_b": _b_objects}.get(role)
    pool = _b_objects(world) if role == "producer_a" else _a_objects(world)
    if owned is None:
        pool = pool + [world.address]
    return [str(obj.pk) for obj in pool] + ["999999", "0", "-1"]


def rows(objects: list) -> list:
    from django.forms.models import model_to_dict

    def plain(value) -> object:
        # Many-to-many values come back as model instances whose str() is
        # localised by whatever language the last request left active: compare
        # their primary keys, in a stable order, instead.
        if isinstance(value, (list, tuple, set)):
            return sorted(str(getattr(item, "pk", item)) for item in value)
        return str(value)

    found = []
    with translation.override("en"):
        for obj in objects:
            fresh = type(obj).objects.filter(pk=obj.pk).first()
            found.append((type(obj).__name__, obj.pk, fresh and {k: plain(v) for k, v in model_to_dict(fresh).items()}))
    return found


def view_name(path: str) -> str:
    with translation.override("en"):
        try:
            return resolve(path).view_name
        except Resolver404:
            return path


def where(exc: BaseException) -> str:
    """The deepest frame of the project's own code (not the venv, not the
    tests) in a traceback, or the deepest frame of all."""
    every = traceback.extract_tb(exc.__traceback__)
    frames = [f for f in every if "/.venv/" not in f.filename and "/tests/" not in f.filename]
    frame = frames[-1] if frames else every[-1]  # else the library's own frame (Oscar, Django)
    return f"{frame.filename.split('/work/main/')[-1]}:{frame.lineno}"


DESTRUCTIVE = ("delete", "remove", "cancel")


def walk(client, world: World, role: str, stats: dict) -> list[str]:
    """Open every page the role gets a 200 from, collect its POST forms
    (each distinct action and field set once), then post garbage to them:
    deleting and removing forms last, so the first accepted post (a member
    removing themself) does not take away the pages still to walk."""
    user = world.users[role]
    keys = pages_for(role)
    forms, seen = [], set()
    for key, url in checks(world):
        if key not in keys:
            continue
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        stats["pages"] += 1
        for form in garbage.forms_in(response.content.decode(), url):
            skipped = (any(word in form.action for word in SKIPPED_ACTIONS) or not form.action.startswith("/")
                       or view_name(urlsplit(form.action).path) in JS_BUILT_VIEWS)  # fmt: skip
            if not skipped and form.signature not in seen:
                seen.add(form.signature)
                forms.append(form)
    forms.sort(key=lambda form: any(word in view_name(urlsplit(form.action).path) for word in DESTRUCTIVE))
    stats["forms"] = len(forms)
    _progress(f"{role}: {stats['pages']} pages, {len(forms)} forms to post to")
    ids, foreign = other_ids(world, role), foreign_objects(world, role)
    problems: list[str] = []
    for rotation, form in enumerate(forms):
        problems += post_garbage(client, user, form, ids, foreign, stats, rotation=rotation)
    return problems


def post_garbage(client, user, form, ids, foreign, stats, *, rotation: int = 0) -> list[str]:
    name = view_name(urlsplit(form.action).path)
    allowed, _reason = ACCEPTED_CHANGES.get(name, (set(), ""))
    stats["views"].add(name)
    problems = []
    if user is not None:
        client.force_login(user)
    # The state after one post is the state before the next: one snapshot each.
    # Other people's objects are read whole (model_to_dict, a query or two
    # each), so by default once per form, not per post: a change still fails
    # the walk, named by form (GARBAGE_FULL=1 names the post).
    exhaustive = garbage.full()
    before, foreign_before = garbage.snapshot(), rows(foreign)
    sample = None if exhaustive else garbage.PER_FIELD_SAMPLE
    for variant in garbage.variants(form, ids, classes_per_field=1, rotation=rotation, sample=sample):
        cache.clear()  # rate-limit counters: every post reaches the view
        stats["posts"] += 1
        try:
            # A savepoint per post: a database error on PostgreSQL must not
            # poison the test's transaction for the posts after it.
            with transaction.atomic():
                response = garbage.post(client, form, variant)
        except Exception as exc:  # the test client re-raises what would be a 500
            problems.append(f"{name} {variant.label}: 500 {type(exc).__name__}: {str(exc)[:120]} at {where(exc)}")
            continue
        status = response.status_code
        after = garbage.snapshot()
        foreign_after = rows(foreign) if exhaustive else foreign_before
        changed = garbage.changed_groups(before, after)
        if status >= 500:
            problems.append(f"{name} {variant.label}: {status}")
        elif garbage.refused_at_edge(form, variant) and status != 400:
            problems.append(f"{name} {variant.label}: {status}, not refused at the edge (400)")
        elif status in REJECTED and changed:
            problems.append(f"{name} {variant.label}: refused ({status}) yet changed {sorted(changed)}")
        elif status in ACCEPTED and changed - allowed:
            problems.append(f"{name} {variant.label}: accepted, changed {sorted(changed - allowed)} (not allowed)")
        elif status not in REJECTED | ACCEPTED:
            problems.append(f"{name} {variant.label}: unexpected status {status}")
        if "html" in response.get("Content-Type", "") and any(
            reflected.encode() in response.content for reflected in garbage.REFLECTED
        ):
            problems.append(f"{name} {variant.label}: reflects the injected HTML unescaped")
        if foreign_after != foreign_before:
            problems.append(f"{name} {variant.label}: changed an object this role does not own")
        before, foreign_before = after, foreign_after
        if user is not None and status in ACCEPTED and "login" in response.get("Location", ""):
            client.force_login(user)  # the post ended the session (a password change)
    if not exhaustive and rows(foreign) != foreign_before:
        problems.append(f"{name}: one of its posts changed an object this role does not own (GARBAGE_FULL=1 names it)")
    _progress(f"  {name}: {stats['posts']} posts so far, {len(problems)} problems")
    return problems


def _progress(line: str) -> None:
    if os.environ.get("FORM_GARBAGE_REPORT"):
        with open(os.environ["FORM_GARBAGE_REPORT"], "a") as out:
            out.write(line + "\n")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_garbage_posted_to_every_form_a_role_can_open_never_errors_or_changes_data_it_should_not(
    client, home_page, role
):
    world = world_build(home_page)
    others_build(world)
    stats = {"pages": 0, "forms": 0, "posts": 0, "views": set()}

    problems = walk(client, world, role, stats)

    print(f"\n{role}: {stats['pages']} pages, {stats['forms']} forms, {stats['posts']} posts", file=sys.stderr)
    if os.environ.get("FORM_GARBAGE_REPORT"):
        with open(os.environ["FORM_GARBAGE_REPORT"], "a") as out:
            out.write(f"{role}\t{stats['pages']}\t{stats['forms']}\t{stats['posts']}\n")
            out.writelines(f"  {line}\n" for line in problems)
    assert stats["posts"] > 0 or role == "anonymous", f"{role} walked no form: the walker is broken"
    assert not problems, f"{role}: {len(problems)} bad answers:\n" + "\n".join(problems[:60])


def test_huge_values_are_longer_than_any_bounded_column():
    # The "huge" garbage crosses every column's length check (and the longest
    # form field's, 5,000: garbage.py).
    from django.apps import apps as registry

    bounds = [field.max_length for model in registry.get_models() for field in model._meta.get_fields()
              if getattr(field, "max_length", None)]  # fmt: skip
    assert bounds and len(garbage.HUGE) >= 2 * max(bounds)
    assert all(len(value) == len(garbage.HUGE) for value in garbage.GARBAGE["huge"])


def test_the_walker_reads_fields_defaults_and_actions_from_html():
    html = """<form method="post" action="/x/?next=/y/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="title" value="Silk"><input type="number" name="qty" value="2">
      <select name="kind"><option value="a">A</option><option value="b" selected>B</option></select>
      <textarea name="body">hello</textarea><input type="checkbox" name="ok" checked>
      <input type="file" name="photo"><button name="action" value="save">Save</button></form>
      <form method="get" action="/search/"><input name="q"></form>"""

    [form] = garbage.forms_in(html, "/page/")

    assert form.action == "/x/?next=/y/" and form.has_files
    assert form.defaults() == [("csrfmiddlewaretoken", "t"), ("title", "Silk"), ("qty", "2"), ("kind", "b"),
                               ("body", "hello"), ("ok", "on"), ("action", "save")]  # fmt: skip
    assert form.names() == ["title", "qty", "kind", "body", "ok", "photo"]
    labels = [v.label for v in garbage.variants(form, ["7"])]
    assert "all:huge" in labels and "kind:other_ids" in labels and "title:other_ids" not in labels
    # The CSRF token is never garbled: posts must reach the view.
    assert all(("csrfmiddlewaretoken", "t") in v.data for v in garbage.variants(form, ["7"]))


def test_the_walker_expects_the_guard_to_refuse_nul_anywhere_and_invalid_utf8_in_urlencoded_bodies():
    urlencoded = garbage.Form(action="/x/", enctype="", fields=[garbage.Field("title", "text")])
    multipart = garbage.Form(action="/x/", enctype="multipart/form-data",
                             fields=[garbage.Field("title", "text"), garbage.Field("photo", "file")])  # fmt: skip

    def refused(form, value):
        return garbage.refused_at_edge(form, garbage.Variant("title:edge", (("title", value),)))

    assert refused(urlencoded, "a\x00b") and refused(multipart, "a\x00b")
    assert refused(urlencoded, b"\xff\xfe") and not refused(multipart, b"\xff\xfe")
    assert not refused(urlencoded, "' OR 1=1 --")
