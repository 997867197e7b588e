"""Two fiscal years of order history, inserted in bulk.

These orders are read-only history for reports and the dashboard: they were
placed, paid and completed long ago, so no basket, payment or reservation is
replayed for them (checkout is measured separately, in checkout_bench.py).
Rows are written with Oscar's own Order and Line models (bulk_create), with
prices, commission and producer payable filled in as the checkout records
them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from oscar.core.loading import get_model

from shop.demo.plan import product_spec

from .plan import OrderSpec, line_amounts, order_plan

Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

BANGKOK = ZoneInfo("Asia/Bangkok")
BATCH = 5000
NUMBER_PREFIX = "B"  # plan.order_plan numbers orders B<yymm><serial>
CUSTOMER_DOMAIN = "customers.bench.otop"
# (shipping code, method name, price incl. VAT, share of orders)
SHIPPING = [
    ("pickup", "Pickup at the San Kamphaeng center", Decimal("0.00"), 55),
    ("ems", "EMS Thailand", Decimal("80.00"), 30),
    ("registered", "Registered mail", Decimal("45.00"), 8),
    ("international", "International (zone 2)", Decimal("850.00"), 7),
]
LANGUAGES = (("th", 60), ("en", 30), ("zh-hans", 10))


def customers_seed(*, count: int) -> list[int]:
    """`count` customer accounts (ids, in a stable order). One password hash
    for all: hashing 1,000 passwords would take longer than everything else."""
    User = get_user_model()
    emails = [f"customer{n:05d}@{CUSTOMER_DOMAIN}" for n in range(count)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    password = make_password("bench-customer")
    User.objects.bulk_create(
        [
            User(username=email, email=email, password=password, first_name="Bench", last_name=f"Customer {n}")
            for n, email in enumerate(emails)
            if email not in have
        ],
        batch_size=2000,
    )
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    return [ids[email] for email in emails]


def _fields(model) -> set[str]:
    return {f.attname for f in model._meta.concrete_fields} | {f.name for f in model._meta.concrete_fields}


def _known(model, fields: set[str], values: dict) -> dict:
    # The order app is still growing (issue #5): fill in what exists today.
    return {k: v for k, v in values.items() if k in fields}


def orders_seed(
    *,
    count: int,
    product_count: int,
    customer_ids: list[int],
    seed: int,
    last_fiscal_year_be: int,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Insert the planned orders and their lines. Skipped (returns 0) when
    the first planned order already exists, so re-running is cheap."""
    plan = order_plan(
        count=count,
        product_count=product_count,
        customer_count=len(customer_ids),
        seed=seed,
        last_fiscal_year_be=last_fiscal_year_be,
    )
    if not plan or Order.objects.filter(number=plan[0].number).exists():
        return 0
    catalogue = _catalogue_rows(product_count=product_count)
    rng = random.Random(f"order-details:{seed}")
    order_fields, line_fields = _fields(Order), _fields(Line)
    rate = getattr(settings, "OTOP_DEFAULT_COMMISSION_RATE", Decimal("0.15"))
    written = 0
    for start in range(0, len(plan), BATCH):
        chunk = plan[start : start + BATCH]
        with transaction.atomic():
            orders, lines = _build(chunk, catalogue, customer_ids, rng, order_fields, line_fields, rate)
            Order.objects.bulk_create(orders)
            for order, order_lines in zip(orders, lines, strict=True):
                for line in order_lines:
                    line.order_id = order.pk
            Line.objects.bulk_create([line for order_lines in lines for line in order_lines])
        written += len(chunk)
        if progress:
            progress(f"{written} orders")
    return written


def _catalogue_rows(*, product_count: int) -> list[dict]:
    """Per product index: what an order line copies from the product."""
    upcs = [product_spec(i).upc for i in range(product_count)]
    records = {
        r["product__upc"]: r
        for r in StockRecord.objects.filter(product__upc__in=upcs).values(
            "pk",
            "product_id",
            "product__upc",
            "product__title",
            "product__producer_id",
            "partner_id",
            "partner__name",
            "partner_sku",
            "price",
        )
    }
    return [records[upc] for upc in upcs]


def _build(chunk: list[OrderSpec], catalogue, customer_ids, rng, order_fields, line_fields, rate):
    orders, lines = [], []
    shipping_weights = [s[3] for s in SHIPPING]
    for spec in chunk:
        code, method, shipping_price, _share = rng.choices(SHIPPING, weights=shipping_weights)[0]
        placed = spec.placed_at.replace(tzinfo=BANGKOK)
        order_lines = []
        total = Decimal("0.00")
        for line_spec in spec.lines:
            row = catalogue[line_spec.product_index]
            money = line_amounts(unit_price=row["price"], quantity=line_spec.quantity, commission_rate=rate)
            total += money["line_price_incl_tax"]
            order_lines.append(
                Line(
                    **_known(
                        Line,
                        line_fields,
                        dict(
                            partner_id=row["partner_id"],
                            partner_name=row["partner__name"],
                            partner_sku=row["partner_sku"],
                            stockrecord_id=row["pk"],
                            product_id=row["product_id"],
                            title=row["product__title"][:255],
                            upc=row["product__upc"],
                            quantity=line_spec.quantity,
                            status=spec.status,
                            num_allocated=line_spec.quantity if spec.status != "cancelled" else 0,
                            producer_id=row["product__producer_id"],
                            commission_rate=rate,
                            **money,
                        ),
                    )
                )
            )
        total_incl = total + shipping_price
        customer = customer_ids[spec.customer_index] if spec.customer_index is not None else None
        orders.append(
            Order(
                **_known(
                    Order,
                    order_fields,
                    dict(
                        number=spec.number,
                        site_id=settings.SITE_ID,
                        user_id=customer,
                        currency="THB",
                        total_incl_tax=total_incl,
                        total_excl_tax=(total_incl / Decimal("1.07")).quantize(Decimal("0.01")),
                        shipping_incl_tax=shipping_price,
                        shipping_excl_tax=(shipping_price / Decimal("1.07")).quantize(Decimal("0.01")),
                        shipping_method=method,
                        shipping_code=code,
                        status=spec.status,
                        guest_email="" if customer else f"guest{spec.number.lower()}@guests.bench.otop",
                        date_placed=placed,
                        language=rng.choices([c for c, _w in LANGUAGES], weights=[w for _c, w in LANGUAGES])[0],
                        pickup_code=f"P{spec.number[-6:]}" if code == "pickup" else "",
                        dispatched_at=placed + timedelta(days=1)
                        if code != "pickup" and spec.status == "completed"
                        else None,
                    ),
                )
            )
        )
        lines.append(order_lines)
    return orders, lines
