"""The Thai font of every PDF the project makes, with HarfBuzz shaping on.

reportlab places each character's glyph at the advance of the one before
unless the text is shaped. Thai tone marks and upper vowels are zero-width
marks whose right place depends on their neighbours: the ้ of ได้ sits low
over the consonant unless an upper vowel is there, a mark over ป ฝ ฟ moves
left of the tall stem, ์ nudges over น. Only a shaping engine (HarfBuzz)
picks those variants and offsets; unshaped, the marks float high and off to
the right of their letter (issue 19). reportlab 5
shapes TrueType fonts through ``uharfbuzz`` (requirements.txt) in paragraphs
with ``ParagraphStyle(shaping=1)``; its ``canvas.drawString(shaping=True)``
needs yet another package, so ``draw_string`` here shapes by itself. This
module registers the font as shapable and gives builders the drawing and
style helpers that always shape, so no builder can forget. A plain
``canvas.drawString`` of Thai is the bug this module exists to prevent.

    from shop.common.documents.fonts import thai_font_name, draw_string, paragraph_style
    c.setFont(thai_font_name(bold=True), 12)
    draw_string(c, x, y, "ได้รับเงินแล้ว")
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

REGULAR = "OTOPThaiShaped"
BOLD = "OTOPThaiShaped-Bold"

# Shaping swaps some Thai marks for the font's positioned variants (ด + ้ gets
# the lowered ้), which TLWG fonts keep at the private-use code points that
# Windows and Mac Thai fonts share (U+F700-U+F71A). reportlab writes each
# glyph's code point into the PDF's text layer, so copying or searching the
# PDF would find U+F70B instead of ้. The text layer maps them back here.
_THAI_PUA = dict(
    zip(
        range(0xF700, 0xF71B),
        [
            0x0E10,
            0x0E34,
            0x0E35,
            0x0E36,
            0x0E37,
            0x0E48,
            0x0E49,
            0x0E4A,
            0x0E4B,
            0x0E4C,
            0x0E48,
            0x0E49,
            0x0E4A,
            0x0E4B,
            0x0E4C,
            0x0E0D,
            0x0E31,
            0x0E4D,
            0x0E47,
            0x0E48,
            0x0E49,
            0x0E4A,
            0x0E4B,
            0x0E4C,
            0x0E38,
            0x0E39,
            0x0E3A,
        ],
        strict=True,
    )
)


def _shaped_ttfont_class():
    from reportlab.pdfbase import ttfonts

    class ShapedThaiFont(ttfonts.TTFont):
        """A TTFont whose text layer names Thai marks by their own code point."""

        def addObjects(self, doc):
            state = self.state.get(doc)
            subsets = [list(subset) for subset in state.subsets] if state else []
            super().addObjects(doc)
            for n, subset in enumerate(subsets):
                base = b"".join((ttfonts.SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                stream = doc.idToObject.get("toUnicodeCMap:" + base)
                if stream is not None and any(code in _THAI_PUA for code in subset):
                    stream.content = ttfonts.makeToUnicodeCMap(base, [_THAI_PUA.get(code, code) for code in subset])

    return ShapedThaiFont


def shaping_available() -> bool:
    """True when reportlab can shape (uharfbuzz imports)."""
    from reportlab.pdfbase import ttfonts

    return ttfonts.uharfbuzz is not None


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics

    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    if not shaping_available():
        # Without HarfBuzz reportlab would silently print misplaced marks.
        raise ImproperlyConfigured(
            "uharfbuzz is not installed: Thai cannot be shaped in PDFs (pip install -r requirements.txt)."
        )
    regular, bold = Path(settings.REPORTS_PDF_FONT), Path(settings.REPORTS_PDF_FONT_BOLD)
    if not regular.is_file():
        raise ImproperlyConfigured(
            f"REPORTS_PDF_FONT {regular} does not exist: install fonts-thai-tlwg or point it at a Thai TrueType font."
        )
    font_class = _shaped_ttfont_class()
    pdfmetrics.registerFont(font_class(BOLD, str(bold if bold.is_file() else regular), shapable=True))
    pdfmetrics.registerFont(font_class(REGULAR, str(regular), shapable=True))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def thai_font_name(*, bold: bool = False) -> str:
    """Register the Thai TrueType font (once, shapable) and return its
    reportlab name. Raises ImproperlyConfigured when the font or uharfbuzz
    is missing rather than printing boxes or misplaced marks."""
    _register()
    return BOLD if bold else REGULAR


def shaped(text: str, *, font: str, size: float):
    """``text`` shaped by HarfBuzz for ``font`` at ``size``, and its width.

    reportlab's own ``drawString(..., shaping=True)`` only shapes when the
    optional ``rlbidi`` package is installed, and otherwise ignores the
    flag; shaping here does not depend on it."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    text = str(text)
    if not text or not getattr(getFont(font), "shapable", False):
        return text, stringWidth(text, font, size)
    result = shapeStr(text, font, size)
    if isinstance(result, ShapedStr):
        return result, sum(data.x_advance for data in result.__shapeData__) * size / 1000
    return result, stringWidth(result, font, size)


def draw_string(canvas, x: float, y: float, text: str, *, align: str = "left") -> float:
    """Draw one line in the canvas's current font and size, shaped; returns
    its width. ``align``: left, right (x is the right end) or centre."""
    line, width = shaped(text, font=canvas._fontname, size=canvas._fontsize)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    text_object = canvas.beginText(x, y)
    text_object.textOut(line)
    canvas.drawText(text_object)
    return width


def string_width(text: str, *, bold: bool = False, size: float) -> float:
    """Width of ``text`` in the Thai font as draw_string sets it."""
    return shaped(text, font=thai_font_name(bold=bold), size=size)[1]


def paragraph_style(name: str, *, bold: bool = False, size: float = 10, leading: float | None = None, **kwargs):
    """A platypus ParagraphStyle in the Thai font with shaping on; other
    ParagraphStyle keywords (alignment, parent, spaceAfter...) pass through."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        name, fontName=thai_font_name(bold=bold), fontSize=size, leading=leading or size * 1.4, shaping=1, **kwargs
    )
