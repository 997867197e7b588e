from django.db import migrations


def forwards(apps, schema_editor):
    from shop.shipping.countries import countries_ensure

    countries_ensure(apps.get_model("address", "Country"))


class Migration(migrations.Migration):
    dependencies = [
        ("address", "0001_initial"),
        ("shipping", "0004_weightbased_languages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
