"""Thai in every PDF goes through shop.common.documents.fonts, which shapes it with
HarfBuzz: tone marks and upper vowels land on their consonant (issue 19,
point 13). Checked on the ink of the glyphs the PDF really draws."""

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from shop.common.documents.fonts import draw_string, paragraph_style, string_width, thai_font_name
from tests.pdf_glyphs import find_word, misplaced_marks, pdf_glyphs

# The words, and marks over tall consonants, stacked marks, SARA AM.
WORDS = ["ได้", "ออนไลน์", "สร้าง", "ผ้าไหม", "ปั้น", "ฝ้าย", "ที่", "ญี่ปุ่น", "น้ำพริก", "จำนวน"]


def _canvas_pdf(draw) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.setFont(thai_font_name(), 18)
    for n, word in enumerate(WORDS):
        draw(c, 60, 780 - 28 * n, word)
    c.save()
    return buffer.getvalue()


def _problems(pdf: bytes) -> dict[str, list[str]]:
    glyphs = pdf_glyphs(pdf)[0]
    found = {word: find_word(glyphs, word) for word in WORDS}
    assert all(found.values()), f"not drawn: {[w for w, g in found.items() if not g]}"
    return {word: misplaced_marks(g) for word, g in found.items() if misplaced_marks(g)}


def test_the_check_catches_thai_drawn_without_shaping():
    # The way every PDF was drawn before: reportlab places each mark at the
    # pen, so the checker must see the marks float and hang off their letter.
    problems = _problems(_canvas_pdf(lambda c, x, y, word: c.drawString(x, y, word)))
    assert {"ได้", "ออนไลน์", "สร้าง", "ปั้น"} <= set(problems)


def test_marks_drawn_through_the_shared_helper_sit_on_their_consonant():
    assert _problems(_canvas_pdf(draw_string)) == {}


@pytest.mark.parametrize("align", ["left", "right", "centre"])
def test_aligned_lines_are_shaped_and_end_where_asked(align):
    pdf = _canvas_pdf(lambda c, x, y, word: draw_string(c, 300, y, word, align=align))
    assert _problems(pdf) == {}
    glyphs = find_word(pdf_glyphs(pdf)[0], "สร้าง")
    start, end = glyphs[0].pen_x, glyphs[0].pen_x + string_width("สร้าง", size=18)
    assert {"left": start, "right": end, "centre": (start + end) / 2}[align] == pytest.approx(300, abs=0.01)


def test_paragraphs_in_the_shared_style_are_shaped():
    buffer = io.BytesIO()
    style = paragraph_style("body", size=14)
    SimpleDocTemplate(buffer).build([Paragraph(" ".join(WORDS), style)])
    assert _problems(buffer.getvalue()) == {}


def test_the_text_layer_reads_back_as_thai_not_private_use_glyph_codes():
    # Shaping picks the font's lowered and shifted mark glyphs, which live at
    # private-use code points; copying or searching the PDF must still find ได้.
    text = PdfReader(io.BytesIO(_canvas_pdf(draw_string))).pages[0].extract_text()
    assert "ได้" in text and "ปั้น" in text
    assert not any("\uf700" <= ch <= "\uf71a" for ch in text)


def test_bold_is_a_second_shaped_font():
    assert thai_font_name(bold=True) != thai_font_name()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.setFont(thai_font_name(bold=True), 18)
    draw_string(c, 60, 700, "ได้ สร้าง ออนไลน์")
    c.save()
    glyphs = pdf_glyphs(buffer.getvalue())[0]
    assert misplaced_marks(find_word(glyphs, "ได้")) == [] and misplaced_marks(find_word(glyphs, "ออนไลน์")) == []
