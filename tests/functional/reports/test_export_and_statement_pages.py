"""Issue 19, point 14, as the office meets it: an export downloads by itself
when ready (here the path without script: meta refreshes; the script's path
is walked in tests/e2e/test_office_report_journey.py), a statement shows
the lines carried over from an earlier month under their own heading, and
the settlement list names earlier months whose sales are on no statement."""

import html as html_lib

import pytest
import time_machine
from django.urls import reverse

from shop.common.fiscal import Month
from shop.reports import services
from shop.reports.models import ReportExport
from tests.factories.reports import bkk, paid_order, report_viewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


@pytest.fixture
def office(client):
    user = report_viewer()
    client.force_login(user)
    return user


def _refresh_target(page: str) -> str:
    """The URL a <meta http-equiv="refresh"> of the page goes to ("" when
    it refreshes itself, None when there is none)."""
    marker = '<meta http-equiv="refresh" content="'
    if marker not in page:
        return None
    content = html_lib.unescape(page.split(marker, 1)[1].split('"', 1)[0])
    return content.split(";url=", 1)[1] if ";url=" in content else ""


def test_without_script_the_report_page_moves_on_to_the_exports_page_which_ends_at_the_download(
    client, office, shop_history, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the task has not run yet
        response = client.post(reverse("otop-reports:export-create"), {"period": "2568-q1", "format": "xlsx"})
    export = ReportExport.objects.get()
    report = client.get(response["Location"]).content.decode()
    export_page = reverse("otop-reports:export-page", args=[export.pk])
    noscript = report.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert _refresh_target(noscript) == export_page

    # Queued: the export's page refreshes itself.
    assert _refresh_target(client.get(export_page).content.decode()) == ""
    services.report_export_build(export_id=export.pk)
    # Ready: its next refresh is the download itself.
    ready = client.get(export_page).content.decode()
    download_url = reverse("otop-reports:export-download", args=[export.pk])
    assert _refresh_target(ready) == download_url
    download = client.get(download_url)
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_a_failed_export_says_so_and_stops_refreshing(client, office):
    export = ReportExport.objects.create(period_key="2568-q1", format="pdf", status=ReportExport.Status.FAILED)
    page = client.get(reverse("otop-reports:export-page", args=[export.pk])).content.decode()
    assert _refresh_target(page) is None
    assert "ส่งออกไม่สำเร็จ" in page or "The export failed" in page


def test_a_carried_over_sale_is_shown_under_its_own_heading_on_the_statement_page(client, office, shop_history):
    a = shop_history["a"]
    october = services.settlement_generate(producer=a, month=Month(2024, 10))
    services.settlement_approve(statement=october, user=office)
    late = paid_order(
        placed=bkk(2024, 10, 20, 15), user=shop_history["u1"], lines=[(shop_history["scarf"], 1, "450.00", "0.15")]
    )
    november = services.settlement_generate(producer=a, month=Month(2024, 11))
    page = client.get(reverse("otop-reports:settlement-detail", args=[november.pk])).content.decode()
    carried_part = page.split('id="carried-over"', 1)[1]
    assert late.number in carried_part
    assert shop_history["counter_sale"].number not in carried_part  # November's own sale is above the heading
    pdf = client.get(reverse("otop-reports:settlement-pdf", args=[november.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")  # with its own "carried over" table


def test_the_settlement_list_names_earlier_months_whose_sales_are_on_no_statement(client, office, shop_history):
    services.settlements_generate(month=Month(2024, 11))
    page = client.get(reverse("otop-reports:settlement-list"), {"month": "2024-11"}).content.decode()
    warning = page.split('class="alert alert-warning"', 1)[1].split("</div>", 1)[0]
    for key in ("2023-11", "2024-09", "2024-10", "2024-12"):
        assert f"?month={key}" in warning
    assert "?month=2024-11" not in warning
