"""At most one open StockAlert per stock record (#16).

Racing workers left some records with two or more open alerts, and every
later save of such a record failed in Oscar's ``.get()``. Before the
constraint goes on, each record keeps its newest open alert and the older
ones are closed (kept as history, like any closed alert)."""

from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone


def close_duplicate_open_alerts(apps, schema_editor):
    StockAlert = apps.get_model("partner", "StockAlert")
    if schema_editor.connection.vendor == "postgresql":
        # Old workers keep running during a deploy and could insert a second
        # open alert between this clean-up and CREATE UNIQUE INDEX, failing
        # the migration. This lock blocks their writes (reads go on) until
        # the migration's transaction, which also adds the index, commits.
        schema_editor.execute("LOCK TABLE partner_stockalert IN SHARE ROW EXCLUSIVE MODE")
    open_alerts = StockAlert.objects.filter(status="Open")
    duplicated = (
        open_alerts.values("stockrecord_id").annotate(n=Count("id")).filter(n__gt=1).values_list("stockrecord_id", flat=True)
    )
    now = timezone.now()
    for record_id in list(duplicated):
        newest = open_alerts.filter(stockrecord_id=record_id).order_by("-date_created", "-id").first()
        open_alerts.filter(stockrecord_id=record_id).exclude(pk=newest.pk).update(status="Closed", date_closed=now)


class Migration(migrations.Migration):
    dependencies = [
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [
        migrations.RunPython(close_duplicate_open_alerts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="stockalert",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "Open")), fields=("stockrecord",), name="partner_stockalert_one_open"
            ),
        ),
    ]
