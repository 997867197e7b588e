from datetime import date

import pytest

from inventory.exceptions import StockError
from inventory.models import Lot, Receipt, ReceiptLine, StockBalance, StockMovement
from inventory.services import ReceiptLineInput, receipt_create, receipt_post, stock_reconcile
from tests.factories.catalog import ProducerFactory, ProductFactory, StockRecord

pytestmark = pytest.mark.django_db


def _draft(product, *lines, user=None):
    return receipt_create(producer=product.producer, lines=list(lines), user=user)


def test_posting_a_receipt_puts_good_units_in_receiving_and_damaged_units_in_quarantine(
    product, receiving_bin, quarantine_bin, clerk
):
    receipt = _draft(
        product,
        ReceiptLineInput(product=product, quantity=8, lot_code="L1"),
        ReceiptLineInput(product=product, quantity=2, lot_code="L1", condition=ReceiptLine.Condition.DAMAGED),
        user=clerk,
    )

    movements = receipt_post(receipt=receipt, user=clerk)

    assert [(m.kind, m.quantity, m.to_location.code) for m in movements] == [
        ("receipt", 8, "SKP-RCV-01"),
        ("receipt", 2, "SKP-QTN-01"),
    ]
    assert all(m.reference == f"receipt:{receipt.pk}" and m.user == clerk for m in movements)
    lot = Lot.objects.get(product=product, code="L1")
    assert StockBalance.objects.get(location=receiving_bin, lot=lot).on_hand == 8
    assert StockBalance.objects.get(location=quarantine_bin, lot=lot).on_hand == 2
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.POSTED and receipt.posted_by == clerk


def test_stock_record_counts_sellable_units_only_so_quarantined_units_are_not_offered(product):
    receipt = _draft(
        product,
        ReceiptLineInput(product=product, quantity=8),
        ReceiptLineInput(product=product, quantity=2, condition=ReceiptLine.Condition.DAMAGED),
    )

    receipt_post(receipt=receipt)

    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (8, 0)
    assert stock_reconcile() == []


def test_a_line_without_a_lot_code_gets_a_lot_named_after_the_receipt(product):
    receipt = _draft(product, ReceiptLineInput(product=product, quantity=3, best_before=date(2026, 1, 31)))

    (movement,) = receipt_post(receipt=receipt)

    assert movement.lot.code == receipt.number == f"GRN-{receipt.pk:06d}"
    assert movement.lot.best_before == date(2026, 1, 31)
    assert movement.lot.owner == product.producer
    assert receipt.lines.get().lot == movement.lot


def test_posting_a_receipt_twice_is_refused_and_changes_nothing(product):
    receipt = _draft(product, ReceiptLineInput(product=product, quantity=3))
    receipt_post(receipt=receipt)
    movements_before = StockMovement.objects.count()

    with pytest.raises(StockError, match="already posted"):
        receipt_post(receipt=Receipt.objects.get(pk=receipt.pk))

    assert StockMovement.objects.count() == movements_before
    assert StockRecord.objects.get(product=product).num_in_stock == 3


def test_a_receipt_for_a_product_the_producer_does_not_own_is_refused(product):
    stranger = ProducerFactory()

    with pytest.raises(StockError, match="does not own"):
        receipt_create(producer=stranger, lines=[ReceiptLineInput(product=product, quantity=1)])

    assert Receipt.objects.count() == 0


def test_a_product_that_changed_hands_after_drafting_cannot_be_posted(product):
    receipt = _draft(product, ReceiptLineInput(product=product, quantity=4))
    product.producer = ProducerFactory()
    product.save()

    with pytest.raises(StockError, match="does not own"):
        receipt_post(receipt=receipt)

    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.DRAFT
    assert StockMovement.objects.count() == 0
    assert Lot.objects.count() == 0


@pytest.mark.parametrize("quantity", [0, -3, 1.5, "2", True])
def test_receipt_lines_need_a_positive_whole_quantity(product, quantity):
    with pytest.raises(StockError, match="Quantity"):
        _draft(product, ReceiptLineInput(product=product, quantity=quantity))

    assert Receipt.objects.count() == 0


def test_a_receipt_without_lines_is_refused(producer):
    with pytest.raises(StockError, match="at least one line"):
        receipt_create(producer=producer, lines=[])


def test_an_existing_lot_code_with_another_best_before_date_is_refused_and_nothing_is_written(product):
    first = ReceiptLineInput(product=product, quantity=2, lot_code="NP-1", best_before=date(2026, 3, 1))
    receipt_post(receipt=_draft(product, first))
    second = _draft(
        product,
        ReceiptLineInput(product=product, quantity=5, lot_code="OK-2"),
        ReceiptLineInput(product=product, quantity=2, lot_code="NP-1", best_before=date(2026, 4, 1)),
    )
    movements_before = StockMovement.objects.count()

    with pytest.raises(StockError, match="best-before"):
        receipt_post(receipt=second)

    assert StockMovement.objects.count() == movements_before
    assert not Lot.objects.filter(code="OK-2").exists()
    assert StockRecord.objects.get(product=product).num_in_stock == 2


def test_receiving_a_product_without_a_stock_record_creates_the_producers_record(producer):
    product = ProductFactory(producer=producer)

    receipt_post(receipt=_draft(product, ReceiptLineInput(product=product, quantity=6)))

    record = StockRecord.objects.get(product=product)
    assert record.partner == producer.partner
    assert (record.num_in_stock, record.num_allocated, record.price) == (6, 0, None)
    assert record.partner_sku == f"OTOP-{product.pk}"


def test_posting_needs_an_active_receiving_bin(product, receiving_bin):
    receiving_bin.is_active = False
    receiving_bin.save()
    receipt = _draft(product, ReceiptLineInput(product=product, quantity=1))

    with pytest.raises(StockError, match="no active Receiving"):
        receipt_post(receipt=receipt)

    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.DRAFT
