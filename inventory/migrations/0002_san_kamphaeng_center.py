"""The San Kamphaeng OTOP distribution center is the first location; every
environment has it, so it is created by migration rather than demo data."""

from django.db import migrations

SAN_KAMPHAENG_CODE = "SKP"


def create_center(apps, schema_editor):
    Location = apps.get_model("inventory", "Location")
    Location.objects.get_or_create(
        code=SAN_KAMPHAENG_CODE,
        defaults={
            "name_th": "ศูนย์จำหน่ายสินค้า OTOP อำเภอสันกำแพง",
            "name_en": "San Kamphaeng OTOP Distribution Center",
            "kind": "center",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]
    operations = [migrations.RunPython(create_center, migrations.RunPython.noop)]
