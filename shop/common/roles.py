"""Staff roles as Django groups, kept in step with the code by `roles_sync()`.

Every environment needs the same six groups (not only the demo), so they are
defined here and synced idempotently: by `load_demo_data`, and by deploys or
tests that call `roles_sync()` directly. Who may do what:

- Office admin: everything office staff can, plus users, producers' partner
  records, reference data and Wagtail settings. Members are also is_staff.
- Office staff: verify producers, publish listings, handle orders; they use
  the Oscar dashboard (needs is_staff on the user) and the Wagtail admin.
  `catalogue.review_producerapplication` opens the registration queue,
  `catalogue.publish_product` the listing queue and acting for a producer in
  the producer portal (catalog.producers.selectors.user_is_office).
- Center staff / Center manager: stock and orders at the San Kamphaeng
  center (is_staff). The manager's extra rights (approving adjustments) are
  added by the inventory issue with its own permissions. They do not see
  producers' partner records (members' emails): Oscar's partners dashboard
  is the office's (shop/dashboard/partners).
- Oscar's dashboard pages that read on GET and write on POST need the
  change permission for the POST, not only the view permission
  (shop/common/permissions.py): a role granted ``view_*`` only reads.
- Content editor: Wagtail admin only (stories and campaign pages), with page
  permissions on the site's home page in every language. Deliberately NOT
  is_staff, so Oscar's dashboard stays closed to them.
- Producer member: Oscar's `partner.dashboard_access`, which opens the
  dashboard and the producer portal (/dashboard/portal/) for the producers
  whose partner lists the user (`Partner.users`), and nothing else: the
  portal scopes every query by that producer, not by model permissions.
  Oscar's catalogue dashboard stays closed to them (403; see
  catalog/dashboard_catalogue.py). Members are added and removed in the
  portal (catalog.producers.services.members), which also manages this group.
- Commission rates (per producer and per OTOP product type) are set by
  office staff holding `catalogue.change_producer` (office staff and admins).

is_staff is a property of the user, not of a group, so the services that
create users set it (see shop/demo/accounts.py for the demo users).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction

OFFICE_ADMIN = "Office admin"
OFFICE_STAFF = "Office staff"
CENTER_STAFF = "Center staff"
CENTER_MANAGER = "Center manager"
CONTENT_EDITOR = "Content editor"
PRODUCER_MEMBER = "Producer member"

ALL_ROLES = (OFFICE_ADMIN, OFFICE_STAFF, CENTER_STAFF, CENTER_MANAGER, CONTENT_EDITOR, PRODUCER_MEMBER)


def _crud(app_label: str, *models: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


_VIEW = ("view",)
_EDIT = ("add", "change", "view")

_CENTER_STAFF_PERMS = [
    *_crud("catalogue", "product", "producer", "category", actions=_VIEW),
    *_crud("partner", "stockrecord", actions=("change", "view")),
    # No partner.view_partner: a partner record lists the producer's members
    # (their emails) and is the office's (shop/dashboard/partners, issue #16).
    *_crud("partner", "stockalert", actions=_VIEW),
    *_crud("order", "order", "line", "shippingevent", "ordernote", actions=("change", "view")),
    *_crud("inventory", "location", actions=_VIEW),
    # Inventory screens (/dashboard/inventory/; inventory/views/access.py).
    *_crud("inventory", "lot", "stockmovement", "stockbalance", "reservation", actions=_VIEW),
    *_crud("inventory", "receipt", "receiptline", "countersale", actions=("add", "change", "view")),
]

_OFFICE_STAFF_PERMS = [
    "wagtailadmin.access_admin",
    # Producer registrations and listings (catalog/).
    "catalogue.publish_product",
    "catalogue.review_producerapplication",
    *_crud("catalogue", "producerapplication", actions=("change", "view")),
    *_crud("catalogue", "certification"),
    *_crud("catalogue", "auditlog", actions=_VIEW),
    *_crud("catalogue", "importjob", actions=("add", "view")),
    *_crud("catalogue", "product", "productimage", "productcategory", "producer", "category"),
    *_crud("catalogue", "district", "otopproducttype", actions=_VIEW),
    *_crud("partner", "partner", "partneraddress", actions=_EDIT),
    *_crud("partner", "stockrecord", "stockalert", actions=("change", "view")),
    *_crud("order", "order", "line", "ordernote", "paymentevent", "shippingevent", actions=("change", "view")),
    *_crud("offer", "conditionaloffer", "range", actions=_EDIT),
    *_crud("voucher", "voucher", actions=_EDIT),
    *_crud("inventory", "location", actions=_VIEW),
    # Inventory screens are read-only for the office.
    *_crud(
        "inventory",
        "lot",
        "stockmovement",
        "stockbalance",
        "reservation",
        "receipt",
        "receiptline",
        "countersale",
        actions=_VIEW,
    ),
    # Shipping rates (Oscar's shipping dashboard).
    *_crud("shipping", "weightbased", "weightband", actions=_EDIT),
    # Fiscal-quarter reports and producer settlements (shop/reports/).
    "otop_reports.view_office_report",
    "otop_reports.manage_settlements",
]

_CONTENT_EDITOR_PERMS = [
    "wagtailadmin.access_admin",
    # Read access so page choosers can pick districts and producers.
    *_crud("catalogue", "district", "producer", "product", actions=_VIEW),
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    OFFICE_ADMIN: [
        *_OFFICE_STAFF_PERMS,
        *_crud("catalogue", "district", "otopproducttype", "productclass"),
        *_crud("partner", "partner", "partneraddress"),
        *_crud("auth", "user", actions=_EDIT),
        *_crud("inventory", "location"),
        *_crud("wagtailcore", "site", "locale", actions=("change", "view")),
    ],
    OFFICE_STAFF: _OFFICE_STAFF_PERMS,
    CENTER_STAFF: _CENTER_STAFF_PERMS,
    CENTER_MANAGER: [*_CENTER_STAFF_PERMS, *_crud("inventory", "location", actions=_EDIT)],
    CONTENT_EDITOR: _CONTENT_EDITOR_PERMS,
    PRODUCER_MEMBER: ["partner.dashboard_access"],
}

# Page permissions on the home page of every language (the translations are
# siblings under Wagtail's root, so each needs its own grant).
ROLE_PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    OFFICE_ADMIN: ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    OFFICE_STAFF: ("add_page", "change_page", "publish_page"),
    CONTENT_EDITOR: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}

# Wagtail checks image and document rights per collection, not per model.
ROLE_COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    OFFICE_ADMIN: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ),
    OFFICE_STAFF: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    CONTENT_EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}


@dataclass
class RolesSyncResult:
    groups_created: list[str] = field(default_factory=list)
    # Permissions named here whose model does not exist (yet): reported, not
    # fatal, because apps added by later issues bring their own permissions.
    missing_permissions: list[str] = field(default_factory=list)
    page_grants: int = 0


def _permissions(names: list[str] | tuple[str, ...], missing: list[str]) -> list[Permission]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
        ).select_related("content_type")
    }
    missing.extend(sorted(f"{app}.{code}" for app, code in wanted - found.keys()))
    return [found[key] for key in sorted(wanted & found.keys())]


def _home_pages():
    """The default site's root page in every locale (empty before Wagtail's
    site exists)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    return list(site.root_page.get_translations(inclusive=True))


@transaction.atomic
def roles_sync() -> RolesSyncResult:
    """Create the six role groups and set their model, page and collection
    permissions to exactly what is declared above. Safe to run at any time."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    result = RolesSyncResult()
    homes = _home_pages()
    root_collection = Collection.get_first_root_node()
    for name in ALL_ROLES:
        group, created = Group.objects.get_or_create(name=name)
        if created:
            result.groups_created.append(name)
        group.permissions.set(_permissions(ROLE_PERMISSIONS[name], result.missing_permissions))

        page_perms = _permissions(
            [f"wagtailcore.{code}" for code in ROLE_PAGE_PERMISSIONS.get(name, ())], result.missing_permissions
        )
        for page in homes:
            for perm in page_perms:
                _obj, made = GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)
                result.page_grants += int(made)

        if root_collection is not None:
            for perm in _permissions(ROLE_COLLECTION_PERMISSIONS.get(name, ()), result.missing_permissions):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
    result.missing_permissions = sorted(set(result.missing_permissions))
    return result
