"""Office staff, in a real browser: open the quarterly OTOP report, ask for
the XLSX export, watch the progress bar finish (the export task runs eagerly
in the e2e server; the page polls its status JSON) and download the file,
which opens as a workbook."""

import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def quarter_with_a_sale(site):
    """One paid order in the current quarter, so the report has a sale."""
    from shop.order.services import order_payment_confirmed
    from tests.factories.order import order_place, stocked_product

    product = stocked_product(price="640.00", quantity=3, title="ผ้าซิ่นตีนจก", title_en="Teen chok sarong e2e-report")
    order = order_place(lines=[(product, 1)], email="report.tourist@example.com")
    order_payment_confirmed(order=order, amount=order.total_incl_tax, method_label="card")
    return order


def test_office_staff_export_the_quarterly_report_as_xlsx_and_download_it(
    page, shot, tap, staff_user, dashboard_login, quarter_with_a_sale
):
    from openpyxl import load_workbook

    from shop.common.roles import OFFICE_STAFF
    from shop.reports.models import ReportExport

    office = staff_user("office-e2e-report", role=OFFICE_STAFF)
    dashboard_login(page, office)

    page.goto("/dashboard/reports/otop/")
    expect(page.locator("#report-exports")).to_be_visible()
    expect(page.locator("h2").first).to_have_text(re.compile(r"\S"))
    shot("01-quarterly-report")

    # The file downloads by itself when ready (issue 19): the page's script
    # polls the status, then sends the browser to the download URL.
    with page.expect_download(timeout=30_000) as download_info:
        tap(page.locator("#report-exports button[name=format][value=xlsx]"))
    download = download_info.value
    export = ReportExport.objects.filter(requested_by=office).latest("created_at")
    assert export.format == "xlsx"

    bar = page.locator("#report-exports [data-export=bar]")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    # The link stays, for a browser that blocked the automatic download.
    expect(page.locator("#report-exports [data-export=message] a")).to_be_visible()
    # The export id left the address bar: a reload does not download again.
    expect(page).to_have_url(re.compile(r"/dashboard/reports/otop/\?period=[^&]+$"))
    shot("02-export-ready")
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    content = open(download.path(), "rb").read()
    assert content.startswith(b"PK"), "not a zip (XLSX) file"

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames
    cells = [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    assert any(value not in (None, "") for value in cells), "the workbook is empty"
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
