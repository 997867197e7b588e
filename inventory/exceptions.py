"""Errors raised by inventory services.

Both are ``ValidationError`` subclasses, so a view can hand them to a form
(``form.add_error(None, exc)``) and show the message as it is.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StockError(ValidationError):
    """Bad input or an operation that is not allowed. Nothing was written."""

    def __init__(self, message: str, code: str = "stock_error", params: Any = None) -> None:
        super().__init__(message, code=code, params=params)

    def __str__(self) -> str:
        return " ".join(str(m) for m in self.messages)


@dataclass(frozen=True)
class InsufficientStockLine:
    """One line that cannot be served: what was asked for, what there is."""

    product_id: int
    requested: int
    available: int
    product: Any = None  # the Product, for messages; loaded by the service
    location_id: int | None = None  # set when the shortage is in one bin

    @property
    def title(self) -> str:
        if self.product is not None:
            return self.product.get_title()
        return f"#{self.product_id}"


class InsufficientStock(StockError):
    """Not enough available stock (on hand minus reserved) for one or more lines.

    ``lines`` lists every failing line, so the checkout can say which products
    are out of stock and how many are left.
    """

    def __init__(self, lines: list[InsufficientStockLine]) -> None:
        self.lines = list(lines)
        parts = [
            _("%(title)s: %(requested)d requested, %(available)d available")
            % {"title": line.title, "requested": line.requested, "available": line.available}
            for line in self.lines
        ]
        super().__init__(_("Not enough stock. %(lines)s") % {"lines": "; ".join(parts)}, code="insufficient_stock")

    def __reduce__(self):
        return (self.__class__, (self.lines,))


class FormAlreadySubmitted(StockError):
    """The same form was submitted before: nothing was changed this time.
    ``reference`` names what the first submission created (may be empty)."""

    def __init__(self, reference: str = "") -> None:
        self.reference = reference
        super().__init__(_("This form was already submitted; nothing was changed this time."), code="already_submitted")

    def __reduce__(self):
        return (self.__class__, (self.reference,))
