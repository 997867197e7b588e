"""The demo order history (shop/demo/orders.py) loaded by `manage.py
load_demo_data`: what the office report, the producer portal and the
settlements show a new user, and that a second load adds nothing."""

from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model

from inventory.models import CounterSale, StockMovement
from shop.common import fiscal
from shop.demo.accounts import DEMO_PRODUCER_SLUG
from shop.demo.orders import DEMO_ORDER_PREFIX
from shop.order.models import Order
from shop.reports.layout import office_report
from shop.reports.models import SettlementStatement
from tests.factories.demo import demo_user_login, load_demo_data

Line = get_model("order", "Line")
Producer = get_model("catalogue", "Producer")
ProducerBankAccount = get_model("catalogue", "ProducerBankAccount")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")


def history_counts() -> dict[str, int]:
    return {
        "orders": Order.objects.count(),
        "lines": Line.objects.count(),
        "sources": Source.objects.count(),
        "transactions": Transaction.objects.count(),
        "movements": StockMovement.objects.count(),
        "counter sales": CounterSale.objects.count(),
        "statements": SettlementStatement.objects.count(),
        "bank accounts": ProducerBankAccount.objects.count(),
    }


def test_the_history_is_paid_orders_of_several_producers_with_a_refund_counter_sales_and_a_write_off(demo):
    orders = Order.objects.filter(number__startswith=DEMO_ORDER_PREFIX)

    assert 30 <= orders.count() <= 45
    assert not orders.filter(paid_at__isnull=True).exists()
    assert Line.objects.filter(order__in=orders).values("producer").distinct().count() >= 3
    assert "Order history" in demo
    kinds = set(Source.objects.values_list("source_type__code", flat=True))

    assert {"test", "cash", "promptpay-counter"} <= kinds
    assert Transaction.objects.filter(txn_type=Transaction.REFUND).count() == 1
    assert Order.objects.filter(status="refunded").count() == 1
    assert CounterSale.objects.count() == 3
    assert StockMovement.objects.filter(kind=StockMovement.Kind.WRITE_OFF).count() == 1
    # The lifecycle: shipped orders dispatched and completed, pickups collected.
    assert Order.objects.filter(status="completed").count() >= 10
    assert Order.objects.filter(status="completed", shipping_code="pickup").exists()
    assert Order.objects.exclude(tracking_number="").exists()


def test_the_office_report_compares_this_quarter_with_the_previous_one_by_district(demo, client):
    report = office_report(period=fiscal.current_quarter())
    sales = report.section("sales")
    totals = next(t for t in sales.tables if t.key == "sales_totals")
    gross_row = totals.rows[0]  # label, current, previous, year before, changes
    by_district = next(t for t in sales.tables if t.key == "sales_by_district")

    assert report.has_data
    assert gross_row[1] > 0 and gross_row[2] > 0 and gross_row[3] > 0
    assert sum(1 for row in by_district.rows if row[1] > 0) >= 2

    demo_user_login(client, "office@demo.otop")

    response = client.get("/dashboard/reports/otop/")

    assert response.status_code == 200
    assert response.context["report"].has_data


def test_the_demo_producer_sees_its_order_lines_and_its_approved_statement_for_last_month(demo, client):
    producer = Producer.objects.get(slug=DEMO_PRODUCER_SLUG)
    own = Line.objects.filter(producer=producer, order__number__startswith=DEMO_ORDER_PREFIX)
    foreign_order = Order.objects.filter(number__startswith=DEMO_ORDER_PREFIX).exclude(lines__producer=producer).first()
    demo_user_login(client, "producer@demo.otop")

    response = client.get("/dashboard/portal/orders/")

    assert own.count() >= 10
    assert response.status_code == 200
    body = response.content.decode()
    assert own.order_by("-order__date_placed").first().order.number in body
    assert foreign_order.number not in body

    # Its settlement statement for last month, approved, with the refund on it.
    last_month = fiscal.month_of(timezone.now()).previous()

    statement = SettlementStatement.objects.get(producer=producer, period_start=last_month.first_day)

    assert statement.status == SettlementStatement.Status.APPROVED
    assert statement.gross > 0
    assert statement.refunds > Decimal("0")
    assert statement.net_payable > 0
    assert ProducerBankAccount.objects.filter(producer=producer).exists()


def test_loading_twice_adds_nothing(demo):
    first = history_counts()

    second = load_demo_data()

    assert history_counts() == first
    assert "already loaded" in second
