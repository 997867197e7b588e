"""Product passport data for the demo catalogue: origin tambon, textile
facts, shipping, the digital-wallet flag, and a few certifications (one
valid, one expiring within 30 days so the warning task has work, one
expired so the passport shows it is not valid any more).

Idempotent: passport fields are filled only on products that have none yet
(origin tambon empty), and certifications only on products without any, so
a re-run changes nothing and an editor's changes stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from oscar.core.loading import get_model

from .data.producers import PRODUCERS
from .plan import ProductSpec, product_plan

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")

# craft -> (fibre, dye type, dye source, weaving technique)
TEXTILES = {
    "silk": ("silk", "chemical", "", "yok_dok"),
    "cotton": ("cotton", "chemical", "", "plain"),
    "teenjok": ("blend", "natural", "lac", "jok"),
    "indigo": ("cotton", "natural", "indigo", "plain"),
    "hilltribe": ("cotton", "natural", "ebony", "plain"),
}
PERISHABLE = {"namprik", "saiua", "strawberry"}
WEIGHTS = {
    "silk": 150,
    "cotton": 300,
    "teenjok": 450,
    "indigo": 250,
    "hilltribe": 300,
    "umbrella": 900,
    "woodcarving": 1500,
    "silver": 120,
    "lacquer": 400,
    "ceramic": 800,
    "basket": 500,
}

# (craft, kind, number prefix, issuer, days until expiry or None)
CERTIFICATIONS = [
    ("silk", "tcps", "มผช. 18/2565", "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม (สมอ.)", 400),
    ("umbrella", "gi", "สช 49100027", "กรมทรัพย์สินทางปัญญา", None),
    ("namprik", "fda", "50-2-01234-2-0001", "สำนักงานคณะกรรมการอาหารและยา (อย.)", None),
    ("coffee", "organic", "OT-CM-0412", "กรมวิชาการเกษตร", 20),  # expires within 30 days
    ("honey", "gmp_haccp", "GMP-50-0077", "สำนักงานสาธารณสุขจังหวัดเชียงใหม่", -10),  # expired
]

_TAMBON = {p["slug"]: p["tambon"] for p in PRODUCERS}


@dataclass(frozen=True)
class PassportResult:
    products_updated: int
    certifications_created: int


def _passport_fields(spec: ProductSpec) -> dict:
    fibre, dye_type, dye_source, technique = TEXTILES.get(spec.craft, ("", "", "", ""))
    return {
        "origin_tambon": _TAMBON[spec.producer_slug],
        "fibre": fibre,
        "dye_type": dye_type,
        "dye_source_plant": dye_source,
        "weaving_technique": technique,
        "not_shippable_abroad": spec.craft in PERISHABLE,
        # Everything in the demo is an ordinary OTOP good, so eligible
        # except every third product, to show both states.
        "digital_wallet_eligible": spec.index % 3 != 2,
        "weight_grams": WEIGHTS.get(spec.craft, 250),
    }


def seed_passport(*, count: int) -> PassportResult:
    plan = product_plan(count)
    by_upc = {spec.upc: spec for spec in plan}
    updated = 0
    for product in Product.objects.filter(upc__in=by_upc, origin_tambon=""):
        fields = _passport_fields(by_upc[product.upc])
        for name, value in fields.items():
            setattr(product, name, value)
        product.save(update_fields=list(fields))
        updated += 1

    created = 0
    today = timezone.localdate()
    first_of_craft: dict[str, str] = {}
    for spec in plan:
        first_of_craft.setdefault(spec.craft, spec.upc)
    for craft, kind, number, issuer, days in CERTIFICATIONS:
        upc = first_of_craft.get(craft)
        product = Product.objects.filter(upc=upc).first() if upc else None
        if product is None or product.certifications.exists():
            continue
        Certification.objects.create(
            product=product,
            kind=kind,
            number=number,
            issuer=issuer,
            expiry_date=today + timedelta(days=days) if days is not None else None,
        )
        created += 1
    return PassportResult(products_updated=updated, certifications_created=created)
