"""The listing workflow and the registration queue, shown with demo rows.

* Three extra products of the demo producer (the one producer@demo.otop
  manages), one in each state a producer works with: a draft, one waiting
  for the office's review, and one the office rejected with a comment.
* One pending producer registration in the office's queue: an indigo-dye
  group in Mae On. Its applicant account has no usable password (demo only).

Idempotent: products are found by UPC, the application by its OTOP number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.services import product_create, product_image_add

from .accounts import DEMO_PRODUCER_SLUG
from .images import render_picture
from .stock import seed_stock

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")
ProducerApplication = get_model("catalogue", "ProducerApplication")
District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")
Category = get_model("catalogue", "Category")

LISTINGS = [
    dict(
        upc="8850000000017",
        status="draft",
        sku="SKP-DRAFT-01",
        price=Decimal("1890.00"),
        title="ผ้าคลุมไหล่ไหมย้อมครามธรรมชาติ",
        title_en="Natural indigo silk shawl (draft)",
        title_zh_hans="天然靛蓝丝绸披肩",
        colour="#1f3a68",
        comment="",
    ),
    dict(
        upc="8850000000024",
        status="submitted",
        sku="SKP-REVIEW-01",
        price=Decimal("2450.00"),
        title="ผ้าไหมยกดอกลายพิกุล สีทอง",
        title_en="Golden pikul-flower silk brocade (in review)",
        title_zh_hans="金色小花提花丝绸",
        colour="#d4a017",
        comment="",
    ),
    dict(
        upc="8850000000031",
        status="rejected",
        sku="SKP-REJECT-01",
        price=Decimal("99.00"),
        title="ผ้าพันคอไหม",
        title_en="Silk scarf (rejected)",
        title_zh_hans="丝绸围巾",
        colour="#9b1b30",
        comment="ราคา 99 บาทต่ำเกินไปสำหรับผ้าไหมทอมือ กรุณาตรวจสอบราคาและเพิ่มรูปด้านหลังผ้า",
    ),
]

APPLICATION = dict(
    otop_registration_number="OTOP-5023-APPLY-1",
    name_th="กลุ่มผ้าย้อมครามบ้านออนเหนือ",
    name_en="On Nuea Indigo Dyers Group",
    kind="community_enterprise",
    district_code="5023",
    tambon="ออนเหนือ",
    village="บ้านออนเหนือ หมู่ 4",
    postcode="50130",
    contact_name="นางบัวผัน ใจดี",
    phone="0861234599",
    line_id="onnuea.indigo",
    email="applicant@demo.otop",
    story="แม่บ้านสิบสองครัวเรือนปลูกต้นครามและย้อมผ้าฝ้ายด้วยมือ อยากนำผ้ามาขายที่ศูนย์ OTOP สันกำแพง",
)


@dataclass(frozen=True)
class ListingsResult:
    products_created: int
    application_created: bool


def seed_listings() -> ListingsResult:
    producer = Producer.objects.select_related("partner", "district").filter(slug=DEMO_PRODUCER_SLUG).first()
    created = 0
    if producer is not None:
        textiles = OtopProductType.objects.filter(code="textiles").first()
        silk = Category.objects.filter(slug="silk").first()
        existing = set(Product.objects.filter(upc__in=[row["upc"] for row in LISTINGS]).values_list("upc", flat=True))
        for row in LISTINGS:
            if row["upc"] in existing or textiles is None:
                continue
            product = product_create(
                title=row["title"],
                title_en=row["title_en"],
                title_zh_hans=row["title_zh_hans"],
                description="ทอมือจากเส้นไหมที่เลี้ยงในหมู่บ้าน",
                description_en="Handwoven from village-reared silk.",
                producer=producer,
                otop_type=textiles,
                categories=[silk] if silk else [],
                upc=row["upc"],
                listing_status=row["status"],
                origin_tambon=producer.tambon,
                fibre="silk",
                dye_type="natural" if "indigo" in row["title_en"].lower() else "chemical",
                dye_source_plant="indigo" if "indigo" in row["title_en"].lower() else "",
                weaving_technique="yok_dok",
            )
            if row["comment"]:
                Product.objects.filter(pk=product.pk).update(review_comment=row["comment"])
            product_image_add(
                product=product,
                content=render_picture(
                    motif="weave", colour=row["colour"], seed=int(row["upc"][-6:]), label=row["title_en"]
                ),
                filename=f"{row['upc']}.jpg",
                caption=row["title_en"],
                alt_text=row["title_en"],
                display_order=0,
            )
            seed_stock(product=product, partner=producer.partner, quantity=0, sku=row["sku"], price=row["price"])
            created += 1

    application_created = False
    if not ProducerApplication.objects.filter(
        otop_registration_number=APPLICATION["otop_registration_number"]
    ).exists():
        User = get_user_model()
        user = User.objects.filter(email__iexact=APPLICATION["email"]).first()
        if user is None:
            user = User(
                username=APPLICATION["email"], email=APPLICATION["email"], first_name=APPLICATION["contact_name"]
            )
            user.set_unusable_password()
            user.save()
        data = {k: v for k, v in APPLICATION.items() if k != "district_code"}
        application = ProducerApplication.objects.create(
            district=District.objects.get(code=APPLICATION["district_code"]),
            applicant=user,
            language="th",
            email_verified_at=timezone.now(),
            received_emailed_at=timezone.now(),
            **data,
        )
        application.product_types.set(OtopProductType.objects.filter(code="textiles"))
        application_created = True
    return ListingsResult(products_created=created, application_created=application_created)
