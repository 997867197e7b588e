"""Reference data: Chiang Mai's districts and the OTOP product types, loaded
from catalog/data/ by `load_demo_data` and deploys."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from oscar.core.loading import get_model

District = get_model("catalogue", "District")
OtopProductType = get_model("catalogue", "OtopProductType")

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _sync_rows(*, model, rows: Iterable[dict], key: str, fields: tuple[str, ...]) -> SyncResult:
    """Upsert rows by their natural key, writing only rows that changed, so a
    re-run is a handful of SELECTs and no writes. Rows missing from the file
    are left alone: products and producers point at them with PROTECT."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    created = updated = unchanged = 0
    for row in rows:
        values = {field: row[field] for field in fields if field in row}
        obj = existing.get(row[key])
        if obj is None:
            model.objects.create(**{key: row[key]}, **values)
            created += 1
            continue
        changed = [field for field, value in values.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, values[field])
            obj.save(update_fields=changed)
            updated += 1
        else:
            unchanged += 1
    return SyncResult(created=created, updated=updated, unchanged=unchanged)


def _load_json(path: Path, section: str) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)[section]


@transaction.atomic
def district_sync_reference_data(*, path: Path | None = None) -> SyncResult:
    """Create or update Chiang Mai's 25 districts from catalog/data/districts.json."""
    rows = _load_json(path or DATA_DIR / "districts.json", "districts")
    return _sync_rows(model=District, rows=rows, key="code", fields=("slug", "name_th", "name_en", "name_zh_hans"))


@transaction.atomic
def otop_product_type_sync_reference_data(*, path: Path | None = None) -> SyncResult:
    """Create or update the five OTOP product types from catalog/data/otop_product_types.json."""
    rows = _load_json(path or DATA_DIR / "otop_product_types.json", "product_types")
    return _sync_rows(
        model=OtopProductType,
        rows=rows,
        key="code",
        fields=("name_th", "name_en", "name_zh_hans", "position"),
    )
