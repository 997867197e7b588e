"""What a producer reads on the settlement statement PDF (issue 19, point 14):
every line in their language, references that can be read and typed back."""

import io

import pytest
import time_machine
from django.utils import translation
from pypdf import PdfReader

from shop.common.fiscal import Month
from shop.reports import exports, services
from tests.factories.reports import bkk, paid_order
from tests.pdf_glyphs import find_word, pdf_glyphs

pytestmark = pytest.mark.django_db
LONG_NUMBER = "OTOP-2567-100123"


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(bkk(2025, 2, 1, 12), tick=False):
        yield


@pytest.fixture
def december(shop_history):
    paid_order(placed=bkk(2024, 12, 20, 10), number=LONG_NUMBER, lines=[(shop_history["scarf"], 1, "450.00", "0.15")])
    return services.settlement_generate(producer=shop_history["a"], month=Month(2024, 12))


def _pdf(statement, **kwargs) -> bytes:
    return exports.statement_pdf(statement, statement.lines.order_by("occurred_at", "pk"), **kwargs)


def test_an_order_number_is_printed_on_one_line_in_the_statement(december):
    with translation.override("th"):
        pdf = _pdf(december)
    glyphs = [g for page in pdf_glyphs(pdf) for g in page]
    reference = find_word(glyphs, LONG_NUMBER)
    assert reference, "the order number is not in the PDF as one run of text"
    assert len({round(g.pen_y, 1) for g in reference}) == 1  # one baseline: not wrapped


def test_the_account_paid_to_is_announced_in_the_readers_language(december):
    # Needs the Thai catalogue with this strings compiled (make messages).
    with translation.override("th"):
        pdf = _pdf(december, bank_account_masked="xxx-x-x1234-x")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "xxx-x-x1234-x" in text
    assert "Paid to account" not in text and "Status" not in text
