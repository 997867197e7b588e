"""Reads of the producer side: who may do what, the portal's scoped reads,
the office's queues and lists, and the duplicate check of registrations.

``producer_for_user`` is THE scoping selector of the portal: every portal
read starts from the producer it returns, so another producer's objects are
simply not found (404, never 403)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .. import thai_address

AuditLog = get_model("catalogue", "AuditLog")
Certification = get_model("catalogue", "Certification")
ImportJob = get_model("catalogue", "ImportJob")
MemberInvitation = get_model("catalogue", "MemberInvitation")
OtopProductType = get_model("catalogue", "OtopProductType")
Producer = get_model("catalogue", "Producer")
ProducerApplication = get_model("catalogue", "ProducerApplication")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")


# --- Who may do what ------------------------------------------------------------------


def user_is_office(user) -> bool:
    """Office staff (and admins): may review registrations, publish listings
    and act for any producer. Center staff are is_staff too, but lack the
    permission."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("catalogue.publish_product")
    )


def user_can_review_applications(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("catalogue.review_producerapplication")
    )


def user_can_set_commission_rates(user) -> bool:
    """Office staff who may change producers: the commission rates are part
    of the center's terms with each producer."""
    return user_is_office(user) and user.has_perm("catalogue.change_producer")


def producers_for_user(*, user) -> QuerySet:
    """The producers ``user`` may manage in the portal: every approved
    producer for office staff, else the approved producers whose Oscar
    partner lists the user as a member."""
    qs = Producer.objects.filter(status=Producer.Status.APPROVED).select_related("partner", "district")
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if user_is_office(user):
        return qs
    return qs.filter(partner__users=user).distinct()


def user_lands_on_portal(user) -> bool:
    """True for a producer member who is not staff: its dashboard home is
    the producer portal (shop/dashboard/index.py). Staff who are also
    members keep Oscar's dashboard home."""
    if user is None or not user.is_authenticated or user.is_staff:
        return False
    return producers_for_user(user=user).exists()


def producer_for_user(*, user, producer_id: int | str | None = None):
    """THE scoping selector of the producer portal: the producer whose data
    this request may read and write, or None.

    ``producer_id`` is the one chosen earlier (kept in the session). It is
    honoured only if the user may manage it; a member who belongs to exactly
    one producer always gets that one. Every portal query starts from the
    producer returned here, so another producer's objects are simply not
    found (404, never 403).
    """
    allowed = producers_for_user(user=user)
    if producer_id not in (None, ""):
        try:
            chosen = allowed.filter(pk=int(producer_id)).first()
        except (TypeError, ValueError):
            chosen = None
        if chosen is not None:
            return chosen
    if user_is_office(user):
        return None  # the office must choose whom to act for
    mine = list(allowed[:2])
    return mine[0] if len(mine) == 1 else None


def producers_to_act_for(*, user, query: str = "", limit: int = 100) -> list:
    """The producers the portal's "act for" page lists for ``user`` (see
    ``producers_for_user``), by Thai name, optionally those whose Thai or
    English name contains ``query``."""
    producers = producers_for_user(user=user).order_by("name_th")
    query = (query or "").strip()[:100]
    if query:
        producers = producers.filter(Q(name_th__icontains=query) | Q(name_en__icontains=query))
    return list(producers[:limit])


def products_for_producer(*, producer, status: str = "") -> QuerySet:
    """All products of one producer, whatever their listing status (or only
    those in ``status``, when it is one)."""
    products = (
        Product.objects.filter(producer=producer)
        .select_related("otop_type", "origin_district", "producer")
        .prefetch_related("stockrecords", "images", "categories")
        .order_by("-date_updated", "-pk")
    )
    if status in Product.ListingStatus.values:
        products = products.filter(listing_status=status)
    return products


def product_images(*, product) -> QuerySet:
    """A product's photos in their display order (the product was found
    through the portal's producer, so these are that producer's)."""
    return product.images.all()


