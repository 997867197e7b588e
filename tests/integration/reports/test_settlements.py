"""Producer settlements on the known history of conftest.py: every amount
traced to an order line, counter sale or refund, totals that reconcile with
the orders to the satang, paid statements that never change."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Sum
from oscar.core.loading import get_model

from shop.common.fiscal import Month
from shop.reports import services
from shop.reports.models import SettlementLine, SettlementStatement
from tests.factories.reports import bkk, report_viewer

pytestmark = pytest.mark.django_db
D = Decimal
Line = get_model("order", "Line")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
MONTHS = [Month(2024, 9), Month(2024, 10), Month(2024, 11), Month(2024, 12), Month(2025, 1)]


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


def _generate_all(producer):
    return {m: services.settlement_generate(producer=producer, month=m) for m in MONTHS}


def _totals(statement):
    return (statement.units_sold, statement.gross, statement.commission, statement.refunds, statement.net_payable)


def test_each_month_settles_its_sales_at_the_commission_recorded_on_the_line(shop_history):
    statements = _generate_all(shop_history["a"])
    assert _totals(statements[Month(2024, 9)]) == (1, D("450.00"), D("67.50"), D("0.00"), D("382.50"))
    assert _totals(statements[Month(2024, 10)]) == (2, D("900.00"), D("135.00"), D("0.00"), D("765.00"))
    # The counter sale (ledger units × price, the producer's 15 %).
    assert _totals(statements[Month(2024, 11)]) == (1, D("450.00"), D("67.50"), D("0.00"), D("382.50"))
    # o2's scarf, and the refund of o1 (450.00, commission given back).
    assert _totals(statements[Month(2024, 12)]) == (1, D("450.00"), D("0.00"), D("450.00"), D("0.00"))


def test_a_refund_shared_by_two_producers_is_split_pro_rata_with_the_rounding_on_the_last_line(shop_history):
    # o2: chilli 360 (B) + scarf 450 (A) + shipping 50 = 860; 120.00 refunded.
    # Goods' part 120 × 810 / 860 = 113.02; B's 120 × 360 / 860 = 50.23; A's the rest.
    january_a = _generate_all(shop_history["a"])[Month(2025, 1)]
    january_b = services.settlement_generate(producer=shop_history["b"], month=Month(2025, 1))
    (refund_a,) = january_a.lines.filter(kind=SettlementLine.Kind.REFUND)
    refund_b = january_b.lines.get(kind=SettlementLine.Kind.REFUND)
    assert (refund_a.gross, refund_a.commission, refund_a.net) == (D("-62.79"), D("-9.42"), D("-53.37"))
    assert (refund_b.gross, refund_b.commission, refund_b.net) == (D("-50.23"), D("-7.53"), D("-42.70"))
    assert refund_a.gross + refund_b.gross == D("-113.02")
    assert refund_a.refund_transaction == shop_history["refunds"][1]
    assert refund_a.order_line.order == shop_history["orders"]["o2"]


def test_every_line_is_traceable_to_its_order_line_counter_sale_or_refund(shop_history):
    statements = _generate_all(shop_history["a"])
    october = statements[Month(2024, 10)].lines.get()
    assert october.order_line.order.number == shop_history["orders"]["o1"].number
    november = statements[Month(2024, 11)].lines.get()
    assert november.counter_sale == shop_history["counter_sale"]
    assert november.reference == shop_history["counter_sale"].number
    december_refund = statements[Month(2024, 12)].lines.get(kind=SettlementLine.Kind.REFUND)
    assert december_refund.refund_transaction == shop_history["refunds"][0]


def test_statements_reconcile_with_the_orders_and_refunds_to_the_satang(shop_history):
    a = shop_history["a"]
    statements = _generate_all(a)
    total_net = sum(s.net_payable for s in statements.values())
    payable_online = Line.objects.filter(producer=a, order__paid_at__isnull=False).aggregate(s=Sum("producer_payable"))[
        "s"
    ]
    payable_counter = D("382.50")
    refunds_net = D("382.50") + D("53.37")
    assert total_net == payable_online + payable_counter - refunds_net == D("1476.63")
    assert SettlementLine.objects.filter(statement__producer=a, kind="order_line").count() == 3  # each line once


def test_a_refund_after_a_paid_statement_lands_on_the_next_statement_as_a_negative_line(shop_history):
    a, office = shop_history["a"], report_viewer()
    october = services.settlement_generate(producer=a, month=Month(2024, 10))
    services.settlement_approve(statement=october, user=office)
    services.settlement_mark_paid(statement=october, user=office, reference="KBANK-0001", paid_on=dt.date(2024, 11, 5))
    paid_totals = _totals(SettlementStatement.objects.get(pk=october.pk))
    # Regenerating a paid statement changes nothing.
    assert services.settlement_generate(producer=a, month=Month(2024, 10)).pk == october.pk
    assert _totals(SettlementStatement.objects.get(pk=october.pk)) == paid_totals
    december = services.settlement_generate(producer=a, month=Month(2024, 12))
    refund_line = december.lines.get(kind=SettlementLine.Kind.REFUND)
    assert refund_line.order_line.order == shop_history["orders"]["o1"]  # o1 was on the paid October statement
    assert refund_line.net == D("-382.50")


def test_regenerating_a_draft_is_idempotent(shop_history):
    a = shop_history["a"]
    first = services.settlement_generate(producer=a, month=Month(2024, 12))
    before = (_totals(first), sorted(first.lines.values_list("kind", "reference", "gross", "net")))
    again = services.settlement_generate(producer=a, month=Month(2024, 12))
    assert again.pk == first.pk
    assert (_totals(again), sorted(again.lines.values_list("kind", "reference", "gross", "net"))) == before
    assert SettlementStatement.objects.count() == 1


def test_a_period_that_has_not_ended_is_refused_and_nothing_is_written(shop_history):
    with pytest.raises(ValidationError) as excinfo:
        services.settlement_generate(producer=shop_history["a"], month=Month(2025, 2))
    assert excinfo.value.code == "period_open"
    with pytest.raises(ValidationError):
        services.settlements_generate(month=Month(2025, 2))
    assert SettlementStatement.objects.count() == 0


def test_generating_for_all_producers_skips_those_with_nothing_to_settle(shop_history):
    from tests.factories.catalog import ProducerFactory

    ProducerFactory()  # no sales at all
    assert services.settlements_generate(month=Month(2024, 12)) == 2
    assert services.settlements_generate(month=Month(2024, 12)) == 2  # again: same drafts
    assert SettlementStatement.objects.count() == 2


def test_only_a_draft_can_be_approved_and_only_an_approved_statement_paid(shop_history):
    office = report_viewer()
    statement = services.settlement_generate(producer=shop_history["a"], month=Month(2024, 12))
    with pytest.raises(ValidationError):
        services.settlement_mark_paid(statement=statement, user=office, reference="X1", paid_on=dt.date(2025, 1, 10))
    services.settlement_approve(statement=statement, user=office)
    with pytest.raises(ValidationError):
        services.settlement_approve(statement=statement, user=office)
    with pytest.raises(ValidationError):
        services.settlement_mark_paid(statement=statement, user=office, reference="  ", paid_on=dt.date(2025, 1, 10))
    with pytest.raises(ValidationError):
        services.settlement_mark_paid(statement=statement, user=office, reference="X1", paid_on=dt.date(2026, 1, 1))
    assert SettlementStatement.objects.get(pk=statement.pk).status == "approved"


def test_the_bank_batch_has_the_full_account_number_and_lists_producers_without_one(shop_history):
    a, b, office = shop_history["a"], shop_history["b"], report_viewer()
    ProducerBankAccount.objects.create(producer=a, bank="kbank", account_name="วิสาหกิจชุมชน", account_number="1234567890")
    statements = [services.settlement_generate(producer=p, month=Month(2024, 11)) for p in (a, b)]
    for statement in statements:
        services.settlement_approve(statement=statement, user=office)
    approved = SettlementStatement.objects.filter(status="approved").select_related("producer")
    content, missing = services.settlement_payment_batch_csv(statements=approved)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["bank", "account_number", "account_name", "amount_thb"]
    assert rows[1][:4] == ["kbank", "1234567890", "วิสาหกิจชุมชน", str(statements[0].net_payable)]
    assert [s.producer for s in missing] == [b]


def test_the_monthly_beat_task_drafts_last_months_statements_for_every_producer(shop_history):
    from shop.reports.tasks import settlements_generate_for_last_month

    with time_machine.travel(bkk(2025, 1, 1, 1, 15), tick=False):
        assert settlements_generate_for_last_month.delay().get() == 2
        assert settlements_generate_for_last_month.delay().get() == 2  # a second run changes nothing
    assert set(SettlementStatement.objects.values_list("period_start", flat=True)) == {dt.date(2024, 12, 1)}
    assert SettlementStatement.objects.filter(status="draft").count() == 2


def test_the_monthly_run_still_settles_a_refund_share_whose_other_share_is_already_settled(shop_history):
    # A's share of the January refund of o2 is settled first, alone; the
    # monthly run must still find B's share of the same refund.
    services.settlement_generate(producer=shop_history["a"], month=Month(2025, 1))
    SettlementStatement.objects.filter(producer=shop_history["a"]).update(
        period_start=dt.date(2024, 12, 1), period_end=dt.date(2024, 12, 31)
    )
    assert services.settlements_generate(month=Month(2025, 1)) >= 1
    january_b = SettlementStatement.objects.get(producer=shop_history["b"], period_start=dt.date(2025, 1, 1))
    assert january_b.lines.get(kind=SettlementLine.Kind.REFUND).gross == D("-50.23")


# --- The period of a statement (issue 19, point 14) ------------------------------------------------


def _kinds_and_references(statement):
    return sorted(statement.lines.values_list("kind", "reference"))


def test_a_months_statement_lists_only_the_sales_of_that_month_in_bangkok_time(shop_history):
    a, b, orders = shop_history["a"], shop_history["b"], shop_history["orders"]
    # No statement before November: September's and October's sales stay
    # for their own months' statements instead of swelling November's.
    november = services.settlement_generate(producer=a, month=Month(2024, 11))
    assert _kinds_and_references(november) == [("counter_sale", shop_history["counter_sale"].number)]
    # o3 at 30 Sep 23:59:59 Bangkok (16:59 UTC) is September; o1 at 1 Oct 00:00 Bangkok is October.
    assert _kinds_and_references(services.settlement_generate(producer=a, month=Month(2024, 10))) == [
        ("order_line", orders["o1"].number)
    ]
    assert _kinds_and_references(services.settlement_generate(producer=a, month=Month(2024, 9))) == [
        ("order_line", orders["o3"].number)
    ]
    # B's sale of November 2023 is not on September 2024's statement.
    assert services.settlement_generate(producer=b, month=Month(2024, 9)) is None
    assert _kinds_and_references(services.settlement_generate(producer=b, month=Month(2023, 11))) == [
        ("order_line", orders["o6"].number)
    ]


def test_a_sale_dated_in_a_month_whose_statement_is_approved_goes_on_the_next_statement_marked_carried_over(
    shop_history,
):
    from tests.factories.reports import paid_order

    a, office = shop_history["a"], report_viewer()
    october = services.settlement_generate(producer=a, month=Month(2024, 10))
    services.settlement_approve(statement=october, user=office)
    # Recorded after October's statement was approved, dated in October.
    late = paid_order(
        placed=bkk(2024, 10, 20, 15), user=shop_history["u1"], lines=[(shop_history["scarf"], 1, "450.00", "0.15")]
    )
    november = services.settlement_generate(producer=a, month=Month(2024, 11))
    carried = november.lines.get(reference=late.number)
    assert carried.is_carried_over and not november.lines.get(kind="counter_sale").is_carried_over
    assert november.gross == D("900.00")  # the counter sale's scarf and the late October sale
    assert SettlementStatement.objects.get(pk=october.pk).lines.count() == 1  # the approved statement is unchanged


def test_the_office_is_told_which_earlier_months_have_sales_on_no_statement(shop_history):
    from shop.reports.settlements.selectors import months_with_unsettled_lines

    services.settlements_generate(month=Month(2024, 11))
    months = months_with_unsettled_lines(before=Month(2025, 1))
    # o6 (Nov 2023), o3 (Sep), o1 (Oct), the refund of o1 and o2 (Dec); November's counter sale is settled.
    assert months == [Month(2023, 11), Month(2024, 9), Month(2024, 10), Month(2024, 12)]


# --- Statement numbers (issue 19, point 14) -----------------------------------------------------------


def test_statement_numbers_run_without_gaps_per_month_in_the_order_of_approval(shop_history):
    from tests.factories.catalog import ProducerFactory

    a, b, office = shop_history["a"], shop_history["b"], report_viewer()
    ProducerFactory()  # a producer with nothing to settle takes no number
    december = {p: services.settlement_generate(producer=p, month=Month(2024, 12)) for p in (b, a)}
    assert all(not s.number.endswith(("0001", "0002")) for s in december.values())  # drafts have no number
    # A draft that is emptied and deleted takes no number either.
    services.settlement_generate(producer=a, month=Month(2025, 1))
    approved = [services.settlement_approve(statement=december[p], user=office) for p in (b, a)]
    assert [s.number for s in approved] == ["ST-202412-0001", "ST-202412-0002"]
    january = services.settlement_approve(
        statement=SettlementStatement.objects.get(producer=a, period_start=dt.date(2025, 1, 1)), user=office
    )
    assert january.number == "ST-202501-0001"  # one series per month
    assert SettlementStatement.objects.get(pk=approved[1].pk).number == "ST-202412-0002"
