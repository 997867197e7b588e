"""Oscar's stock records, kept equal to the inventory's balances.

The shop sells from Oscar's ``StockRecord`` (``num_in_stock`` /
``num_allocated``); the inventory's ledger and balances are the truth. The
ledger posting (``inventory.services.ledger``) calls these inside its
transaction:

* ``stock_records_ensure`` creates a product's stock record before any lock
  is taken (the record is the per-product mutex);
* ``stock_records_sync`` writes the records' counters from the balances in
  one raw UPDATE and sends ``stock_records_saved_send`` (through the task
  ``inventory.tasks.stock_records_saved``) to run, after commit, what Oscar's
  post_save receivers would have done.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.common.page_versions import product_versions_bump
from shop.outbox.services import outbox_send

from ..exceptions import StockError
from ..models import StockBalance
from ..selectors import SELLABLE

Product = get_model("catalogue", "Product")
Producer = get_model("catalogue", "Producer")
StockRecord = get_model("partner", "StockRecord")

#: Sent by name (services never import tasks): inventory.tasks runs
#: ``stock_records_saved_send`` under it.
STOCK_RECORDS_SAVED_TASK = "inventory.tasks.stock_records_saved"


def stock_records_ensure(*, product_ids: Iterable[int], extra_pairs: Iterable[tuple[int, int]] = ()) -> None:
    """Make sure each product has a stock record for its producer's partner.

    Runs *before* any stock lock is taken: the stock record is the
    per-product mutex, so it must exist before two receipts for a brand-new
    product race. Inserts go in product order and each in its own savepoint:
    if a concurrent transaction inserts the same record first, our insert
    waits for it and fails with IntegrityError, and we use theirs.
    """
    pairs: set[tuple[int, int]] = set()  # (product_id, partner_id)
    rows = Product.objects.filter(pk__any_of=sorted(set(product_ids)), producer__isnull=False).values_list(
        "pk", "producer__partner_id"
    )
    pairs.update(rows)
    extra = list(extra_pairs)  # (product_id, owner_id)
    if extra:
        partner_of = dict(Producer.objects.filter(pk__in={o for _p, o in extra}).values_list("pk", "partner_id"))
        pairs.update((p, partner_of[o]) for p, o in extra if o in partner_of)
    if not pairs:
        return
    existing = set(
        StockRecord.objects.filter(
            product_id__any_of=sorted({p for p, _ in pairs}), partner_id__any_of=sorted({s for _, s in pairs})
        ).values_list("product_id", "partner_id")
    )
    for product_id, partner_id in sorted(pairs - existing):
        try:
            with transaction.atomic():
                StockRecord.objects.create(
                    product_id=product_id,
                    partner_id=partner_id,
                    partner_sku=f"OTOP-{product_id}",
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    price=None,
                    num_in_stock=0,
                    num_allocated=0,
                )
        except IntegrityError:
            if not StockRecord.objects.filter(product_id=product_id, partner_id=partner_id).exists():
                raise StockError(
                    _("Could not create the stock record of product %(p)d: the SKU OTOP-%(p)d is taken.")
                    % {"p": product_id},
                    code="stock_record",
                ) from None


def stock_records_sync(*, product_ids: Iterable[int]) -> None:
    """Set num_in_stock / num_allocated of each product's stock records from
    the balances (caller holds the product locks).

    num_in_stock = on hand in sellable locations (not quarantine) and
    num_allocated = reserved, per (product, owner), written to the owner's
    partner's stock record with the lowest pk; Oscar's availability is then
    num_in_stock - num_allocated, exactly what reservations can take.
    """
    product_ids = sorted(set(product_ids))
    totals = {
        (row["product_id"], row["owner__partner_id"]): (row["on_hand"] or 0, row["reserved"] or 0)
        for row in StockBalance.objects.filter(product_id__any_of=product_ids)
        .values("product_id", "owner__partner_id")
        .annotate(
            on_hand=Sum("on_hand", filter=SELLABLE),  # the one availability rule (selectors)
            reserved=Sum("reserved"),
        )
    }
    seen: set[tuple[int, int]] = set()
    changed: list[tuple[int, int, int]] = []  # (record pk, num_in_stock, num_allocated)
    changed_products: set[int] = set()
    for pk, product_id, partner_id, num_in_stock, num_allocated in (
        StockRecord.objects.filter(product_id__any_of=product_ids)
        .order_by("pk")
        .values_list("pk", "product_id", "partner_id", "num_in_stock", "num_allocated")
    ):
        key = (product_id, partner_id)
        if key in seen:
            continue  # a duplicate record for the same pair is left alone
        seen.add(key)
        in_stock, allocated = totals.get(key, (0, 0))
        if (num_in_stock, num_allocated) != (in_stock, allocated):
            changed.append((pk, in_stock, allocated))
            changed_products.add(product_id)
    if not changed:
        return
    _stock_records_write(changed=changed)
    # The raw UPDATE sends no post_save, and the task below runs after commit
    # (seconds later, or minutes while the worker is down): the cached pages
    # showing these products' stock are made stale here, at this commit.
    product_versions_bump(product_ids=changed_products)
    # Oscar's post_save receivers create low-stock alerts and email "back in
    # stock" notices (OSCAR_EAGER_ALERTS). A Celery task runs them after
    # commit: never talk to a mail server while holding stock locks, never
    # announce stock a rollback takes back, and do not make a delivery of
    # 100 products wait for 100 rounds of alert queries.
    outbox_send(task=STOCK_RECORDS_SAVED_TASK, args=[sorted(pk for pk, _n, _a in changed)])


def _stock_records_write(*, changed: list[tuple[int, int, int]]) -> None:
    """num_in_stock / num_allocated of many stock records in one UPDATE per
    500 (the caller holds their locks)."""
    table = connection.ops.quote_name(StockRecord._meta.db_table)
    cast = ("::bigint", "::integer", "::integer") if connection.vendor == "postgresql" else ("", "", "")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for start in range(0, len(changed), 500):
            chunk = changed[start : start + 500]
            values = ", ".join([f"(%s{cast[0]}, %s{cast[1]}, %s{cast[2]})"] * len(chunk))
            cursor.execute(
                f"WITH v(rid, in_stock, allocated) AS (VALUES {values}) "
                f"UPDATE {table} AS r SET num_in_stock = v.in_stock, num_allocated = v.allocated, date_updated = %s "
                "FROM v WHERE r.id = v.rid",
                [*(value for change in chunk for value in change), now],
            )


def stock_records_saved_send(*, record_ids) -> int:
    """What Oscar's StockRecord post_save receivers do, for the records a
    stock change updated with one raw UPDATE (the task
    ``inventory.tasks.stock_records_saved``), done for all of them at once
    rather than by sending post_save record by record (nine queries per
    record, so a basket of five lines cost 45):

    1. low-stock alerts, as shop.partner.receivers.stock_alerts_update: the
       records are locked (pk order, the lock order of inventory.locks), so
       two workers on the same record cannot both open an alert (#16); their
       open alerts are read in one query, the missing ones inserted in one,
       the ones no longer below threshold closed in one;
    2. "back in stock" emails, as Oscar's send_product_alerts (with
       OSCAR_EAGER_ALERTS): only for products (or their parents) with an
       active alert, found in one query;
    3. the products' page versions (shop.common.page_versions), as the page
       cache's post_save receiver bumps them.

    The other post_save receivers do nothing for a stock record (the CMS
    versions follow Wagtail models only; haystack is not installed).
    Safe to repeat: Oscar closes a product alert once it is sent and there
    is at most one open low-stock alert. Returns the number of records."""
    from oscar.apps.customer.alerts.utils import AlertsDispatcher

    StockAlert = get_model("partner", "StockAlert")
    ProductAlert = get_model("customer", "ProductAlert")
    ids = sorted(set(record_ids))
    if not ids:
        return 0
    with transaction.atomic():
        records = list(
            StockRecord.objects.filter(pk__in=ids)
            .select_related("product")
            .order_by("pk")
            .select_for_update(of=("self",))
        )
        if not records:
            return 0
        open_alerts = {
            alert.stockrecord_id: alert
            for alert in StockAlert.objects.filter(stockrecord_id__in=[r.pk for r in records], status=StockAlert.OPEN)
        }
        to_open, to_close = [], []
        for record in records:
            below = record.is_below_threshold
            alert = open_alerts.get(record.pk)
            if below and alert is None:
                to_open.append(StockAlert(stockrecord=record, threshold=record.low_stock_threshold))
            elif not below and alert is not None:
                to_close.append(alert.pk)
        if to_open:
            StockAlert.objects.bulk_create(to_open)
        if to_close:
            StockAlert.objects.filter(pk__in=to_close).update(status=StockAlert.CLOSED, date_closed=timezone.now())
    products = list({record.product_id: record.product for record in records}.values())
    if getattr(settings, "OSCAR_EAGER_ALERTS", False):
        watched = set(
            ProductAlert.objects.filter(
                status=ProductAlert.ACTIVE,
                product_id__in={p.pk for p in products} | {p.parent_id for p in products if p.parent_id},
            ).values_list("product_id", flat=True)
        )
        for product in products:
            if product.pk in watched or (product.parent_id and product.parent_id in watched):
                AlertsDispatcher().send_product_alert_email_for_user(product)
    product_versions_bump(product_ids=[p.pk for p in products])
    return len(records)
