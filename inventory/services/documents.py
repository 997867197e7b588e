"""Staff documents: a counter sale with its payment record, and the
stock-move form (put-away, transfer, return to producer, write-off). Views
only parse input and show the outcome; the rules (idempotency, who may
write off, one transaction) live here. Cycle counts are in ``counts``."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..exceptions import StockError
from ..models import CounterSale, Location, Lot, StockMovement
from ..permissions import user_is_center_manager
from .movements import counter_sale_post, return_to_producer_post, stock_put_away, stock_transfer, stock_write_off
from .tokens import form_token_claim, form_token_done


def counter_sale_record(
    *,
    token: str,
    payment_method: str,
    payment_reference: str,
    lines: dict[int, int],
    total: Decimal,
    user,
) -> tuple[CounterSale, bool]:
    """Record a walk-in sale and take its units from the shared stock pool.

    Idempotent on the form's ``token``: a double-submitted form returns the
    sale already posted and ``created=False`` with nothing changed (the unique
    token also catches two submits racing). Raises ``InsufficientStock`` /
    ``StockError`` having written nothing. Returns (sale, created)."""
    existing = CounterSale.objects.filter(token=token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            sale = CounterSale.objects.create(
                token=token,
                payment_method=payment_method,
                payment_reference=payment_reference,
                total=total,
                created_by=user,
            )
            counter_sale_post(reference=sale.reference, lines=list(lines.items()), user=user)
    except IntegrityError:
        existing = CounterSale.objects.filter(token=token).first()
        if existing is None:
            raise
        return existing, False
    return sale, True


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
