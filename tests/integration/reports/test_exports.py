"""Exports of the quarterly report: made by the Celery task (eager in tests)
once the request's transaction commits, kept as a file, openable."""

import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from shop.reports import services
from shop.reports.models import ReportExport
from tests.factories.reports import bkk, report_viewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


def _export(django_capture_on_commit_callbacks, *, file_format: str, language: str = "th") -> ReportExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(
            user=report_viewer(), period_key="2568-q1", file_format=file_format, language=language
        )
    export.refresh_from_db()
    return export


def test_the_xlsx_export_has_one_sheet_per_section_with_the_report_figures(
    shop_history, django_capture_on_commit_callbacks
):
    export = _export(django_capture_on_commit_callbacks, file_format="xlsx", language="en")
    assert (export.status, export.progress) == ("done", 100)
    workbook = load_workbook(io.BytesIO(export.file.read()))
    assert workbook.sheetnames == ["Sales", "Buyers", "Producers and products", "Center stock", "Payments", "Stories"]
    sales = workbook["Sales"]
    assert sales["A1"].value == "Q1 FY2025 (Oct–Dec 2024)"
    rows = {row[0].value: [c.value for c in row[1:4]] for row in sales.iter_rows() if row[0].value}
    assert rows["Gross sales (THB)"] == [2400, 450, 240]  # numbers, not text
    assert rows["Refunds (THB)"][0] == 450


def test_the_thai_xlsx_export_is_titled_in_buddhist_era(shop_history, django_capture_on_commit_callbacks):
    export = _export(django_capture_on_commit_callbacks, file_format="xlsx", language="th")
    workbook = load_workbook(io.BytesIO(export.file.read()))
    assert workbook.worksheets[0]["A1"].value == "ไตรมาส 1 ปีงบประมาณ 2568"


def test_the_pdf_export_embeds_a_thai_font_and_has_a_page_per_section(shop_history, django_capture_on_commit_callbacks):
    export = _export(django_capture_on_commit_callbacks, file_format="pdf", language="th")
    assert export.status == "done", export.error
    reader = PdfReader(io.BytesIO(export.file.read()))
    assert len(reader.pages) >= 6  # a section starts a page; sales spans more than one
    text = "".join(page.extract_text() for page in reader.pages)
    assert "ปีงบประมาณ 2568" in text
    assert "2,400.00" in text
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # the TrueType subset is embedded, not a standard font reference


def test_building_an_export_twice_changes_nothing(shop_history, django_capture_on_commit_callbacks):
    export = _export(django_capture_on_commit_callbacks, file_format="xlsx")
    name = export.file.name
    again = services.report_export_build(export_id=export.pk)
    assert again.file.name == name
    assert ReportExport.objects.count() == 1


def test_a_second_request_while_one_is_running_returns_the_same_export(db):
    user = report_viewer()
    first = services.report_export_request(user=user, period_key="2568-q1", file_format="pdf", language="th")
    second = services.report_export_request(user=user, period_key="2568-q1", file_format="pdf", language="th")
    assert first.pk == second.pk


@pytest.mark.parametrize(
    ("period_key", "file_format"), [("2568-q9", "pdf"), ("soon", "xlsx"), ("2568-q1", "docx"), ("2570-q1", "pdf")]
)
def test_a_bad_export_request_is_refused_and_nothing_is_written(db, period_key, file_format):
    with pytest.raises(ValidationError):
        services.report_export_request(
            user=report_viewer(), period_key=period_key, file_format=file_format, language="th"
        )
    assert ReportExport.objects.count() == 0