def product_certifications(*, product) -> QuerySet:
    return product.certifications.all()


def producer_bank_account(*, producer):
    """The producer's bank account, or None (the number is read only to be
    masked: see ProducerBankAccount)."""
    return ProducerBankAccount.objects.filter(producer=producer).first()


def product_stock_record(*, product):
    """The producer's own stock record of a product (lowest pk, the one the
    inventory keeps in step), or None."""
    if product.producer_id is None:
        return None
    records = sorted(
        (r for r in product.stockrecords.all() if r.partner_id == product.producer.partner_id), key=lambda r: r.pk
    )
    return records[0] if records else None


def certifications_for_producer(*, producer) -> QuerySet:
    return Certification.objects.filter(product__producer=producer).select_related("product")


def product_images_for_producer(*, producer) -> QuerySet:
    return ProductImage.objects.filter(product__producer=producer).select_related("product")


def import_jobs_for_producer(*, producer) -> QuerySet:
    return ImportJob.objects.filter(producer=producer).defer("content")


def audit_log_for_producer(*, producer) -> QuerySet:
    return AuditLog.objects.filter(producer=producer).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class MemberRow:
    user: object
    invitation: object | None  # the latest invitation of this member, if any

    @property
    def has_logged_in(self) -> bool:
        return self.user.last_login is not None


def producer_members(*, producer) -> list[MemberRow]:
    """The producer's members (its partner's users) with their latest
    invitation, in two queries whatever the number of members."""
    users = list(producer.partner.users.order_by("email", "pk"))
    latest: dict[int, object] = {}
    for invitation in (
        MemberInvitation.objects.filter(producer=producer, user__in=users)
        .select_related("invited_by")
        .order_by("created_at", "pk")
    ):
        latest[invitation.user_id] = invitation
    return [MemberRow(user=user, invitation=latest.get(user.pk)) for user in users]


def producer_member_get(*, producer, user_id: int):
    """One member of ``producer``, or None (another producer's member, or
    any other account, is simply not found)."""
    return producer.partner.users.filter(pk=user_id).first()


# --- Office: producers and commission rates ---------------------------------------------


def producers_for_office(*, query: str = "") -> QuerySet:
    """Every producer (any status) for the office's producer list, optionally
    filtered by name, slug or OTOP number."""
    qs = Producer.objects.select_related("district").order_by("name_th", "pk")
    query = (query or "").strip()[:100]
    if query:
        qs = qs.filter(
            Q(name_th__icontains=query)
            | Q(name_en__icontains=query)
            | Q(slug__icontains=query)
            | Q(otop_registration_number__icontains=query)
        )
    return qs


def producer_settings_history(*, producer, limit: int = 20) -> QuerySet:
    """The latest changes of a producer's settings (commission rate, email
    language), from its audit log."""
    return audit_log_for_producer(producer=producer).filter(action="producer.settings")[:limit]


def product_types_of_producer(*, producer) -> QuerySet:
    return producer.product_types.all()


def otop_product_types_for_rates() -> QuerySet:
    return OtopProductType.objects.order_by("position", "code")


def commission_rate_changes_for_types(*, limit: int = 20) -> QuerySet:
    """Recent office-wide audit rows about product-type commission rates."""
    return AuditLog.objects.filter(producer__isnull=True, action="product_type.commission_rate").order_by(
        "-created_at", "-pk"
    )[:limit]


# --- Office queues ------------------------------------------------------------------------


