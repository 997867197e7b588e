"""Demo users, one per kind of person who uses the shop.

DEMO ONLY: these passwords are public (printed by the command and written in
the README); never load demo data into a production database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oscar.core.loading import get_model

from shop.common import roles

Producer = get_model("catalogue", "Producer")

# The producer member acts for this San Kamphaeng silk group.
DEMO_PRODUCER_SLUG = "san-kamphaeng-silk-weavers"

DEMO_USERS = [
    dict(
        email="office@demo.otop",
        password="office-demo-2568",
        label="Office admin",
        first_name="สมศรี",
        last_name="พัฒนาชุมชน",
        is_staff=True,
        is_superuser=True,
        groups=[roles.OFFICE_ADMIN],
    ),
    dict(
        email="center@demo.otop",
        password="center-demo-2568",
        label="Center staff",
        first_name="มานพ",
        last_name="ศูนย์สันกำแพง",
        is_staff=True,
        groups=[roles.CENTER_STAFF],
    ),
    dict(
        email="producer@demo.otop",
        password="producer-demo-2568",
        label="Producer member",
        first_name="คำปัน",
        last_name="ใจบุญ",
        groups=[roles.PRODUCER_MEMBER],
        producer=DEMO_PRODUCER_SLUG,
    ),
    dict(
        email="customer@demo.otop",
        password="customer-demo-2568",
        label="Customer",
        first_name="Emily",
        last_name="Carter",
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    label: str
    email: str
    password: str
    created: bool


def seed_demo_users() -> list[DemoLogin]:
    """Create the demo users that do not exist yet (matched by email, case
    insensitive). Existing users are left untouched, password included: if
    someone changed a demo password we do not silently reset it."""
    User = get_user_model()
    logins = []
    for data in DEMO_USERS:
        exists = User.objects.filter(email__iexact=data["email"]).exists()
        if not exists:
            _create(User, data)
        logins.append(DemoLogin(data["label"], data["email"], data["password"], created=not exists))
    return logins


def _create(User, data: dict) -> None:
    user = User(
        # Oscar logs in by email (EmailBackend); the username just has to be unique.
        username=data["email"],
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        is_staff=data.get("is_staff", False),
        is_superuser=data.get("is_superuser", False),
    )
    user.set_password(data["password"])
    user.save()
    if data.get("groups"):
        user.groups.add(*Group.objects.filter(name__in=data["groups"]))
    producer = Producer.objects.select_related("partner").filter(slug=data.get("producer", "")).first()
    if producer is not None:
        producer.partner.users.add(user)
