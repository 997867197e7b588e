import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Location",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=32, unique=True, verbose_name="code")),
                ("name_th", models.CharField(max_length=200, verbose_name="name (Thai)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                (
                    "kind",
                    models.CharField(
                        choices=[("center", "Center"), ("zone", "Zone"), ("bin", "Bin")],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="inventory.location",
                        verbose_name="parent",
                    ),
                ),
            ],
            options={"verbose_name": "location", "verbose_name_plural": "locations", "ordering": ["code"]},
        ),
        migrations.AddConstraint(
            model_name="location",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "center"), ("parent__isnull", False), _connector="OR"),
                name="location_non_center_has_parent",
            ),
        ),
    ]
