"""The default zones and bins of the San Kamphaeng center, created in every
environment because receipts need a receiving and a quarantine bin:

    SKP            center
    ├── SKP-RCV    receiving zone   └── SKP-RCV-01
    ├── SKP-QTN    quarantine zone  └── SKP-QTN-01   (not sellable)
    └── SKP-A      shelves          └── SKP-A-01 … SKP-A-06

More bins are added by staff later; a bin takes its zone's role.
"""

from django.db import migrations

CENTER = "SKP"
ZONES = [
    # code, role, name_th, name_en, bin count
    ("RCV", "receiving", "พื้นที่รับสินค้า", "Receiving", 1),
    ("QTN", "quarantine", "พื้นที่กักสินค้าชำรุด", "Quarantine", 1),
    ("A", "storage", "ชั้นวางสินค้า A", "Shelves A", 6),
]


def create_layout(apps, schema_editor):
    Location = apps.get_model("inventory", "Location")
    center = Location.objects.get(code=CENTER)
    for code, role, name_th, name_en, bins in ZONES:
        zone, _ = Location.objects.get_or_create(
            code=f"{CENTER}-{code}",
            defaults={"name_th": name_th, "name_en": name_en, "kind": "zone", "role": role, "parent": center},
        )
        for n in range(1, bins + 1):
            Location.objects.get_or_create(
                code=f"{zone.code}-{n:02d}",
                defaults={
                    "name_th": f"{name_th} ช่อง {n:02d}",
                    "name_en": f"{name_en} bin {n:02d}",
                    "kind": "bin",
                    "role": role,
                    "parent": zone,
                },
            )


def remove_layout(apps, schema_editor):
    Location = apps.get_model("inventory", "Location")
    Location.objects.filter(kind="bin", parent__parent__code=CENTER, parent__code__in=[f"{CENTER}-{z[0]}" for z in ZONES]).delete()
    Location.objects.filter(kind="zone", code__in=[f"{CENTER}-{z[0]}" for z in ZONES]).delete()


class Migration(migrations.Migration):
    dependencies = [("inventory", "0003_stock_ledger")]
    operations = [migrations.RunPython(create_layout, remove_layout)]
