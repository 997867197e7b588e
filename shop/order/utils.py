"""Order placement that takes stock through the inventory ledger.

Oscar's OrderCreator calls ``StockRecord.allocate()`` for every line, which
adds to ``num_allocated`` without checking availability. Here the whole
basket is reserved (or the reservation made when payment started is
confirmed) through ``inventory.services`` inside the same transaction as the
order, so an order is never placed for stock that is not there.
"""

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

    def update_stock_records(self, line):
        """Nothing per line: place_order reserved the whole basket at once."""
