"""The payment source types the shop records Oscar Sources against."""

from django.db import migrations

SOURCE_TYPES = [
    ("stripe-card", "Stripe card"),
    ("stripe-promptpay", "Stripe PromptPay"),
    ("cash", "Cash at center"),
    ("promptpay-counter", "PromptPay at counter"),
    ("test", "Test payment"),
]


def source_types_create(apps, schema_editor):
    SourceType = apps.get_model("payment", "SourceType")
    for code, name in SOURCE_TYPES:
        SourceType.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("payment", "0006_attempts_and_stripe_events")]

    operations = [migrations.RunPython(source_types_create, migrations.RunPython.noop)]
