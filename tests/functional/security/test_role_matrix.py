"""Every URL of the site against every role (issue 9): collected from the URL
resolver, so a new URL without an entry here fails the test with its name.

Each entry gives how to build the URL from the role world (role_data.py:
all objects belong to producer A or to the customer) and the outcome of a
GET for each role, in ROLES order:

    200    the page
    login  a redirect to a login page
    302    a redirect elsewhere (e.g. the dashboard sending a producer to the portal)
    403    refused, logged in
    404    not found (another producer's object, or hidden from this role)
    405    the URL takes POST only (what it does is checked by its app's tests)

The Django admin, the Wagtail admin and Oscar's own dashboard apps are
covered by prefix rules: each role's outcome is checked on a representative
sample (SAMPLES). Expectations here were read from the views; an outcome that
looked wrong was reported, not written down as right (docs/security.md).

Regenerate a draft of the observed table with
ROLE_MATRIX_DUMP=/tmp/matrix.txt pytest tests/functional/security/test_role_matrix.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from tests.functional.security.role_data import ROLES, World, world_build
from tests.functional.security.urls import url_patterns

pytestmark = pytest.mark.django_db

LOGIN_PATHS = ("/shop/accounts/login/", "/dashboard/login/", "/cms/login/", "/django-admin/login/", "/_util/login/")


def outcome(response) -> str:
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        # /en/shop/accounts/login/ and /shop/accounts/login/ alike
        return "login" if any(path.endswith(login) for login in LOGIN_PATHS) else "302"
    return str(response.status_code)


def named(name: str, **kwargs: Callable[[World], object]) -> Callable[[World], str]:
    """The URL of ``name`` in English (/en/ for language-prefixed URLs),
    each keyword argument computed from the world."""

    def build(world: World) -> str:
        with translation.override("en"):
            return reverse(name, kwargs={key: make(world) for key, make in kwargs.items()})

    return build


def literal(path: str) -> Callable[[World], str]:
    return lambda world: path


def pk(obj_name: str) -> Callable[[World], object]:
    return lambda world: world.objects[obj_name].pk


# Shorthands for the usual rows, in ROLES order:
#   anonymous customer producer_a producer_b center_staff center_manager office_staff office_admin content_editor
PUBLIC = "200 200 200 200 200 200 200 200 200"



FAKE_UUID = "00000000-0000-0000-0000-000000000000"
GONE = lambda world: 999999  # noqa: E731  (an id no object has)
PRODUCT_A = {"product_slug": lambda w: w.public_a.slug or "x", "product_pk": pk("public_a")}

PATHS: dict[str, Callable[[World], str]] = {
    # --- Site-wide ---------------------------------------------------------------------------
    "healthz": literal("/healthz/"),
    "sitemap": literal("/sitemap.xml"),
    "robots-txt": literal("/robots.txt"),
    "wagtail_serve": literal("/en/"),
    "wagtailcore_login": literal("/_util/login/"),
    "wagtailcore_authenticate_with_password": named(
        "wagtailcore_authenticate_with_password", page_view_restriction_id=GONE, page_id=pk("home_page")),
    "wagtaildocs_serve": literal("/documents/999999/missing.pdf"),
    "wagtaildocs_authenticate_with_password": named("wagtaildocs_authenticate_with_password", restriction_id=GONE),
    "^media/(?P<path>.*)$": literal("/media/missing.jpg"),
    "payments:stripe-webhook": named("payments:stripe-webhook"),
    # --- Office: registrations, listings, producers (catalog/office_views.py) ------------------
    "catalog-office:application-list": named("catalog-office:application-list"),
    "catalog-office:application-detail": named("catalog-office:application-detail", pk=pk("application")),
    "catalog-office:application-approve": named("catalog-office:application-approve", pk=pk("application")),
    "catalog-office:application-reject": named("catalog-office:application-reject", pk=pk("application")),
    "catalog-office:listing-list": named("catalog-office:listing-list"),
    "catalog-office:listing-review": named("catalog-office:listing-review", pk=pk("product_a")),
    "catalog-office:producer-list": named("catalog-office:producer-list"),
    "catalog-office:producer-settings": named("catalog-office:producer-settings", pk=pk("producer_a")),
    "catalog-office:product-type-rates": named("catalog-office:product-type-rates"),
    # --- Producer portal (catalog/portal_views.py, inventory portal) ---------------------------
    "catalog-portal:product-list": named("catalog-portal:product-list"),
    "catalog-portal:act-as": named("catalog-portal:act-as"),
    "catalog-portal:product-create": named("catalog-portal:product-create"),
    "catalog-portal:product-edit": named("catalog-portal:product-edit", pk=pk("product_a")),
    "catalog-portal:product-transition": named("catalog-portal:product-transition", pk=pk("product_a")),
    "catalog-portal:product-images": named("catalog-portal:product-images", pk=pk("product_a")),
    "catalog-portal:product-image-edit": named(
        "catalog-portal:product-image-edit", pk=pk("product_a"), image_pk=pk("image_a")),
    "catalog-portal:product-image-delete": named(
        "catalog-portal:product-image-delete", pk=pk("product_a"), image_pk=pk("image_a")),
    "catalog-portal:product-certifications": named("catalog-portal:product-certifications", pk=pk("product_a")),
    "catalog-portal:certification-delete": named(
        "catalog-portal:certification-delete", pk=pk("product_a"), cert_pk=pk("cert_a")),
    "catalog-portal:bank": named("catalog-portal:bank"),
    "catalog-portal:members": named("catalog-portal:members"),
    "catalog-portal:member-remove": named("catalog-portal:member-remove", user_pk=pk("second_member_a")),
    "catalog-portal:audit": named("catalog-portal:audit"),
    "catalog-portal:import": named("catalog-portal:import"),
    "catalog-portal:import-template": named("catalog-portal:import-template", file_format=lambda w: "csv"),
    "catalog-portal:import-job": named("catalog-portal:import-job", pk=pk("job_a")),
    "catalog-portal:import-job-status": named("catalog-portal:import-job-status", pk=pk("job_a")),
    "catalog-portal:order-lines": named("catalog-portal:order-lines"),
    "catalog-portal:order-line": named("catalog-portal:order-line", line_pk=GONE),
    "inventory-portal:stock": named("inventory-portal:stock"),
    "inventory-portal:movement-list": named("inventory-portal:movement-list"),
    "inventory-portal:movement-csv": named("inventory-portal:movement-csv"),
    "inventory-portal:receipt-list": named("inventory-portal:receipt-list"),
    "inventory-portal:receipt-detail": named("inventory-portal:receipt-detail", pk=pk("receipt_a")),
    # --- Center: inventory screens (inventory/views/) ------------------------------------------
    "inventory:index": named("inventory:index"),
    "inventory:receipt-list": named("inventory:receipt-list"),
    "inventory:receipt-create": named("inventory:receipt-create"),
    "inventory:receipt-detail": named("inventory:receipt-detail", pk=pk("receipt_a")),
    "inventory:receipt-post": named("inventory:receipt-post", pk=pk("receipt_a")),
    "inventory:receipt-sign": named("inventory:receipt-sign", pk=pk("receipt_a")),
    "inventory:receipt-print": named("inventory:receipt-print", pk=pk("receipt_a")),
    "inventory:stock-list": named("inventory:stock-list"),
    "inventory:movement-list": named("inventory:movement-list"),
    "inventory:movement-csv": named("inventory:movement-csv"),
    "inventory:counter-sale-create": named("inventory:counter-sale-create"),
    "inventory:counter-sale-detail": named("inventory:counter-sale-detail", pk=pk("counter_sale")),
    "inventory:stock-move": named("inventory:stock-move"),
    "inventory:count-list": named("inventory:count-list"),
    "inventory:count-detail": named("inventory:count-detail", pk=pk("count_sheet")),
    "inventory:count-submit": named("inventory:count-submit", pk=pk("count_sheet")),
    "inventory:count-approve": named("inventory:count-approve", pk=pk("count_sheet")),
    "inventory:count-cancel": named("inventory:count-cancel", pk=pk("count_sheet")),
    "inventory:scan-resolve": named("inventory:scan-resolve"),
    "inventory:alert-list": named("inventory:alert-list"),
    "inventory:pick-list": named("inventory:pick-list"),
    "inventory:dispatch": named("inventory:dispatch"),
    "inventory:labels-products": named("inventory:labels-products"),
    "inventory:labels-bins": named("inventory:labels-bins"),
    # --- Office reports and settlements (shop/reports/views.py) -------------------------------
    # No export or statement exists in the world: the ids are missing, so
    # these rows check who is turned away before the lookup (login/403).
    "otop-reports:dashboard": named("otop-reports:dashboard"),
    "otop-reports:export-create": named("otop-reports:export-create"),
    "otop-reports:export-status": named("otop-reports:export-status", pk=GONE),
    "otop-reports:export-download": named("otop-reports:export-download", pk=GONE),
    "otop-reports:settlement-list": named("otop-reports:settlement-list"),
    "otop-reports:settlement-batch-csv": named("otop-reports:settlement-batch-csv"),
    "otop-reports:settlement-detail": named("otop-reports:settlement-detail", pk=GONE),
    "otop-reports:settlement-pdf": named("otop-reports:settlement-pdf", pk=GONE),
    "otop-reports:portal-statements": named("otop-reports:portal-statements"),
    "otop-reports:portal-statement-pdf": named("otop-reports:portal-statement-pdf", pk=GONE),
    # --- Oscar dashboard entry ----------------------------------------------------------------
    "dashboard:index": named("dashboard:index"),
    "dashboard:login": named("dashboard:login"),
    # --- Storefront: catalogue, basket, search, offers -----------------------------------------
    "home": named("home"),
    "catalogue:index": named("catalogue:index"),
    "catalogue:detail": named("catalogue:detail", product_slug=PRODUCT_A["product_slug"], pk=pk("public_a")),
    # A listing still under review is nobody's storefront page (#: extra checks of one URL name).
    "catalogue:detail#unpublished": named("catalogue:detail", product_slug=lambda w: "x", pk=pk("product_a")),
    "catalogue:category": named("catalogue:category", category_slug=lambda w: "missing", pk=GONE),
    "catalogue:range": named("catalogue:range", slug=lambda w: "missing"),
    "catalogue:reviews-list": named("catalogue:reviews-list", **PRODUCT_A),
    "catalogue:reviews-add": named("catalogue:reviews-add", **PRODUCT_A),
    "catalogue:reviews-detail": named("catalogue:reviews-detail", **PRODUCT_A, pk=GONE),
    "catalogue:reviews-vote": named("catalogue:reviews-vote", **PRODUCT_A, pk=GONE),
    "basket:summary": named("basket:summary"),
    "basket:add": named("basket:add", pk=pk("public_a")),
    "basket:vouchers-add": named("basket:vouchers-add"),
    "basket:vouchers-remove": named("basket:vouchers-remove", pk=GONE),
    "basket:saved": named("basket:saved"),
    "search:search": named("search:search"),
    "search:autocomplete": named("search:autocomplete"),
    "offer:list": named("offer:list"),
    "offer:detail": named("offer:detail", slug=lambda w: "missing"),
    "wishlists:detail": named("wishlists:detail", key=lambda w: "missing"),
    "district-products": named("district-products", slug=lambda w: w.producer_a.district.slug),
    "producers:producer-list": named("producers:producer-list"),
    "producers:producer-detail": named("producers:producer-detail", slug=lambda w: w.producer_a.slug),
    "producers:register": named("producers:register"),
    "producers:register-done": named("producers:register-done"),
    "producers:register-verify": named("producers:register-verify", token=lambda w: "not-a-token"),
    # --- Storefront: checkout and payment --------------------------------------------------------
    "checkout:index": named("checkout:index"),
    "checkout:shipping-address": named("checkout:shipping-address"),
    "checkout:user-address-update": named("checkout:user-address-update", pk=pk("address")),
    "checkout:user-address-delete": named("checkout:user-address-delete", pk=pk("address")),
    "checkout:shipping-method": named("checkout:shipping-method"),
    "checkout:payment-method": named("checkout:payment-method"),
    "checkout:payment-details": named("checkout:payment-details"),
    "checkout:preview": named("checkout:preview"),
    "checkout:thank-you": named("checkout:thank-you"),
    "checkout:pickup-qr": named("checkout:pickup-qr", order_number=lambda w: "100999", hash=lambda w: "x"),
    "checkout:order-lookup": named("checkout:order-lookup"),
    "pay:page": named("pay:page", public_id=lambda w: FAKE_UUID),
    "pay:status": named("pay:status", public_id=lambda w: FAKE_UUID),
    "pay:return": named("pay:return", public_id=lambda w: FAKE_UUID),
    "pay:retry": named("pay:retry", public_id=lambda w: FAKE_UUID),
    "pay:test-pay": named("pay:test-pay", public_id=lambda w: FAKE_UUID),
    # --- Storefront: the customer's account ------------------------------------------------------
    "customer:login": named("customer:login"),
    "customer:register": named("customer:register"),
    "customer:summary": named("customer:summary"),
    "customer:change-password": named("customer:change-password"),
    "customer:profile-view": named("customer:profile-view"),
    "customer:profile-update": named("customer:profile-update"),
    "customer:profile-delete": named("customer:profile-delete"),
    "customer:order-list": named("customer:order-list"),
    "customer:order": named("customer:order", order_number=lambda w: "100999"),
    "customer:order-line": named("customer:order-line", order_number=lambda w: "100999", line_id=GONE),
    "customer:anon-order-form": named("customer:anon-order-form", order_number=lambda w: "100999", hash=lambda w: "x"),
    "customer:anon-order": named("customer:anon-order", order_number=lambda w: "100999", hash=lambda w: "x"),
    "customer:address-list": named("customer:address-list"),
    "customer:address-create": named("customer:address-create"),
    "customer:address-detail": named("customer:address-detail", pk=pk("address")),
    "customer:address-delete": named("customer:address-delete", pk=pk("address")),
    "customer:address-change-status": named(
        "customer:address-change-status", pk=pk("address"), action=lambda w: "default_for_billing"),
    "customer:email-list": named("customer:email-list"),
    "customer:email-detail": named("customer:email-detail", email_id=GONE),
    "<lang>/shop/accounts/notifications/": literal("/en/shop/accounts/notifications/"),
    "customer:notifications-inbox": named("customer:notifications-inbox"),
    "customer:notifications-archive": named("customer:notifications-archive"),
    "customer:notifications-update": named("customer:notifications-update"),
    "customer:notifications-detail": named("customer:notifications-detail", pk=GONE),
    "customer:alerts-list": named("customer:alerts-list"),
    "customer:alert-create": named("customer:alert-create", pk=pk("public_a")),
    "customer:alerts-confirm": named("customer:alerts-confirm", key=lambda w: "missing"),
    "customer:alerts-cancel-by-key": named("customer:alerts-cancel-by-key", key=lambda w: "missing"),
    "customer:alerts-cancel-by-pk": named("customer:alerts-cancel-by-pk", pk=GONE),
    "customer:wishlists-list": named("customer:wishlists-list"),
    "customer:wishlists-add-product": named("customer:wishlists-add-product", product_pk=pk("public_a")),
    "customer:wishlists-create": named("customer:wishlists-create"),
    "customer:wishlists-create-with-product": named(
        "customer:wishlists-create-with-product", product_pk=pk("public_a")),
    "customer:wishlists-detail": named("customer:wishlists-detail", key=lambda w: "missing"),
    "customer:wishlists-update": named("customer:wishlists-update", key=lambda w: "missing"),
    "customer:wishlists-delete": named("customer:wishlists-delete", key=lambda w: "missing"),
    "customer:wishlists-remove-product": named(
        "customer:wishlists-remove-product", key=lambda w: "missing", line_pk=GONE),
    "customer:wishlists-move-product-to-another": named(
        "customer:wishlists-move-product-to-another", key=lambda w: "missing", line_pk=GONE,
        to_key=lambda w: "other"),
    "password-reset": named("password-reset"),
    "password-reset-done": named("password-reset-done"),
    "password-reset-confirm": named("password-reset-confirm", uidb64=lambda w: "MQ", token=lambda w: "bad-token"),
    "password-reset-complete": named("password-reset-complete"),
    # Logging out is checked last (LAST_KEYS): it ends the session.
    "customer:logout": named("customer:logout"),
    "dashboard:logout": named("dashboard:logout"),
}
LAST_KEYS = ("customer:logout", "dashboard:logout")

# Prefix rules: the Django admin, Wagtail's admin and Oscar's own dashboard
# apps, checked on these representative pages.
PREFIX_RULES = {
    "django-admin/": ["/django-admin/", "/django-admin/auth/user/", "/django-admin/catalogue/product/",
                      "/django-admin/inventory/stockmovement/", "/django-admin/axes/accessattempt/",
                      "/django-admin/partner/stockrecord/{stockrecord}/change/", "/django-admin/order/order/"],
    "cms/": ["/cms/", "/cms/pages/", "/cms/pages/{home}/", "/cms/pages/{home}/edit/", "/cms/images/",
             "/cms/documents/", "/cms/users/", "/cms/groups/", "/cms/reports/locked/"],
    "dashboard:": ["/dashboard/catalogue/", "/dashboard/orders/", "/dashboard/users/", "/dashboard/partners/",
                   "/dashboard/offers/", "/dashboard/vouchers/", "/dashboard/reports/", "/dashboard/pages/",
                   "/dashboard/ranges/", "/dashboard/reviews/", "/dashboard/comms/", "/dashboard/shipping/weight-based/"],
}  # fmt: skip


def covering_rule(entry) -> str | None:
    if entry.key in PATHS:
        return entry.key
    if entry.route.startswith("django-admin/"):
        return "django-admin/"
    if entry.route.startswith("cms/"):
        return "cms/"
    if entry.name and entry.name.startswith("dashboard:"):
        return "dashboard:"
    return None


def checks(world: World) -> list[tuple[str, str]]:
    """(key, url) for every entry and every prefix sample, logouts last."""
    keys = [key for key in PATHS if key not in LAST_KEYS] + list(LAST_KEYS)
    found = [(key, PATHS[key](world)) for key in keys]
    for prefix, samples in PREFIX_RULES.items():
        found += [
            (f"{prefix} {sample}", sample.format(home=world.home_page.pk, stockrecord=world.public_a.stockrecords.get().pk))
            for sample in samples
        ]
    return found


def test_every_url_of_the_resolver_has_an_entry_in_the_matrix():
    missing = sorted({entry.key for entry in url_patterns() if covering_rule(entry) is None})

    assert not missing, "URLs without an entry in the role matrix (add them to PATHS and EXPECTED): " + ", ".join(missing)


def test_every_entry_of_the_matrix_has_an_expectation_for_every_role():
    world_keys = [key for key in PATHS] + [f"{prefix} {s}" for prefix, samples in PREFIX_RULES.items() for s in samples]

    assert sorted(set(world_keys) - EXPECTED.keys()) == []
    assert all(len(row.split()) == len(ROLES) for row in EXPECTED.values())


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_url(client, home_page, role):
    world = world_build(home_page)
    user = world.users[role]
    dump = os.environ.get("ROLE_MATRIX_DUMP")
    mismatches, observed = [], []
    for key, url in checks(world):
        if user is not None and (key in LAST_KEYS or not observed):
            client.force_login(user)  # again after a logout URL
        got = outcome(client.get(url))
        observed.append((key, url, got))
        want = EXPECTED.get(key, "").split()
        if not dump and got != (want[ROLES.index(role)] if want else None):
            mismatches.append(f"{key} ({url}): expected {want[ROLES.index(role)] if want else '?'}, got {got}")
    if dump:
        with open(f"{dump}.{role}", "w") as out:
            out.writelines(f"{key}\t{url}\t{got}\n" for key, url, got in observed)
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)

# The expectations, read from the views (see the module docstring). Columns:
#                                                       anon  cust  prodA prodB cStaf cMgr  oStaf oAdm  editor
EXPECTED: dict[str, str] = {
    "healthz":                                              "200   200   200   200   200   200   200   200   200",
    "sitemap":                                              "200   200   200   200   200   200   200   200   200",
    "robots-txt":                                           "200   200   200   200   200   200   200   200   200",
    "wagtail_serve":                                        "200   200   200   200   200   200   200   200   200",
    "wagtailcore_login":                                    "200   200   200   200   200   200   200   200   200",
    "wagtailcore_authenticate_with_password":               "404   404   404   404   404   404   404   404   404",
    "wagtaildocs_serve":                                    "404   404   404   404   404   404   404   404   404",
    "wagtaildocs_authenticate_with_password":               "404   404   404   404   404   404   404   404   404",
    "^media/(?P<path>.*)$":                                 "404   404   404   404   404   404   404   404   404",
    "payments:stripe-webhook":                              "405   405   405   405   405   405   405   405   405",
    "catalog-office:application-list":                      "login 403   403   403   403   403   200   200   403",
    "catalog-office:application-detail":                    "login 403   403   403   403   403   200   200   403",
    "catalog-office:application-approve":                   "login 403   403   403   403   403   404   404   403",
    "catalog-office:application-reject":                    "login 403   403   403   403   403   404   404   403",
    "catalog-office:listing-list":                          "login 403   403   403   403   403   200   200   403",
    "catalog-office:listing-review":                        "login 403   403   403   403   403   200   200   403",
    "catalog-office:producer-list":                         "login 403   403   403   403   403   200   200   403",
    "catalog-office:producer-settings":                     "login 403   403   403   403   403   200   200   403",
    "catalog-office:product-type-rates":                    "login 403   403   403   403   403   200   200   403",
    "catalog-portal:product-list":                          "login 404   200   200   404   404   302   302   404",
    "catalog-portal:act-as":                                "login 404   200   200   404   404   200   200   404",
    "catalog-portal:product-create":                        "login 404   200   200   404   404   302   302   404",
    "catalog-portal:product-edit":                          "login 404   200   404   404   404   302   302   404",
    "catalog-portal:product-transition":                    "login 404   404   404   404   404   302   302   404",
    "catalog-portal:product-images":                        "login 404   200   404   404   404   302   302   404",
    "catalog-portal:product-image-edit":                    "login 404   404   404   404   404   302   302   404",
    "catalog-portal:product-image-delete":                  "login 404   404   404   404   404   302   302   404",
    "catalog-portal:product-certifications":                "login 404   200   404   404   404   302   302   404",
    "catalog-portal:certification-delete":                  "login 404   404   404   404   404   302   302   404",
    "catalog-portal:bank":                                  "login 404   200   200   404   404   302   302   404",
    "catalog-portal:members":                               "login 404   200   200   404   404   302   302   404",
    "catalog-portal:member-remove":                         "login 404   404   404   404   404   302   302   404",
    "catalog-portal:audit":                                 "login 404   200   200   404   404   302   302   404",
    "catalog-portal:import":                                "login 404   200   200   404   404   302   302   404",
    "catalog-portal:import-template":                       "login 404   200   200   404   404   302   302   404",
    "catalog-portal:import-job":                            "login 404   200   404   404   404   302   302   404",
    "catalog-portal:import-job-status":                     "login 404   200   404   404   404   302   302   404",
    "catalog-portal:order-lines":                           "login 404   200   200   404   404   302   302   404",
    "catalog-portal:order-line":                            "login 404   404   404   404   404   302   302   404",
    "otop-reports:portal-statements":                       "login 404   200   200   404   404   302   302   404",
    "otop-reports:portal-statement-pdf":                    "login 404   404   404   404   404   302   302   404",
    "inventory-portal:stock":                               "login 404   200   200   404   404   302   302   404",
    "inventory-portal:movement-list":                       "login 404   200   200   404   404   302   302   404",
    "inventory-portal:movement-csv":                        "login 404   200   200   404   404   302   302   404",
    "inventory-portal:receipt-list":                        "login 404   200   200   404   404   302   302   404",
    "inventory-portal:receipt-detail":                      "login 404   200   404   404   404   302   302   404",
    "inventory:index":                                      "login 403   403   403   200   200   200   200   403",
    "inventory:receipt-list":                               "login 403   403   403   200   200   200   200   403",
    "inventory:receipt-create":                             "login 403   403   403   200   200   403   403   403",
    "inventory:receipt-detail":                             "login 403   403   403   200   200   200   200   403",
    "inventory:receipt-post":                               "405   405   405   405   405   405   405   405   405",
    "inventory:receipt-sign":                               "405   405   405   405   405   405   405   405   405",
    "inventory:receipt-print":                              "login 403   403   403   200   200   200   200   403",
    "inventory:stock-list":                                 "login 403   403   403   200   200   200   200   403",
    "inventory:movement-list":                              "login 403   403   403   200   200   200   200   403",
    "inventory:movement-csv":                               "login 403   403   403   200   200   200   200   403",
    "inventory:counter-sale-create":                        "login 403   403   403   200   200   403   403   403",
    "inventory:counter-sale-detail":                        "login 403   403   403   200   200   200   200   403",
    "inventory:stock-move":                                 "login 403   403   403   200   200   403   403   403",
    "inventory:count-list":                                 "login 403   403   403   200   200   200   200   403",
    "inventory:count-detail":                               "login 403   403   403   200   200   200   200   403",
    "inventory:count-submit":                               "405   405   405   405   405   405   405   405   405",
    "inventory:count-approve":                              "405   405   405   405   405   405   405   405   405",
    "inventory:count-cancel":                               "405   405   405   405   405   405   405   405   405",
    "inventory:scan-resolve":                               "login 403   403   403   404   404   404   404   403",
    "inventory:alert-list":                                 "login 403   403   403   200   200   200   200   403",
    "inventory:pick-list":                                  "login 403   403   403   200   200   200   200   403",
    "inventory:dispatch":                                   "405   405   405   405   405   405   405   405   405",
    "inventory:labels-products":                            "login 403   403   403   200   200   200   200   403",
    "inventory:labels-bins":                                "login 403   403   403   200   200   200   200   403",
    "otop-reports:dashboard":                               "login 403   403   403   403   403   200   200   403",
    "otop-reports:export-create":                           "login 403   403   403   403   403   405   405   403",
    "otop-reports:export-status":                           "login 403   403   403   403   403   404   404   403",
    "otop-reports:export-download":                         "login 403   403   403   403   403   404   404   403",
    "otop-reports:settlement-list":                         "login 403   403   403   403   403   200   200   403",
    "otop-reports:settlement-batch-csv":                    "login 403   403   403   403   403   200   200   403",
    "otop-reports:settlement-detail":                       "login 403   403   403   403   403   404   404   403",
    "otop-reports:settlement-pdf":                          "login 403   403   403   403   403   404   404   403",
    "dashboard:index":                                      "login 403   200   200   200   200   200   200   403",
    "dashboard:login":                                      "200   200   200   200   200   200   200   200   200",
    "home":                                                 "302   302   302   302   302   302   302   302   302",
    "catalogue:index":                                      "200   200   200   200   200   200   200   200   200",
    "catalogue:detail":                                     "200   200   200   200   200   200   200   200   200",
    "catalogue:detail#unpublished":                         "302   302   302   302   302   302   302   302   302",
    "catalogue:category":                                   "404   404   404   404   404   404   404   404   404",
    "catalogue:range":                                      "404   404   404   404   404   404   404   404   404",
    "catalogue:reviews-list":                               "200   200   200   200   200   200   200   200   200",
    "catalogue:reviews-add":                                "302   200   200   200   200   200   200   200   200",
    "catalogue:reviews-detail":                             "404   404   404   404   404   404   404   404   404",
    "catalogue:reviews-vote":                               "login 405   405   405   405   405   405   405   405",
    "basket:summary":                                       "200   200   200   200   200   200   200   200   200",
    "basket:add":                                           "405   405   405   405   405   405   405   405   405",
    "basket:vouchers-add":                                  "302   302   302   302   302   302   302   302   302",
    "basket:vouchers-remove":                               "405   405   405   405   405   405   405   405   405",
    "basket:saved":                                         "login 302   302   302   302   302   302   302   302",
    "search:search":                                        "200   200   200   200   200   200   200   200   200",
    "search:autocomplete":                                  "200   200   200   200   200   200   200   200   200",
    "offer:list":                                           "200   200   200   200   200   200   200   200   200",
    "offer:detail":                                         "404   404   404   404   404   404   404   404   404",
    "wishlists:detail":                                     "404   404   404   404   404   404   404   404   404",
    "producers:producer-list":                              "200   200   200   200   200   200   200   200   200",
    "producers:producer-detail":                            "200   200   200   200   200   200   200   200   200",
    "producers:register":                                   "200   200   200   200   200   200   200   200   200",
    "producers:register-done":                              "302   302   302   302   302   302   302   302   302",
    "producers:register-verify":                            "200   200   200   200   200   200   200   200   200",
    "district-products":                                    "200   200   200   200   200   200   200   200   200",
    "checkout:index":                                       "302   302   302   302   302   302   302   302   302",
    "checkout:shipping-address":                            "302   302   302   302   302   302   302   302   302",
    "checkout:user-address-update":                         "login 200   404   404   404   404   404   404   404",
    "checkout:user-address-delete":                         "login 200   404   404   404   404   404   404   404",
    "checkout:shipping-method":                             "302   302   302   302   302   302   302   302   302",
    "checkout:payment-method":                              "302   302   302   302   302   302   302   302   302",
    "checkout:payment-details":                             "302   302   302   302   302   302   302   302   302",
    "checkout:preview":                                     "302   302   302   302   302   302   302   302   302",
    "checkout:thank-you":                                   "302   302   302   302   302   302   302   302   302",
    "checkout:pickup-qr":                                   "404   404   404   404   404   404   404   404   404",
    "checkout:order-lookup":                                "200   200   200   200   200   200   200   200   200",
    "pay:page":                                             "404   404   404   404   404   404   404   404   404",
    "pay:status":                                           "404   404   404   404   404   404   404   404   404",
    "pay:return":                                           "404   404   404   404   404   404   404   404   404",
    "pay:retry":                                            "405   405   405   405   405   405   405   405   405",
    "pay:test-pay":                                         "405   405   405   405   405   405   405   405   405",
    "customer:login":                                       "200   302   302   302   302   302   302   302   302",
    "customer:register":                                    "200   302   302   302   302   302   302   302   302",
    "customer:summary":                                     "login 302   302   302   302   302   302   302   302",
    "customer:change-password":                             "login 200   200   200   200   200   200   200   200",
    "customer:profile-view":                                "login 200   200   200   200   200   200   200   200",
    "customer:profile-update":                              "login 200   200   200   200   200   200   200   200",
    "customer:profile-delete":                              "login 200   200   200   200   200   200   200   200",
    "customer:order-list":                                  "login 200   200   200   200   200   200   200   200",
    "customer:order":                                       "login 404   404   404   404   404   404   404   404",
    "customer:order-line":                                  "login 404   404   404   404   404   404   404   404",
    "customer:anon-order-form":                             "200   200   200   200   200   200   200   200   200",
    "customer:anon-order":                                  "302   302   302   302   302   302   302   302   302",
    "customer:address-list":                                "login 200   200   200   200   200   200   200   200",
    "customer:address-create":                              "login 200   200   200   200   200   200   200   200",
    "customer:address-detail":                              "login 200   404   404   404   404   404   404   404",
    "customer:address-delete":                              "login 200   404   404   404   404   404   404   404",
    "customer:address-change-status":                       "login 302   404   404   404   404   404   404   404",
    "customer:email-list":                                  "login 200   200   200   200   200   200   200   200",
    "customer:email-detail":                                "login 404   404   404   404   404   404   404   404",
    "<lang>/shop/accounts/notifications/":                  "302   302   302   302   302   302   302   302   302",
    "customer:notifications-inbox":                         "login 200   200   200   200   200   200   200   200",
    "customer:notifications-archive":                       "login 200   200   200   200   200   200   200   200",
    "customer:notifications-update":                        "login 405   405   405   405   405   405   405   405",
    "customer:notifications-detail":                        "login 404   404   404   404   404   404   404   404",
    "customer:alerts-list":                                 "login 200   200   200   200   200   200   200   200",
    "customer:alert-create":                                "302   302   302   302   302   302   302   302   302",
    "customer:alerts-confirm":                              "404   404   404   404   404   404   404   404   404",
    "customer:alerts-cancel-by-key":                        "404   404   404   404   404   404   404   404   404",
    "customer:alerts-cancel-by-pk":                         "login 404   404   404   404   404   404   404   404",
    "customer:wishlists-list":                              "login 200   200   200   200   200   200   200   200",
    "customer:wishlists-add-product":                       "login 302   302   302   302   302   302   302   302",
    "customer:wishlists-create":                            "login 200   200   200   200   200   200   200   200",
    "customer:wishlists-create-with-product":               "login 200   200   200   200   200   200   200   200",
    "customer:wishlists-detail":                            "404   404   404   404   404   404   404   404   404",
    "customer:wishlists-update":                            "login 404   404   404   404   404   404   404   404",
    "customer:wishlists-delete":                            "login 404   404   404   404   404   404   404   404",
    "customer:wishlists-remove-product":                    "login 404   404   404   404   404   404   404   404",
    "customer:wishlists-move-product-to-another":           "login 404   404   404   404   404   404   404   404",
    "password-reset":                                       "200   403   403   403   403   403   403   403   403",
    "password-reset-done":                                  "200   403   403   403   403   403   403   403   403",
    "password-reset-confirm":                               "200   403   403   403   403   403   403   403   403",
    "password-reset-complete":                              "200   403   403   403   403   403   403   403   403",
    "customer:logout":                                      "302   302   302   302   302   302   302   302   302",
    "dashboard:logout":                                     "405   405   405   405   405   405   405   405   405",
    # The Django admin is for superusers and office admins only (shop/admin_site.py):
    # center staff, center manager and office staff are sent to its login page.
    "django-admin/ /django-admin/":                         "login login login login login login login 200   login",
    "django-admin/ /django-admin/auth/user/":               "login login login login login login login 200   login",
    "django-admin/ /django-admin/catalogue/product/":       "login login login login login login login 200   login",
    "django-admin/ /django-admin/inventory/stockmovement/": "login login login login login login login 200   login",
    "django-admin/ /django-admin/axes/accessattempt/":      "login login login login login login login 403   login",
    "django-admin/ /django-admin/partner/stockrecord/{stockrecord}/change/": "login login login login login login login 200   login",
    "django-admin/ /django-admin/order/order/":             "login login login login login login login 200   login",
    "cms/ /cms/":                                           "login login login login login login 200   200   200",
    "cms/ /cms/pages/":                                     "login login login login login login 200   200   200",
    "cms/ /cms/pages/{home}/":                              "login login login login login login 200   200   200",
    "cms/ /cms/pages/{home}/edit/":                         "login login login login login login 200   200   200",
    "cms/ /cms/images/":                                    "login login login login login login 200   200   200",
    "cms/ /cms/documents/":                                 "login login login login login login 200   200   200",
    "cms/ /cms/users/":                                     "login login login login login login 302   200   302",
    "cms/ /cms/groups/":                                    "login login login login login login 302   302   302",
    "cms/ /cms/reports/locked/":                            "login login login login login login 302   200   200",
    "dashboard: /dashboard/catalogue/":                     "login 403   403   403   200   200   200   200   403",
    "dashboard: /dashboard/orders/":                        "login 403   403   403   200   200   200   200   403",
    "dashboard: /dashboard/users/":                         "login 403   403   403   403   403   403   200   403",
    "dashboard: /dashboard/partners/":                      "login 403   403   403   200   200   200   200   403",
    "dashboard: /dashboard/offers/":                        "login 403   403   403   403   403   200   200   403",
    "dashboard: /dashboard/vouchers/":                      "login 403   403   403   403   403   200   200   403",
    "dashboard: /dashboard/reports/":                       "login 403   403   403   403   403   403   403   403",
    "dashboard: /dashboard/pages/":                         "login 403   403   403   403   403   403   403   403",
    "dashboard: /dashboard/ranges/":                        "login 403   403   403   403   403   200   200   403",
    "dashboard: /dashboard/reviews/":                       "login 403   403   403   403   403   403   403   403",
    "dashboard: /dashboard/comms/":                         "login 403   403   403   403   403   403   403   403",
    "dashboard: /dashboard/shipping/weight-based/":         "login 403   403   403   403   403   200   200   403",
}  # fmt: skip


# --- Changes by POST: the object-scoped portal and office actions ------------------------------
# Their GET answers 404/405 above, which says nothing about a POST; here
# producer B posts to producer A's objects and must get a 404 with nothing
# changed, and a producer posting to office or center actions is refused.

POSTS = [
    ("producer_b", "catalog-portal:product-transition", {"pk": "product_a"}, {"transition": "withdraw"}, "404"),
    ("producer_b", "catalog-portal:product-image-delete", {"pk": "product_a", "image_pk": "image_a"}, {}, "404"),
    ("producer_b", "catalog-portal:product-image-edit", {"pk": "product_a", "image_pk": "image_a"},
     {"alt_text": "mine now"}, "404"),
    ("producer_b", "catalog-portal:certification-delete", {"pk": "product_a", "cert_pk": "cert_a"}, {}, "404"),
    ("producer_b", "catalog-portal:member-remove", {"user_pk": "second_member_a"}, {}, "404"),
    ("producer_a", "catalog-office:application-approve", {"pk": "application"}, {}, "403"),
    ("producer_a", "inventory:count-cancel", {"pk": "count_sheet"}, {}, "403"),
    ("office_staff", "inventory:count-cancel", {"pk": "count_sheet"}, {}, "403"),
    ("customer", "inventory:dispatch", {}, {}, "403"),
]  # fmt: skip


@pytest.mark.parametrize(("role", "name", "kwargs", "data", "expected"), POSTS, ids=[f"{p[0]}-{p[1]}" for p in POSTS])
def test_a_post_to_another_producers_object_or_a_forbidden_action_changes_nothing(
    client, home_page, role, name, kwargs, data, expected
):
    world = world_build(home_page)
    client.force_login(world.users[role])
    objects = [world.objects[value] for value in kwargs.values()]
    before = [(type(obj), obj.pk, _snapshot(type(obj).objects.get(pk=obj.pk))) for obj in objects]
    with translation.override("en"):
        url = reverse(name, kwargs={key: world.objects[value].pk for key, value in kwargs.items()})

    response = client.post(url, data)

    assert outcome(response) == expected
    assert [(kind, key, _snapshot(kind.objects.filter(pk=key).first())) for kind, key, _ in before] == before


def _snapshot(obj):
    from django.forms.models import model_to_dict

    return None if obj is None else {key: str(value) for key, value in model_to_dict(obj).items()}
