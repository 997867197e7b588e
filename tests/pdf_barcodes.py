"""Read back the Code128 barcodes a PDF draws, from its filled bars.

reportlab draws each bar as a filled rectangle; this groups the rectangles
of one barcode (same bottom and height), measures bars and gaps in modules
and decodes them with reportlab's own Code128 tables, checksum included.
So a test can assert what a scanner would read, not just that a barcode
was asked for."""

from __future__ import annotations

import io
from collections import defaultdict

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTCurve, LTRect
from reportlab.graphics.barcode import code128

_VALUES = {pattern: value for value, pattern in code128._patterns.items()}
_SETS = {
    "A": {v: k for k, v in code128.seta.items()},
    "B": {v: k for k, v in code128.setb.items()},
    "C": {v: k for k, v in code128.setc.items()},
}
_START = {code128.starta: "A", code128.startb: "B", code128.startc: "C"}
_SWITCH = {"TO_A": "A", "TO_B": "B", "TO_C": "C"}


def _walk(item):
    if isinstance(item, (LTRect, LTCurve)):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _walk(child)


def _pattern(widths: list[float], module: float) -> str:
    letters = []
    for n, width in enumerate(widths):
        units = max(1, round(width / module))
        letters.append(chr((ord("A") if n % 2 == 0 else ord("a")) + units - 1))
    return "".join(letters)


def _decode(bars: list[tuple[float, float]]) -> str | None:
    """Bars as (x0, x1), left to right."""
    module = min(x1 - x0 for x0, x1 in bars)
    widths = []
    for n, (x0, x1) in enumerate(bars):
        if n:
            widths.append(x0 - bars[n - 1][1])
        widths.append(x1 - x0)
    # Symbols are 6 elements (3 bars, 3 gaps); the stop symbol has 7.
    body, stop = widths[:-7], widths[-7:]
    if len(body) % 6 or _VALUES.get(_pattern(stop, module)) != code128.stop:
        return None
    values = []
    for n in range(0, len(body), 6):
        value = _VALUES.get(_pattern(body[n : n + 6], module))
        if value is None:
            return None
        values.append(value)
    start, *data, check = values
    if start not in _START or (start + sum(i * v for i, v in enumerate(data, start=1))) % 103 != check:
        return None
    text, current = "", _START[start]
    for value in data:
        symbol = _SETS[current].get(value)
        if symbol in _SWITCH:
            current = _SWITCH[symbol]
        elif symbol is not None and len(symbol) <= 2:
            text += symbol
    return text


def pdf_code128(pdf: bytes) -> list[str]:
    """Every Code128 value drawn in the PDF, page by page, bottom to top."""
    found = []
    for page in extract_pages(io.BytesIO(pdf)):
        groups: dict[tuple[float, float], list[tuple[float, float]]] = defaultdict(list)
        for shape in _walk(page):
            if getattr(shape, "fill", False) and shape.width < shape.height:
                groups[(round(shape.y0, 1), round(shape.height, 1))].append((shape.x0, shape.x1))
        for _key, row in sorted(groups.items()):
            # Barcodes side by side (labels of one sheet row) share a bottom
            # and a height: split where the gap is wider than any inside a
            # symbol (4 modules) could be.
            runs: list[list[tuple[float, float]]] = []
            for bar in sorted(row):
                if runs and bar[0] - runs[-1][-1][1] < 10:
                    runs[-1].append(bar)
                else:
                    runs.append([bar])
            for bars in runs:
                value = _decode(bars) if len(bars) >= 10 else None
                if value is not None:
                    found.append(value)
    return found
