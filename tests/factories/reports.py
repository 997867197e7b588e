"""Factories for report and settlement tests: paid orders with lines (the
commission recorded on each line as checkout records it), payment sources,
refunds and counter sales."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from shop.order import statuses
from shop.order.utils import commission_split

from .catalog import ProductFactory, StockRecordFactory, UserFactory

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")

BKK = ZoneInfo("Asia/Bangkok")
_numbers = itertools.count(100001)


def bkk(*args) -> dt.datetime:
    """An aware Bangkok datetime: bkk(2024, 10, 1, 9, 30)."""
    return dt.datetime(*args, tzinfo=BKK)


def priced_product(price: str = "100.00", **kwargs):
    product = ProductFactory(**kwargs)
    StockRecordFactory(product=product, price=Decimal(price))
    return product


def paid_order(
    *,
    placed: dt.datetime,
    lines: list[tuple],
    user=None,
    guest_email: str = "",
    status: str = statuses.PAID,
    method: str = "stripe-card",
    shipping: Decimal = Decimal("0.00"),
    language: str = "th",
    number: str | None = None,
):
    """An order placed at ``placed`` with ``lines`` = [(product, quantity,
    unit price, commission rate)], paid in full through one payment source."""
    goods = sum((Decimal(price) * qty for _p, qty, price, _r in lines), Decimal("0"))
    total = goods + shipping
    order = Order.objects.create(
        number=number or str(next(_numbers)),
        currency="THB",
        total_incl_tax=total,
        total_excl_tax=total,
        shipping_incl_tax=shipping,
        shipping_excl_tax=shipping,
        status=status,
        user=user,
        guest_email=guest_email if user is None else "",
        date_placed=placed,
        paid_at=placed if status in statuses.PAID_STATES else None,
        language=language,
    )
    for product, qty, price, rate in lines:
        line_price = Decimal(price) * qty
        commission, payable = commission_split(line_price_incl_tax=line_price, rate=Decimal(rate))
        Line.objects.create(
            order=order,
            partner=product.producer.partner,
            partner_name=product.producer.partner.name,
            partner_sku=f"SKU-{product.pk}",
            product=product,
            producer=product.producer,
            title=product.title,
            quantity=qty,
            num_allocated=qty,
            line_price_incl_tax=line_price,
            line_price_excl_tax=line_price,
            line_price_before_discounts_incl_tax=line_price,
            line_price_before_discounts_excl_tax=line_price,
            unit_price_incl_tax=Decimal(price),
            unit_price_excl_tax=Decimal(price),
            status=status,
            commission_rate=Decimal(rate),
            commission_amount=commission,
            producer_payable=payable,
        )
    if status in statuses.PAID_STATES:
        source_type, _c = SourceType.objects.get_or_create(code=method, defaults={"name": method})
        source = Source.objects.create(
            order=order, source_type=source_type, amount_allocated=total, amount_debited=total
        )
        Transaction.objects.create(source=source, txn_type=Transaction.DEBIT, amount=total, date_created=placed)
    return order


def refund(*, order, amount: str, when: dt.datetime):
    """A refund of ``amount`` on the order's payment, dated ``when`` (the
    Refund transaction the payments code writes)."""
    source = order.sources.first()
    source.amount_refunded += Decimal(amount)
    source.save(update_fields=["amount_refunded"])
    txn = Transaction.objects.create(
        source=source, txn_type=Transaction.REFUND, amount=Decimal(amount), date_created=when
    )
    # auto_now_add ignores the value given to create(): set it afterwards.
    Transaction.objects.filter(pk=txn.pk).update(date_created=when)
    txn.refresh_from_db()
    return txn


def counter_sale(*, lines: dict, when: dt.datetime, method: str = "cash", user=None):
    """A counter sale of stock already at the center, through the inventory
    service (units from the ledger), then dated ``when``."""
    from inventory.services import counter_sale_record

    total = Decimal("0")
    for product, qty in lines.items():
        total += product.stockrecords.first().price * qty
    # The ledger is append-only (a trigger refuses UPDATE): travel in time
    # instead of re-dating the movements afterwards.
    with time_machine.travel(when, tick=False):
        sale, _created = counter_sale_record(
            token=str(uuid.uuid4()),
            payment_method=method,
            payment_reference="",
            lines={p.pk: q for p, q in lines.items()},
            total=total,
            user=user,
        )
    return sale


def report_viewer(**kwargs):
    """Office staff with the report permission (granted directly; the roles
    are the producers' code)."""
    from django.contrib.auth import get_user_model

    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="otop_reports", codename__in=["view_office_report", "manage_settlements"]
        )
    )
    return get_user_model().objects.get(pk=user.pk)
