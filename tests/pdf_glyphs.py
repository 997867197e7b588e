"""Where each glyph of a PDF is inked, read back from the file itself.

The text layer (pdfminer.six) gives every character's pen position but not
where its ink falls: Thai marks have no advance, so their boxes are empty
slivers whatever the shaping did. So this reads each drawn glyph's code,
finds the glyph in the embedded TrueType subset (reportlab writes a
format-6 cmap: code -> glyph) and places the glyph's bounding box from the
font's ``glyf`` table at the pen position. Tests then compare the ink of a
Thai mark with the ink of its consonant.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.utils import apply_matrix_pt

# Thai marks drawn above the line: upper vowels, tone marks, thanthakhat...
ABOVE_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
TONE_MARKS = set("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")


@dataclass(frozen=True)
class Glyph:
    text: str  # what the text layer says (ToUnicode)
    glyph: int  # glyph index in the embedded subset
    x0: float  # ink box, PDF points
    y0: float
    x1: float
    y1: float
    pen_x: float
    pen_y: float  # the baseline
    size: float  # font size, points

    @property
    def width(self) -> float:
        return self.x1 - self.x0


class _Font:
    """The parts of an embedded TrueType subset needed for ink boxes."""

    def __init__(self, data: bytes):
        tables = {}
        for i in range(struct.unpack(">H", data[4:6])[0]):
            tag, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
            tables[tag] = (offset, length)
        head = tables[b"head"][0]
        self.units = struct.unpack(">H", data[head + 18 : head + 20])[0]
        long_loca = struct.unpack(">h", data[head + 50 : head + 52])[0]
        loca, glyf = tables[b"loca"][0], tables[b"glyf"][0]
        self._data, self._loca, self._glyf, self._long = data, loca, glyf, long_loca
        cmap = tables[b"cmap"][0]
        # reportlab: one (1, 0) subtable of format 6 starting at code 0.
        fmt, _length, _language, first, count = struct.unpack(">HHHHH", data[cmap + 12 : cmap + 22])
        assert fmt == 6, f"unexpected cmap format {fmt}"
        glyphs = struct.unpack(f">{count}H", data[cmap + 22 : cmap + 22 + 2 * count])
        self.code_to_glyph = {first + i: g for i, g in enumerate(glyphs)}

    def _offset(self, glyph: int) -> tuple[int, int]:
        if self._long:
            a, b = struct.unpack(">II", self._data[self._loca + 4 * glyph : self._loca + 4 * glyph + 8])
        else:
            a, b = (
                2 * v for v in struct.unpack(">HH", self._data[self._loca + 2 * glyph : self._loca + 2 * glyph + 4])
            )
        return a, b

    def bbox(self, glyph: int) -> tuple[int, int, int, int] | None:
        start, end = self._offset(glyph)
        if start == end:
            return None  # a space: no ink
        return struct.unpack(">hhhh", self._data[self._glyf + start + 2 : self._glyf + start + 10])


class _Recorder(PDFPageAggregator):
    def __init__(self, rsrcmgr, fonts: dict):
        super().__init__(rsrcmgr, laparams=LAParams())
        self.glyphs: list[Glyph] = []
        self._fonts = fonts

    def _font(self, font) -> _Font | None:
        key = id(font)
        if key not in self._fonts:
            stream = resolve1((font.descriptor or {}).get("FontFile2"))
            self._fonts[key] = _Font(stream.get_data()) if stream is not None else None
        return self._fonts[key]

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        embedded = self._font(font)
        if embedded is not None:
            glyph = embedded.code_to_glyph.get(cid, 0)
            box = embedded.bbox(glyph)
            if box is not None:
                xmin, ymin, xmax, ymax = box

                def point(gx, gy):
                    return apply_matrix_pt(
                        matrix, (gx / embedded.units * fontsize * scaling, gy / embedded.units * fontsize + rise)
                    )

                (x0, y0), (x1, y1) = point(xmin, ymin), point(xmax, ymax)
                pen_x, pen_y = point(0, 0)
                try:
                    text = font.to_unichr(cid)
                except Exception:  # no ToUnicode entry
                    text = ""
                self.glyphs.append(Glyph(text, glyph, x0, y0, x1, y1, pen_x, pen_y, fontsize))
        return super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)


def pdf_glyphs(pdf: bytes) -> list[list[Glyph]]:
    """The inked glyphs of every page, in drawing order."""
    manager = PDFResourceManager()
    fonts: dict = {}
    pages = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        device = _Recorder(manager, fonts)
        PDFPageInterpreter(manager, device).process_page(page)
        pages.append(device.glyphs)
    return pages


def _normal(text: str) -> str:
    # Shaping splits SARA AM into NIKHAHIT + SARA AA (two glyphs); compare
    # text in the compatibility decomposition that both sides share.
    # HarfBuzz also draws NIKHAHIT before a tone mark (น ํ ้ า for น้ำ).
    return re.sub("(\u0e4d)([\u0e48-\u0e4b]+)", r"\2\1", unicodedata.normalize("NFKD", text))


def find_word(glyphs: list[Glyph], word: str) -> list[Glyph] | None:
    """The glyphs of the first place ``word`` is drawn (text-layer match)."""
    # One glyph may carry several characters: keep a character -> glyph map.
    # Shaping may also put a cluster's marks in another order (ป ่ ุ for
    # ปุ่); normalizing the whole text sorts them back without moving any
    # consonant, so a match starts on the right glyph.
    pieces = [(_normal(g.text), n) for n, g in enumerate(glyphs)]
    text = _normal("".join(piece for piece, _n in pieces))
    owners = [n for piece, n in pieces for _ in piece]
    wanted = _normal(word)
    at = text.find(wanted)
    if at < 0:
        return None
    end = owners[at + len(wanted) - 1] + 1
    while end < len(glyphs) and glyphs[end].text and unicodedata.category(glyphs[end].text[0]) == "Mn":
        end += 1  # the rest of the last cluster
    return glyphs[owners[at] : end]


# Consonants with a tall stem on the right: a mark above them has to move left.
ASCENDERS = set("ปฝฟฬ")


def misplaced_marks(word_glyphs: list[Glyph]) -> list[str]:
    """Problems with the marks above the line in one drawn word, as text;
    empty when every mark sits over its consonant as a shaping engine puts it.

    Measured in ink, relative to the font size: a mark must overlap its
    consonant by half its own width (not hang off to the right), must not run
    more than 0.1 em past the tall stem of ป ฝ ฟ ฬ, and a tone mark must sit
    within 0.2 em of what is under it (the consonant, or its upper vowel)
    rather than float at upper-vowel height. Unshaped Garuda fails the last
    two on ได้, ออนไลน์, สร้าง, ปั้น; HarfBuzz-shaped text passes them all."""
    problems = []
    base = None
    below = None  # what a tone mark sits on: the consonant, or its upper vowel
    for glyph in word_glyphs:
        if not glyph.text or "\u0e38" <= glyph.text[0] <= "\u0e3a":
            continue  # marks below the line take no part
        if glyph.text not in ABOVE_MARKS:
            base = below = glyph
            continue
        if base is None:
            continue
        size = base.size
        overlap = min(glyph.x1, base.x1) - max(glyph.x0, base.x0)
        if overlap < 0.5 * glyph.width:
            problems.append(
                f"{glyph.text!r} hangs right of {base.text!r} (overlap {overlap:.2f} of {glyph.width:.2f} pt)"
            )
        if base.text in ASCENDERS and glyph.x1 > base.x1 + 0.1 * size:
            problems.append(f"{glyph.text!r} runs into the stem of {base.text!r} ({glyph.x1 - base.x1:.2f} pt)")
        if glyph.text in TONE_MARKS and glyph.y0 - below.y1 > 0.2 * size:
            problems.append(f"{glyph.text!r} floats {glyph.y0 - below.y1:.2f} pt above {below.text!r}")
        below = glyph
    return problems
