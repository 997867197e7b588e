"""Order placement that takes stock through the inventory ledger.

Oscar's OrderCreator calls ``StockRecord.allocate()`` for every line, which
adds to ``num_allocated`` without checking availability. Here the whole
basket is reserved (or the reservation made when payment started is
confirmed) through ``inventory.services`` inside the same transaction as the
order, so an order is never placed for stock that is not there.
"""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.core.loading import get_class, get_model

from inventory.exceptions import InsufficientStock
from inventory.models import Reservation
from inventory.services import ReservationConfirmation, reservation_confirm, reservation_create

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
OrderNote = get_model("order", "OrderNote")


PICKUP_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no 0/O, 1/I, 2/Z, 5/S, 8/B: read aloud at the counter


def pickup_code_generate() -> str:
    return "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _i in range(6))


def commission_rate_for(product) -> Decimal:
    """The center's rate in force for a product now: the producer's own rate,
    else its OTOP product type's, else settings.OTOP_DEFAULT_COMMISSION_RATE."""
    producer = getattr(product, "producer", None)
    if producer is not None and producer.commission_rate is not None:
        return producer.commission_rate
    otop_type = getattr(product, "otop_type", None)
    if otop_type is not None and otop_type.commission_rate is not None:
        return otop_type.commission_rate
    return Decimal(settings.OTOP_DEFAULT_COMMISSION_RATE)


def commission_split(*, line_price_incl_tax: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(center commission, producer payable) for a line, to the satang."""
    commission = (Decimal(line_price_incl_tax) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return commission, Decimal(line_price_incl_tax) - commission


def order_stock_reference(order_number) -> str:
    """The reservation reference of an order: also what the payment step
    passes to reservation_create when payment starts."""
    return f"order:{order_number}"


class OrderStockUnavailable(UnableToPlaceOrder):
    """Raised by place_order when a line is out of stock. Oscar's checkout
    shows ``str(exc)`` to the customer; ``lines`` lists each short line."""

    def __init__(self, insufficient: InsufficientStock) -> None:
        self.lines = insufficient.lines
        super().__init__(str(insufficient))


class OrderCreator(CoreOrderCreator):
    def place_order(
        self,
        basket,
        total,
        shipping_method,
        shipping_charge,
        user=None,
        shipping_address=None,
        billing_address=None,
        order_number=None,
        status=None,
        request=None,
        surcharges=None,
        **kwargs,
    ):
        """Reserve/confirm the basket's stock, then let Oscar write the order,
        in one transaction: if either fails, neither happens.

        Stock is taken first so an out-of-stock basket fails before any order
        row is written. If a reservation made at payment start had expired
        and its stock was sold meanwhile, the order is still placed (the
        customer has paid), with an error note asking for a refund, and the
        returned order carries ``stock_confirmation.needs_refund``.
        """
        if not order_number and not basket.is_empty:
            order_number = OrderNumberGenerator().order_number(basket)
        with transaction.atomic():
            confirmation = self.reserve_stock(basket=basket, order_number=order_number)
            order = super().place_order(
                basket,
                total,
                shipping_method,
                shipping_charge,
                user=user,
                shipping_address=shipping_address,
                billing_address=billing_address,
                order_number=order_number,
                status=status,
                request=request,
                surcharges=surcharges,
                **kwargs,
            )
            if confirmation is not None and confirmation.needs_refund:
                OrderNote.objects.create(
                    order=order,
                    note_type=OrderNote.ERROR,
                    message=_("Paid after the stock reservation expired and the stock was sold: refund needed (%s).")
                    % "; ".join(f"{line.title}: {line.available}/{line.requested}" for line in confirmation.shortages),
                )
        order.stock_confirmation = confirmation
        return order

    def reserve_stock(self, *, basket, order_number) -> ReservationConfirmation | None:
        """Confirm the reservation made when payment started, or reserve the
        basket now and confirm it (orders placed without a payment step)."""
        lines = [
            (line.product_id, line.quantity)
            for line in basket.all_lines()
            if line.product.get_product_class().track_stock
        ]
        if not lines:
            return None
        reference = order_stock_reference(order_number)
        if not Reservation.objects.filter(reference=reference).exists():
            try:
                reservation_create(reference=reference, lines=lines)
            except InsufficientStock as exc:
                raise OrderStockUnavailable(exc) from exc
        return reservation_confirm(reference=reference)

    def create_order_model(self, user, basket, shipping_address, shipping_method, shipping_charge,
                           billing_address, total, order_number, status, request=None, surcharges=None,
                           **extra_order_fields):
        """Oscar's order, plus a pickup code for orders collected at the
        center and the customer's language (for the emails)."""
        if shipping_method.code == "pickup" and "pickup_code" not in extra_order_fields:
            extra_order_fields["pickup_code"] = pickup_code_generate()
        if "language" not in extra_order_fields and request is not None:
            extra_order_fields["language"] = getattr(request, "LANGUAGE_CODE", "") or ""
        return super().create_order_model(
            user, basket, shipping_address, shipping_method, shipping_charge, billing_address, total,
            order_number, status, request, surcharges, **extra_order_fields,
        )

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Record the producer and the commission in force at the time of
        sale on the line (copies: later rate changes do not touch it)."""
        product = basket_line.product
        rate = commission_rate_for(product)
        commission, payable = commission_split(
            line_price_incl_tax=basket_line.line_price_incl_tax_incl_discounts, rate=rate
        )
        fields = {
            "producer": getattr(product, "producer", None),
            "commission_rate": rate,
            "commission_amount": commission,
            "producer_payable": payable,
            **(extra_line_fields or {}),
        }
        return super().create_line_models(order, basket_line, fields)

    def update_stock_records(self, line):
        """Nothing per line: place_order reserved the whole basket at once."""
