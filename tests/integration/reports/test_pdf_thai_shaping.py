"""The statement and the quarterly report PDFs set Thai with shaping: every
tone mark and upper vowel on its consonant (issue 19, point 13), checked on
the ink of the glyphs the PDFs draw (tests/pdf_glyphs.py)."""

import pytest
import time_machine
from django.utils import translation

from shop.common.fiscal import Month
from shop.reports import exports, services
from tests.factories.reports import bkk, report_viewer
from tests.pdf_glyphs import find_word, misplaced_marks, pdf_glyphs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


def _marks(pdf: bytes, words: list[str]) -> dict[str, list[str]]:
    glyphs = [g for page in pdf_glyphs(pdf) for g in page]
    found = {word: find_word(glyphs, word) for word in words}
    assert all(found.values()), f"not in the PDF: {[w for w, g in found.items() if not g]}"
    return {word: misplaced_marks(g) for word, g in found.items() if misplaced_marks(g)}


def test_the_settlement_statement_pdf_sets_thai_marks_on_their_consonants(shop_history):
    statement = services.settlement_generate(producer=shop_history["a"], month=Month(2024, 12))
    with translation.override("th"):
        pdf = exports.statement_pdf(statement, statement.lines.order_by("occurred_at", "pk"))
    # The product, the center's name (ศูนย์จำหน่ายสินค้า), the producer's district.
    assert _marks(pdf, ["ผ้าพันคอไหม", "ศูนย์", "สินค้า", "สันกำแพง"]) == {}


def test_the_quarterly_report_pdf_sets_thai_marks_on_their_consonants(shop_history, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.report_export_request(
            user=report_viewer(), period_key="2568-q1", file_format="pdf", language="th"
        )
    export.refresh_from_db()
    assert export.status == "done", export.error
    assert _marks(export.file.read(), ["ผ้าพันคอไหม", "น้ำพริกหนุ่ม", "ปีงบประมาณ"]) == {}
