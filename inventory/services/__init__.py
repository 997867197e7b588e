"""Every write of the inventory: the only code that writes stock, and the
emails and alerts that follow it. See docs/inventory.md for which to call when.

The stock services post through ``ledger.LedgerPosting``. Every one runs in
one ``transaction.atomic()``, takes its row locks in the order set out in
``inventory.locks``, writes exactly one ledger row per change, keeps
StockBalance and Oscar's StockRecord counters equal to the ledger in the
same transaction, and raises ``StockError`` (or its subclass
``InsufficientStock``) having written nothing when the input is bad.
"""

from .alerts import alert_digest_send, stock_ledger_check
from .counts import (
    count_approval_threshold,
    count_line_needs_approval,
    count_sheet_approve,
    count_sheet_cancel,
    count_sheet_open,
    count_sheet_submit,
)
from .documents import MoveAction, counter_sale_record, stock_move_record
from .locations import location_create
from .movements import (
    MoveLine,
    count_variance_post,
    counter_sale_post,
    customer_return_post,
    movement_reverse,
    return_to_producer_post,
    stock_adjust,
    stock_put_away,
    stock_transfer,
    stock_transfer_bulk,
    stock_write_off,
)
from .notifications import receipt_notification_send
from .receipts import ReceiptLineInput, receipt_create, receipt_post, receipt_sign_off
from .reconcile import StockDifference, stock_reconcile
from .reservations import (
    ReservationConfirmation,
    reservation_confirm,
    reservation_create,
    reservation_release,
    reservations_expire,
    stock_dispatch,
)
from .stock_records import stock_records_saved_send
from .tokens import form_token_claim

__all__ = [
    "alert_digest_send",
    "count_approval_threshold",
    "count_line_needs_approval",
    "receipt_sign_off",
    "stock_ledger_check",
    "stock_records_saved_send",
    "MoveAction",
    "MoveLine",
    "stock_transfer_bulk",
    "count_sheet_approve",
    "count_sheet_cancel",
    "count_sheet_open",
    "count_sheet_submit",
    "counter_sale_record",
    "form_token_claim",
    "receipt_notification_send",
    "stock_move_record",
    "ReceiptLineInput",
    "ReservationConfirmation",
    "StockDifference",
    "count_variance_post",
    "counter_sale_post",
    "customer_return_post",
    "location_create",
    "movement_reverse",
    "receipt_create",
    "receipt_post",
    "reservation_confirm",
    "reservation_create",
    "reservation_release",
    "reservations_expire",
    "return_to_producer_post",
    "stock_adjust",
    "stock_dispatch",
    "stock_put_away",
    "stock_reconcile",
    "stock_transfer",
    "stock_write_off",
]