def applications_for_review(*, status: str | None = ProducerApplication.Status.PENDING) -> QuerySet:
    qs = ProducerApplication.objects.select_related("district", "applicant", "decided_by").prefetch_related(
        "photos", "product_types"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("created_at", "pk") if status == ProducerApplication.Status.PENDING else qs


def products_for_listing_review() -> QuerySet:
    """Every producer's product, whatever its status, with what the office's
    review screen shows of it (the listing to review is found among these)."""
    return Product.objects.filter(producer__isnull=False).select_related("producer", "otop_type", "origin_district")


def products_awaiting_review() -> QuerySet:
    return (
        Product.objects.filter(listing_status=Product.ListingStatus.SUBMITTED)
        .select_related("producer", "otop_type")
        .prefetch_related("images", "stockrecords")
        .order_by("listing_status_changed_at", "pk")
    )


# --- Duplicate producers -----------------------------------------------------------------


def name_key(name: str) -> str:
    """A producer name for comparison: NFC, case-folded, without spaces and
    the usual Thai/English group prefixes, so "กลุ่มทอผ้า บ้านดอน" and
    "กลุ่มทอผ้าบ้านดอน" meet."""
    text = unicodedata.normalize("NFC", str(name or "")).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".-_,()\"'")


def _tambon_key(*, district_code: str, tambon: str) -> str:
    """The tambon's canonical Thai name when the bundled data knows it
    ("ต.ต้นเปา", "Ton Pao" and "ต้นเปา" meet), else the typed name."""
    found = thai_address.tambon_get(
        tambon=tambon, district=district_code, province=thai_address.CHIANG_MAI_PROVINCE_CODE
    )
    return found[0].name_th if len(found) == 1 else thai_address.normalise_place_name(tambon)


@dataclass(frozen=True)
class DuplicateHit:
    field: str
    message: str


def producer_duplicates_find(
    *,
    otop_registration_number: str,
    phone: str,
    name_th: str,
    district,
    tambon: str,
    exclude_application_id: int | None = None,
) -> list[DuplicateHit]:
    """Existing producers and pending applications that look like the same
    group: same OTOP number, same (normalised) phone, or same name in the
    same tambon. Rejected producers and applications do not count, so a group
    turned down for a fixable reason can apply again."""
    hits: list[DuplicateHit] = []
    producers = Producer.objects.exclude(status=Producer.Status.REJECTED)
    pending = ProducerApplication.objects.filter(status=ProducerApplication.Status.PENDING)
    if exclude_application_id is not None:
        pending = pending.exclude(pk=exclude_application_id)

    number = (otop_registration_number or "").strip()
    if number:
        if producers.filter(otop_registration_number__iexact=number).exists():
            hits.append(
                DuplicateHit(
                    "otop_registration_number",
                    _(
                        "A registered producer already has this OTOP registration number. "
                        "If it is your group, ask its members to add you, or contact the office."
                    ),
                )
            )
        elif pending.filter(otop_registration_number__iexact=number).exists():
            hits.append(
                DuplicateHit(
                    "otop_registration_number",
                    _("An application with this OTOP registration number is already waiting for review."),
                )
            )
    if phone:
        if producers.filter(phone=phone).exists():
            hits.append(
                DuplicateHit(
                    "phone",
                    _(
                        "A registered producer already uses this phone number. "
                        "If it is your group, ask its members to add you, or contact the office."
                    ),
                )
            )
        elif pending.filter(phone=phone).exists():
            hits.append(
                DuplicateHit("phone", _("An application with this phone number is already waiting for review."))
            )
    key = name_key(name_th)
    if key and district is not None and tambon:
        tambon_key = _tambon_key(district_code=district.code, tambon=tambon)
        same_place_producers = producers.filter(district=district).values_list("name_th", "tambon")
        same_place_pending = pending.filter(district=district).values_list("name_th", "tambon")
        if any(
            name_key(name) == key and _tambon_key(district_code=district.code, tambon=t) == tambon_key
            for name, t in same_place_producers
        ):
            hits.append(
                DuplicateHit(
                    "name_th",
                    _(
                        "A registered producer in this tambon already has this name. "
                        "If it is your group, ask its members to add you, or contact the office."
                    ),
                )
            )
        elif any(
            name_key(name) == key and _tambon_key(district_code=district.code, tambon=t) == tambon_key
            for name, t in same_place_pending
        ):
            hits.append(
                DuplicateHit(
                    "name_th", _("An application with this name in this tambon is already waiting for review.")
                )
            )
    return hits
