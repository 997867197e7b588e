"""Demo producers: each an Oscar partner plus an approved catalogue.Producer."""

from __future__ import annotations

from dataclasses import dataclass

from oscar.core.loading import get_model

from catalog.producers.services import producer_create

from .data.producers import PRODUCERS

District = get_model("catalogue", "District")
Producer = get_model("catalogue", "Producer")


@dataclass(frozen=True)
class SeedResult:
    created: int
    existing: int


def seed_producers() -> SeedResult:
    """Create the demo producers that are missing (looked up by slug);
    existing ones are left as they are, whatever an editor changed."""
    existing = set(Producer.objects.filter(slug__in=[p["slug"] for p in PRODUCERS]).values_list("slug", flat=True))
    districts = {d.code: d for d in District.objects.all()}
    created = 0
    for number, data in enumerate(PRODUCERS, start=1):
        if data["slug"] in existing:
            continue
        district = districts[data["district"]]
        producer_create(
            slug=data["slug"],
            name_th=data["name_th"],
            name_en=data["name_en"],
            kind=data["kind"],
            # Demo producers count as already verified by the office.
            status=Producer.Status.APPROVED,
            otop_registration_number=f"OTOP-{district.code}-{number:03d}",
            district=district,
            tambon=data["tambon"],
            village=data["village"],
            address=f"{data['village']} ต.{data['tambon']} อ.{district.name_th} จ.เชียงใหม่",
            contact_name=data["contact"],
            phone=data["phone"],
            email=f"{data['slug']}@producers.demo.otop",
            line_id=data["line"],
            story_th=data["story_th"],
            story_en=data["story_en"],
        )
        created += 1
    return SeedResult(created=created, existing=len(existing))
