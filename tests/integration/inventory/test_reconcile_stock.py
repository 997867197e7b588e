import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from inventory.models import StockBalance, StockMovement
from inventory.services import reservation_create, stock_reconcile
from inventory.tasks import check_stock_ledger
from tests.factories.catalog import StockRecord
from tests.factories.inventory import stock_receive

pytestmark = pytest.mark.django_db


def _corrupt_balance(product, *, on_hand):
    """What a stray UPDATE or a buggy script would do."""
    StockBalance.objects.filter(product=product, location__code="SKP-A-01").update(on_hand=on_hand)


def test_reconcile_stock_reports_nothing_and_exits_cleanly_when_caches_match_the_ledger(product, capsys):
    stock_receive(product=product, quantity=5)
    reservation_create(reference="order:1", lines=[(product.pk, 2)])

    call_command("reconcile_stock")

    assert "agree" in capsys.readouterr().out


def test_a_balance_corrupted_by_hand_is_reported_with_a_non_zero_exit(product, capsys):
    stock_receive(product=product, quantity=5)
    _corrupt_balance(product, on_hand=9)

    with pytest.raises(CommandError) as caught:
        call_command("reconcile_stock")

    assert caught.value.returncode == 1
    out = capsys.readouterr().out
    assert "on_hand cached 9, ledger 5" in out
    assert StockBalance.objects.get(product=product, location__code="SKP-A-01").on_hand == 9  # report only


def test_repair_rewrites_the_corrupted_balance_from_the_ledger(product, capsys):
    stock_receive(product=product, quantity=5)
    _corrupt_balance(product, on_hand=9)

    call_command("reconcile_stock", "--repair")

    out = capsys.readouterr().out
    assert "on_hand cached 9, ledger 5" in out and "Repaired" in out
    assert StockBalance.objects.get(product=product, location__code="SKP-A-01").on_hand == 5
    call_command("reconcile_stock")  # clean now: no CommandError


def test_a_stock_record_edited_outside_the_ledger_is_reported_and_repaired(product):
    stock_receive(product=product, quantity=5)
    reservation_create(reference="order:2", lines=[(product.pk, 1)])
    StockRecord.objects.filter(product=product).update(num_in_stock=50, num_allocated=0)

    differences = stock_reconcile(repair=True)

    assert sorted((d.what, d.field, d.cached, d.ledger) for d in differences) == [
        ("stock_record", "num_allocated", 0, 1),
        ("stock_record", "num_in_stock", 50, 5),
    ]
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (5, 1)
    assert stock_reconcile() == []


def test_a_deleted_balance_row_is_reported_as_missing_and_recreated(product):
    stock_receive(product=product, quantity=4)
    StockBalance.objects.filter(product=product, location__code="SKP-A-01").delete()

    differences = stock_reconcile(repair=True)

    assert ("balance", "on_hand", None, 4) in [(d.what, d.field, d.cached, d.ledger) for d in differences]
    assert StockBalance.objects.get(product=product, location__code="SKP-A-01").on_hand == 4
    assert stock_reconcile() == []


def test_the_nightly_check_emails_center_staff_about_differences(product, settings):
    settings.INVENTORY_ALERT_EMAILS = ["center@example.com"]
    stock_receive(product=product, quantity=5)
    _corrupt_balance(product, on_hand=6)

    assert check_stock_ledger.delay().get() == 1  # the balance; the stock record still matches the ledger

    (message,) = mail.outbox
    assert message.to == ["center@example.com"]
    assert "on_hand cached 6, ledger 5" in message.body
    assert StockBalance.objects.get(product=product, location__code="SKP-A-01").on_hand == 6  # not repaired


def test_the_nightly_check_sends_nothing_when_all_is_well(product, settings):
    settings.INVENTORY_ALERT_EMAILS = ["center@example.com"]
    stock_receive(product=product, quantity=5)

    assert check_stock_ledger.delay().get() == 0
    assert mail.outbox == []


def test_the_nightly_check_falls_back_to_the_admins(product, settings):
    settings.INVENTORY_ALERT_EMAILS = []
    settings.ADMINS = [("Manager", "manager@example.com")]
    stock_receive(product=product, quantity=1)
    _corrupt_balance(product, on_hand=0)

    check_stock_ledger()

    assert mail.outbox[0].to == ["manager@example.com"]


def test_ledger_rows_cannot_be_updated(product):
    stock_receive(product=product, quantity=5)

    with pytest.raises((IntegrityError, DatabaseError), match="append-only"):
        with transaction.atomic():
            StockMovement.objects.filter(kind="receipt").update(quantity=50)

    assert StockMovement.objects.get(kind="receipt").quantity == 5


@pytest.mark.postgres
def test_ledger_rows_cannot_be_deleted_on_postgresql(product):
    stock_receive(product=product, quantity=5)

    with pytest.raises((IntegrityError, DatabaseError), match="append-only"):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM inventory_stockmovement")

    assert StockMovement.objects.count() == 2
