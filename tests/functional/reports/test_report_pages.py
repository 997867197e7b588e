"""The office report pages as office staff, other staff and producers meet them."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.common.fiscal import Month
from shop.reports import services
from shop.reports.models import ReportExport, SettlementStatement
from tests.factories.catalog import ProducerFactory, UserFactory, producer_member
from tests.factories.reports import bkk, report_viewer

pytestmark = pytest.mark.django_db
DASHBOARD = "/dashboard/reports/otop/"


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


@pytest.fixture
def office_client(client):
    client.force_login(report_viewer())
    return client


def test_the_dashboard_needs_a_login_and_the_report_permission(client):
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get(DASHBOARD).status_code == 403


def test_the_office_sees_the_quarter_in_thai_with_charts_and_their_tables(office_client, shop_history):
    response = office_client.get(DASHBOARD, {"period": "2568-q1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ไตรมาส 1 ปีงบประมาณ 2568" in html
    assert "ไตรมาส 4 ปีงบประมาณ 2567" in html  # the previous quarter's column
    assert "1 ต.ค. 2567 – 31 ธ.ค. 2567" in html
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert "2,400.00" in html  # gross, in the table next to the chart
    report_part = html[html.index('id="report-exports"') : html.rindex("</section>")]
    assert "style=" not in report_part and "<script>" not in report_part  # strict CSP: no inline styles or code


def test_the_dashboard_costs_the_same_queries_with_more_orders(office_client, shop_history):
    from tests.factories.reports import paid_order

    office_client.get(DASHBOARD, {"period": "2568-q1"})
    with CaptureQueriesContext(connection) as few:
        office_client.get(DASHBOARD, {"period": "2568-q1"})
    for day in range(1, 15):
        paid_order(
            placed=bkk(2024, 11, day, 9),
            lines=[(shop_history["scarf"], 1, "450.00", "0.15")],
            guest_email=f"p{day}@x.th",
        )
    with CaptureQueriesContext(connection) as many:
        office_client.get(DASHBOARD, {"period": "2568-q1"})
    assert len(many) == len(few)


@pytest.mark.parametrize("key", ["2568-q7", "<script>", "9999"])
def test_a_bad_period_shows_a_message_and_the_current_quarter(office_client, key):
    response = office_client.get(DASHBOARD, {"period": key}, follow=True)
    assert response.status_code == 200
    assert "ไตรมาส 2 ปีงบประมาณ 2568" in response.content.decode()
    assert list(response.context["messages"])


def test_an_export_is_made_in_the_background_polled_and_downloaded(
    office_client, shop_history, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(reverse("otop-reports:export-create"), {"period": "2568-q1", "format": "xlsx"})
    export = ReportExport.objects.get()
    assert response.status_code == 302 and f"export={export.pk}" in response["Location"]
    status = office_client.get(reverse("otop-reports:export-status", args=[export.pk])).json()
    assert status["finished"] is True and status["progress"] == 100
    download = office_client.get(status["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"  # a zip: the XLSX


def test_exports_are_not_for_staff_without_the_permission(client, shop_history):
    export = ReportExport.objects.create(period_key="2568-q1", format="pdf")
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("otop-reports:export-status", args=[export.pk])).status_code == 403
    assert client.get(reverse("otop-reports:export-download", args=[export.pk])).status_code == 403


def test_office_staff_approve_and_pay_a_statement_from_its_page(office_client, shop_history):
    statement = services.settlement_generate(producer=shop_history["a"], month=Month(2024, 12))
    url = reverse("otop-reports:settlement-detail", args=[statement.pk])
    page = office_client.get(url)
    assert page.status_code == 200 and statement.number in page.content.decode()
    office_client.post(url, {"action": "approve"})
    office_client.post(url, {"action": "paid", "reference": "", "paid_on": "2025-01-10"})
    assert SettlementStatement.objects.get(pk=statement.pk).status == "approved"  # no reference: refused
    office_client.post(url, {"action": "paid", "reference": "KB-778", "paid_on": "2025-01-10"})
    statement.refresh_from_db()
    assert (statement.status, statement.paid_reference, statement.paid_on) == ("paid", "KB-778", dt.date(2025, 1, 10))
    pdf = office_client.get(reverse("otop-reports:settlement-pdf", args=[statement.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_generating_an_open_month_from_the_list_page_says_why_and_writes_nothing(office_client, shop_history):
    response = office_client.post(reverse("otop-reports:settlement-list"), {"month": "2025-02"}, follow=True)
    assert list(response.context["messages"])
    assert SettlementStatement.objects.count() == 0


def test_producers_download_their_own_statements_and_never_another_producers(client, shop_history):
    a, b = shop_history["a"], shop_history["b"]
    office = report_viewer()
    mine = services.settlement_generate(producer=a, month=Month(2024, 12))
    theirs = services.settlement_generate(producer=b, month=Month(2024, 12))
    draft = services.settlement_generate(producer=a, month=Month(2025, 1))
    mine, theirs = (services.settlement_approve(statement=statement, user=office) for statement in (mine, theirs))
    client.force_login(producer_member(a))
    listing = client.get(reverse("otop-reports:portal-statements"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert mine.number in html and theirs.number not in html and draft.number not in html
    pdf = client.get(reverse("otop-reports:portal-statement-pdf", args=[mine.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("otop-reports:portal-statement-pdf", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("otop-reports:portal-statement-pdf", args=[draft.pk])).status_code == 404
    # Office pages stay closed to producers.
    assert client.get(reverse("otop-reports:settlement-detail", args=[mine.pk])).status_code == 403


def test_a_user_who_is_no_producers_member_gets_404_from_the_portal_page(client, db):
    ProducerFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("otop-reports:portal-statements")).status_code == 404
