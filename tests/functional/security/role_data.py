"""The role matrix's world: two producers (A and B) with products, photos,
certifications, imports, receipts; a counter sale and a count sheet; a
customer with an address; a story page; and one user per role, made
members of their groups by the same roles_sync() deploys use.

Every object a URL names belongs to producer A (or to the customer), so a
producer B member asking for it shows whether one producer can reach
another's data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oscar.core.loading import get_model

from inventory.models import CounterSale, CountSheet, Location, Receipt
from shop.common.roles import (
    CENTER_MANAGER,
    CENTER_STAFF,
    CONTENT_EDITOR,
    OFFICE_ADMIN,
    OFFICE_STAFF,
    PRODUCER_MEMBER,
    roles_sync,
)
from tests.factories.catalog import (
    CertificationFactory,
    ProducerApplicationFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    StockRecordFactory,
    UserFactory,
    category_get_or_create,
    producer_member,
)
from tests.factories.inventory import stock_receive

ROLES = (
    "anonymous", "customer", "producer_a", "producer_b", "center_staff", "center_manager",
    "office_staff", "office_admin", "content_editor",
)  # fmt: skip
# The role matrix also walks every URL as a superuser (world.users["superuser"]),
# who may do anything but must never get a 500; kept out of ROLES so the
# expectation rows (and the walks built on them) keep their nine columns.
MATRIX_ROLES = (*ROLES, "superuser")

ImportJob = get_model("catalogue", "ImportJob")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _staff_in(group: str, username: str, *, is_staff: bool = True):
    user = UserFactory(username=username, email=f"{username}@example.com", is_staff=is_staff)
    user.groups.add(Group.objects.get(name=group))
    return get_user_model().objects.get(pk=user.pk)


def world_build(home_page) -> World:
    roles_sync()
    world = World()
    producer_a = ProducerFactory(slug="producer-a", name_en="Producer A")
    producer_b = ProducerFactory(slug="producer-b", name_en="Producer B")
    product_a = ProductFactory(producer=producer_a, title_en="A's silk", listing_status="submitted", is_public=False)
    public_a = StockRecordFactory(
        product__producer=producer_a, product__title_en="A's scarf", price=Decimal("450")
    ).product
    product_b = ProductFactory(producer=producer_b, title_en="B's cotton")
    image_a = ProductImageFactory(product=product_a)
    cert_a = CertificationFactory(product=product_a)
    job_a = ImportJob.objects.create(producer=producer_a, filename="a.csv", file_format="csv", content=b"")
    # A posted goods received note (drafts stay internal to the center).
    stock_receive(product=public_a, quantity=3)
    receipt_a = Receipt.objects.get(producer=producer_a, status=Receipt.Status.POSTED)
    counter_sale = CounterSale.objects.create(token=uuid.uuid4(), payment_method="cash", total=Decimal("450"))
    count_sheet = CountSheet.objects.create(location=Location.objects.get(code="SKP-A-01"))
    application = ProducerApplicationFactory()
    category = category_get_or_create("role-matrix", "Role matrix")

    def member(producer, username):
        user = producer_member(producer, username=username, email=f"{username}@example.com")
        user.groups.add(Group.objects.get(name=PRODUCER_MEMBER))
        return user

    customer = UserFactory(username="customer", email="customer@example.com")
    second_member_a = member(producer_a, "member-a2")
    address = UserAddress.objects.create(
        user=customer, first_name="Somchai", last_name="Jaidee", line1="1 Road", line4="Chiang Mai",
        postcode="50130", country=Country.objects.get_or_create(iso_3166_1_a2="TH", defaults={"name": "Thailand"})[0],
    )  # fmt: skip

    world.users = {
        "anonymous": None,
        "customer": customer,
        "producer_a": member(producer_a, "member-a"),
        "producer_b": member(producer_b, "member-b"),
        "center_staff": _staff_in(CENTER_STAFF, "center-staff"),
        "center_manager": _staff_in(CENTER_MANAGER, "center-manager"),
        "office_staff": _staff_in(OFFICE_STAFF, "office-staff"),
        "office_admin": _staff_in(OFFICE_ADMIN, "office-admin"),
        # Not is_staff on purpose (shop/common/roles.py): Wagtail only.
        "content_editor": _staff_in(CONTENT_EDITOR, "editor", is_staff=False),
        "superuser": UserFactory(username="root", email="root@example.com", is_staff=True, is_superuser=True),
    }
    world.objects = {
        "home_page": home_page, "producer_a": producer_a, "producer_b": producer_b, "product_a": product_a,
        "public_a": public_a, "product_b": product_b, "image_a": image_a, "cert_a": cert_a, "job_a": job_a,
        "receipt_a": receipt_a, "counter_sale": counter_sale, "count_sheet": count_sheet,
        "application": application, "second_member_a": second_member_a, "address": address,
        "partner_a": producer_a.partner, "category": category,
    }  # fmt: skip
    return world
