"""Products that existed before the listing workflow: public ones are
published, the others drafts, so is_public == (listing_status == published)
holds from the start."""

from django.db import migrations


def forwards(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    Product.objects.filter(is_public=True).update(listing_status="published")
    Product.objects.filter(is_public=False).update(listing_status="draft")


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0034_producer_portal_passport_registration"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
