"""Staff documents: a counter sale with its payment record, and the
stock-move form (put-away, transfer, return to producer, write-off). Views
only parse input and show the outcome; the rules (idempotency, who may
write off, one transaction) live here. Cycle counts are in ``counts``."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..exceptions import StockError
from ..models import CounterSale, CounterSaleLine, Location, Lot, StockMovement
from ..permissions import user_is_center_manager
from ..selectors import counter_sale_unit_prices
from .ledger import quantity_check
from .movements import counter_sale_post, return_to_producer_post, stock_put_away, stock_transfer, stock_write_off
from .tokens import form_token_claim, form_token_done

Product = get_model("catalogue", "Product")


def counter_sale_record(
    *,
    token: str,
    payment_method: str,
    payment_reference: str,
    lines: dict[int, int],
    user,
    cash_tendered: Decimal | None = None,
    total: Decimal | None = None,
) -> tuple[CounterSale, bool]:
    """Record a walk-in sale and take its units from the shared stock pool.

    Prices each product at what the shop charges now
    (``selectors.counter_sale_unit_prices``) and stores the priced lines, so
    the receipt reprints as sold. ``total``, when a caller gives one, must be
    that sum (a price changed since it was computed is refused, not charged).
    For a cash sale ``cash_tendered`` is what the buyer handed over (None:
    the exact total): it must cover the total, and it is stored with the
    change so the receipt can be reprinted; PromptPay stores neither.

    Idempotent on the form's ``token``: a double-submitted form returns the
    sale already posted and ``created=False`` with nothing changed (the unique
    token also catches two submits racing). Raises ``InsufficientStock`` /
    ``StockError`` having written nothing. Returns (sale, created)."""
    existing = CounterSale.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    if payment_method not in CounterSale.PaymentMethod.values:
        raise StockError(_("Choose how the buyer pays."), code="bad_payment_method")
    lines = {product_id: quantity_check(quantity) for product_id, quantity in (lines or {}).items()}
    prices = counter_sale_unit_prices(product_ids=lines)
    priced = {
        pid: (qty, prices[pid], (prices[pid] * qty).quantize(_SATANG)) for pid, qty in lines.items() if pid in prices
    }
    computed = sum((line_total for _qty, _price, line_total in priced.values()), Decimal("0.00"))
    if total is not None and Decimal(total).quantize(_SATANG) != computed:
        raise StockError(
            _("The total is now %(total)s THB: a price has changed. Check the sale and post it again.")
            % {"total": f"{computed:,.2f}"},
            code="total_changed",
        )
    change = _change_check(payment_method=payment_method, cash_tendered=cash_tendered, total=computed)
    try:
        with transaction.atomic():
            sale = CounterSale.objects.create(
                token=token,
                payment_method=payment_method,
                payment_reference=payment_reference,
                total=computed,
                cash_tendered=None if change is None else computed + change,
                change_given=change,
                created_by=user,
            )
            # Unknown products and short stock are refused here (all lines or none).
            counter_sale_post(reference=sale.reference, lines=list(lines.items()), user=user)
            products = Product.objects.in_bulk(list(priced))
            CounterSaleLine.objects.bulk_create(
                CounterSaleLine(
                    sale=sale,
                    product_id=pid,
                    title=products[pid].get_title()[:255],
                    quantity=qty,
                    unit_price=price,
                    line_total=line_total,
                )
                for pid, (qty, price, line_total) in sorted(priced.items())
            )
    except IntegrityError:
        existing = CounterSale.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing, False
    return sale, True


_SATANG = Decimal("0.01")


def _change_check(*, payment_method: str, cash_tendered: Decimal | None, total: Decimal) -> Decimal | None:
    """The change to give back for a cash sale; None for PromptPay. No
    amount given means the buyer paid the exact total (change 0.00)."""
    if payment_method != CounterSale.PaymentMethod.CASH:
        return None
    if cash_tendered is None:
        return Decimal("0.00")
    try:
        tendered = Decimal(cash_tendered).quantize(_SATANG)
    except (ArithmeticError, TypeError, ValueError):
        raise StockError(_("Enter the cash received as an amount in baht."), code="bad_cash") from None
    if tendered < total:
        raise StockError(
            _("Cash received %(tendered)s THB is less than the total %(total)s THB.")
            % {"tendered": f"{tendered:,.2f}", "total": f"{total:,.2f}"},
            code="cash_short",
        )
    return tendered - total


class MoveAction:
    PUT_AWAY = "put_away"
    TRANSFER = "transfer"
    RETURN_TO_PRODUCER = "return_to_producer"
    WRITE_OFF = "write_off"

    #: Actions that need a destination bin.
    WITH_DESTINATION = frozenset({PUT_AWAY, TRANSFER})
    ALL = (PUT_AWAY, TRANSFER, RETURN_TO_PRODUCER, WRITE_OFF)


def stock_move_record(
    *,
    token,
    action: str,
    product,
    lot: Lot,
    quantity: int,
    from_location: Location,
    to_location: Location | None = None,
    user,
    reason: str = "",
) -> StockMovement:
    """The stock-move screen: put away, transfer, return to the producer or
    write off units, once per form (``token``). Write-offs need a center
    manager. Raises StockError (FormAlreadySubmitted for a second submission
    of the same form) having changed nothing."""
    if action not in MoveAction.ALL:
        raise StockError(_("Unknown action %(a)r.") % {"a": action}, code="bad_action")
    if action == MoveAction.WRITE_OFF and not user_is_center_manager(user):
        raise StockError(_("Only a center manager can write stock off."), code="needs_manager")
    if action in MoveAction.WITH_DESTINATION and to_location is None:
        raise StockError(_("Choose the bin the units go to."), code="unknown_location")
    with transaction.atomic():
        claimed = form_token_claim(token=token, user=user)
        common = {"product": product, "lot": lot, "quantity": quantity, "from_location": from_location, "user": user}
        if action == MoveAction.PUT_AWAY:
            movement = stock_put_away(to_location=to_location, reason=reason, **common)
        elif action == MoveAction.TRANSFER:
            movement = stock_transfer(to_location=to_location, reason=reason, **common)
        elif action == MoveAction.RETURN_TO_PRODUCER:
            movement = return_to_producer_post(reason=reason, **common)
        else:
            movement = stock_write_off(reason=reason, **common)
        form_token_done(claimed=claimed, reference=f"movement:{movement.pk}")
    return movement
