"""Oscar's order utilities (get_class finds this module first): order
placement that takes stock through the inventory ledger.

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
from oscar.apps.order.signals import order_placed
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.core.loading import get_class, get_model

from inventory.exceptions import InsufficientStock, StockError
from inventory.services import ReservationConfirmation, reservation_confirm, reservation_create

from .services import order_note_add, order_stock_reference

OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")
Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")
LineAttribute = get_model("order", "LineAttribute")
OrderLineDiscount = get_model("order", "OrderLineDiscount")


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
            order = self._place_order_rows(
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
                order_note_add(
                    order=order,
                    note_type=OrderNote.ERROR,
                    message=_("Paid after the stock reservation expired and the stock was sold: refund needed (%s).")
                    % "; ".join(f"{line.title}: {line.available}/{line.requested}" for line in confirmation.shortages),
                )
        order.stock_confirmation = confirmation
        return order

    def _place_order_rows(
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
        """Oscar 4.2's ``OrderCreator.place_order`` (same checks, hooks,
        discounts, vouchers and ``order_placed`` signal), except that the
        lines, their prices and attributes are written with one INSERT per
        table for the whole basket (``create_lines_models``) instead of two
        or three per line."""
        if basket.is_empty:
            raise ValueError(_("Empty baskets cannot be submitted"))
        if not order_number:
            order_number = OrderNumberGenerator().order_number(basket)
        if not status and hasattr(settings, "OSCAR_INITIAL_ORDER_STATUS"):
            status = settings.OSCAR_INITIAL_ORDER_STATUS
        if Order._default_manager.filter(number=order_number).exists():
            raise ValueError(_("There is already an order with number %s") % order_number)
        with transaction.atomic():
            kwargs["surcharges"] = surcharges
            order = self.create_order_model(
                user,
                basket,
                shipping_address,
                shipping_method,
                shipping_charge,
                billing_address,
                total,
                order_number,
                status,
                request,
                **kwargs,
            )
            # Read (and locked) once: Oscar reads them again to record their use.
            vouchers = []
            for voucher in basket.vouchers.select_for_update():
                if not voucher.is_active():  # basket ignores inactive vouchers
                    basket.vouchers.remove(voucher)
                else:
                    available_to_user, msg = voucher.is_available_to_user(user=user)
                    if not available_to_user:
                        raise ValueError(msg)
                    vouchers.append(voucher)
            for application in basket.offer_applications:
                application["message"] = application["offer"].apply_deferred_benefit(basket, order, application)
                if application["result"].affects_shipping:
                    shipping_discount = shipping_method.discount(basket)
                    if shipping_discount <= Decimal("0.00"):
                        continue
                    application["discount"] = shipping_discount
                self.create_discount_model(order, application)
                self.record_discount(application)
            for voucher in vouchers:
                self.record_voucher_usage(order, voucher, user)
            # Basket order, so that the line pks keep the order the customer saw.
            self.create_lines_models(order, list(basket.all_lines()))
        order_placed.send(sender=self, order=order, user=user)
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
        try:
            # A paid checkout's hold (payment_start) is confirmed already:
            # this finds it so ("already_confirmed") in one locking read.
            return reservation_confirm(reference=reference)
        except StockError as exc:
            if exc.code != "no_reservation":
                raise
        try:
            reservation_create(reference=reference, lines=lines)
        except InsufficientStock as exc:
            raise OrderStockUnavailable(exc) from exc
        return reservation_confirm(reference=reference)

    def create_order_model(
        self,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        total,
        order_number,
        status,
        request=None,
        surcharges=None,
        **extra_order_fields,
    ):
        """Oscar's order, plus a pickup code for orders collected at the
        center and the customer's language (for the emails)."""
        if shipping_method.code == "pickup" and "pickup_code" not in extra_order_fields:
            extra_order_fields["pickup_code"] = pickup_code_generate()
        if "language" not in extra_order_fields and request is not None:
            extra_order_fields["language"] = getattr(request, "LANGUAGE_CODE", "") or ""
        return super().create_order_model(
            user,
            basket,
            shipping_address,
            shipping_method,
            shipping_charge,
            billing_address,
            total,
            order_number,
            status,
            request,
            surcharges,
            **extra_order_fields,
        )

    def line_fields(self, order, basket_line) -> dict:
        """Oscar's order line fields, plus the producer and the commission in
        force at the time of sale (copies: later rate changes do not touch
        the line)."""
        product = basket_line.product
        stockrecord = basket_line.stockrecord
        if not stockrecord:
            raise UnableToPlaceOrder("Basket line #%d has no stockrecord" % basket_line.id)
        partner = stockrecord.partner
        rate = commission_rate_for(product)
        commission, payable = commission_split(
            line_price_incl_tax=basket_line.line_price_incl_tax_incl_discounts, rate=rate
        )
        return {
            "order": order,
            "partner": partner,
            "partner_name": partner.name,
            "partner_sku": stockrecord.partner_sku,
            "stockrecord": stockrecord,
            "product": product,
            "title": product.get_title(),
            "upc": product.upc,
            "quantity": basket_line.quantity,
            "line_price_excl_tax": basket_line.line_price_excl_tax_incl_discounts,
            "line_price_incl_tax": basket_line.line_price_incl_tax_incl_discounts,
            "line_price_before_discounts_excl_tax": basket_line.line_price_excl_tax,
            "line_price_before_discounts_incl_tax": basket_line.line_price_incl_tax,
            "unit_price_incl_tax": basket_line.unit_price_incl_tax,
            "unit_price_excl_tax": basket_line.unit_price_excl_tax,
            "tax_code": basket_line.tax_code,
            "num_allocated": basket_line.quantity,
            "status": getattr(settings, "OSCAR_INITIAL_LINE_STATUS", ""),
            "producer": getattr(product, "producer", None),
            "commission_rate": rate,
            "commission_amount": commission,
            "producer_payable": payable,
        }

    def create_lines_models(self, order, basket_lines) -> list:
        """Write the order lines of ``basket_lines`` (what Oscar's
        ``create_line_models`` writes for one line: line, prices, attributes,
        line discounts) with one INSERT per table for all of them. The basket
        lines come from shop/checkout/basket.py's queryset, so the stock
        records' partners, products, producers and options are loaded."""
        lines = Line._default_manager.bulk_create([Line(**self.line_fields(order, bl)) for bl in basket_lines])
        prices, attributes, discounts = [], [], []
        order_discounts = None
        for line, basket_line in zip(lines, basket_lines, strict=True):
            for price_incl_tax, price_excl_tax, quantity in basket_line.get_price_breakdown():
                prices.append(
                    LinePrice(
                        order=order,
                        line=line,
                        quantity=quantity,
                        price_incl_tax=price_incl_tax,
                        price_excl_tax=price_excl_tax,
                        tax_code=basket_line.tax_code,
                    )
                )
            for attr in basket_line.attributes.all():
                attributes.append(LineAttribute(line=line, option=attr.option, type=attr.option.code, value=attr.value))
            for discount in basket_line.discounts:
                if not discount.offer:
                    continue
                if order_discounts is None:
                    order_discounts = {}
                    for order_discount in order.discounts.order_by("pk"):
                        order_discounts.setdefault(order_discount.offer_id, order_discount)
                # Like Oscar: a discount without its order discount is not
                # recorded per line (the order's total still has it).
                order_discount = order_discounts.get(discount.offer.id)
                if order_discount is not None:
                    discounts.append(
                        OrderLineDiscount(
                            line=line,
                            order_discount=order_discount,
                            is_incl_tax=discount.incl_tax,
                            amount=discount.amount,
                        )
                    )
        LinePrice._default_manager.bulk_create(prices)
        if attributes:
            LineAttribute._default_manager.bulk_create(attributes)
        if discounts:
            OrderLineDiscount._default_manager.bulk_create(discounts)
        for line, basket_line in zip(lines, basket_lines, strict=True):
            self.create_additional_line_models(order, line, basket_line)
        return lines

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """One line (Oscar's hook), written like the others."""
        if extra_line_fields:
            raise NotImplementedError("extra_line_fields: override line_fields() instead")
        return self.create_lines_models(order, [basket_line])[0]

    def update_stock_records(self, line):
        """Nothing per line: place_order reserved the whole basket at once."""
