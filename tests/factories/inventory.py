"""Factories and helpers for inventory tests.

Stock is never created by writing balances: ``stock_receive`` posts a real
receipt (and a put-away) through the services, like center staff would.
"""

from datetime import date

import factory
from django.utils import timezone

from inventory.models import Location, Lot, Receipt, ReceiptLine
from inventory.services import ReceiptLineInput, receipt_create, receipt_post, stock_put_away

from .catalog import ProducerFactory, ProductFactory


def location(code: str) -> Location:
    """A location of the migrated San Kamphaeng layout, e.g. 'SKP-A-01'."""
    return Location.objects.get(code=code)


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    code = factory.Sequence(lambda n: f"SKP-Z{n}")
    name_th = factory.Sequence(lambda n: f"โซน {n}")
    kind = Location.Kind.ZONE
    role = Location.Role.STORAGE
    parent = factory.LazyFunction(lambda: Location.objects.get(code="SKP"))


class BinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    parent = factory.SubFactory(ZoneFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}-{n:02d}")
    name_th = factory.Sequence(lambda n: f"ช่อง {n}")
    kind = Location.Kind.BIN
    role = factory.SelfAttribute("parent.role")


class LotFactory(factory.django.DjangoModelFactory):
    """A lot with no stock (stock comes only from posted receipts)."""

    class Meta:
        model = Lot

    product = factory.SubFactory(ProductFactory)
    owner = factory.SelfAttribute("product.producer")
    code = factory.Sequence(lambda n: f"LOT-{n:05d}")
    best_before = None
    received_at = factory.LazyFunction(timezone.now)


class ReceiptFactory(factory.django.DjangoModelFactory):
    """A draft receipt; add lines with ReceiptLineFactory."""

    class Meta:
        model = Receipt

    producer = factory.SubFactory(ProducerFactory)
    center = factory.LazyFunction(lambda: Location.objects.get(code="SKP"))


class ReceiptLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceiptLine

    receipt = factory.SubFactory(ReceiptFactory)
    product = factory.SubFactory(ProductFactory, producer=factory.SelfAttribute("..receipt.producer"))
    quantity = 5


def stock_receive(
    *,
    product,
    quantity: int,
    lot_code: str = "",
    best_before: date | None = None,
    to_bin: str | None = "SKP-A-01",
    damaged: bool = False,
    user=None,
) -> Lot:
    """Receive `quantity` units of `product` from its producer and (unless
    damaged or to_bin is None) put them away into `to_bin`. Returns the lot."""
    receipt = receipt_create(
        producer=product.producer,
        lines=[
            ReceiptLineInput(
                product=product,
                quantity=quantity,
                lot_code=lot_code,
                best_before=best_before,
                condition=ReceiptLine.Condition.DAMAGED if damaged else ReceiptLine.Condition.OK,
            )
        ],
        user=user,
    )
    movement = receipt_post(receipt=receipt, user=user)[0]
    if to_bin and not damaged:
        stock_put_away(
            product=product,
            lot=movement.lot,
            quantity=quantity,
            from_location=movement.to_location,
            to_location=location(to_bin),
            user=user,
        )
    return movement.lot
