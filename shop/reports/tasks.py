"""Background work of the reports app: ids in, a service call, idempotent.

This module imports the services; the services never import it: they send
these tasks through the outbox by their registered names
(shop.reports.services.EXPORT_BUILD_TASK)."""

from celery import shared_task
from django.utils import timezone

from shop.common import fiscal

from . import services


@shared_task(name="shop.reports.tasks.report_export_build_task")
def report_export_build_task(export_id: int) -> str:
    export = services.report_export_build(export_id=export_id)
    return export.status if export is not None else "missing"


@shared_task(name="shop.reports.tasks.settlements_generate_for_last_month")
def settlements_generate_for_last_month() -> int:
    """Beat, on the 1st of each month: draft every producer's statement for
    the month just ended (regenerating drafts is safe, approved and paid
    statements are left alone)."""
    last_month = fiscal.month_of(timezone.now()).previous()
    return services.settlements_generate(month=last_month)
