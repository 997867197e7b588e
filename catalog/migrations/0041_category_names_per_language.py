"""Category names per language. Until now a category had one name, written
"ไทย · English" in the demo data (and the Chinese name after the dot in the
description, "English · 中文"): those are split into name (Thai), name_en and
name_zh_hans, and the description that only repeated them is emptied."""

from django.db import migrations, models


SEPARATOR = " · "


def names_split(apps, schema_editor):
    Category = apps.get_model("catalogue", "Category")
    for category in Category.objects.filter(name__contains=SEPARATOR, name_en=""):
        thai, english = category.name.split(SEPARATOR, 1)
        category.name, category.name_en = thai.strip(), english.strip()
        parts = category.description.split(SEPARATOR)
        if len(parts) == 2 and parts[0].strip() == category.name_en:
            category.name_zh_hans, category.description = parts[1].strip(), ""
        category.save(update_fields=["name", "name_en", "name_zh_hans", "description"])


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0040_product_browsable_stars_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='name_en',
            field=models.CharField(blank=True, max_length=255, verbose_name='name (English)'),
        ),
        migrations.AddField(
            model_name='category',
            name='name_zh_hans',
            field=models.CharField(blank=True, max_length=255, verbose_name='name (Chinese)'),
        ),
        migrations.RunPython(names_split, migrations.RunPython.noop),
    ]
