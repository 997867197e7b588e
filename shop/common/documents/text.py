"""Breaking text into lines for PDFs, Thai included.

Thai is written without spaces between words, so a line may only break
between words, which takes a dictionary: the same PyThaiNLP ``newmm``
segmenter the catalogue search uses (catalog/search/text.py). A word wider
than a whole line breaks between grapheme clusters (a letter with its
marks), never inside one; an ellipsis is the last resort, when the lines
run out. Widths are the shaped widths of shop.common.documents.fonts."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .fonts import shaped

ELLIPSIS = "…"


@lru_cache(maxsize=512)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut where a line may break; joined again they give ``text``
    back, spaces included."""
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def clusters(text: str) -> list[str]:
    """Grapheme clusters: each letter with the marks above and below it (and
    SARA AM), which must never be split between lines."""
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.category(ch) in ("Mn", "Me") or ch == "\u0e33"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _width(text: str, font: str, size: float) -> float:
    return shaped(text, font=font, size=size)[1]


def wrap(text: str, *, font: str, size: float, width: float) -> list[str]:
    """Every line of ``text`` at ``size``, each at most ``width`` wide."""
    lines: list[str] = []
    line = ""
    for word in words(" ".join(str(text).split())):
        if _width(line + word, font, size) <= width:
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = word.lstrip()
        while line and _width(line, font, size) > width:
            # One word wider than the line: cut it between clusters.
            head = ""
            for cluster in clusters(line):
                if head and _width(head + cluster, font, size) > width:
                    break
                head += cluster
            lines.append(head)
            line = line[len(head) :]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _with_ellipsis(line: str, *, font: str, size: float, width: float) -> str:
    parts = clusters(line)
    while parts and _width("".join(parts) + ELLIPSIS, font, size) > width:
        parts.pop()
    return "".join(parts).rstrip() + ELLIPSIS


def fit(text: str, *, font: str, sizes: Sequence[float], width: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest of ``sizes`` (largest first) at which ``text`` fits in
    ``max_lines`` lines of ``width``, and those lines. When even the
    smallest does not fit, the last line ends in an ellipsis."""
    for size in sizes:
        lines = wrap(text, font=font, size=size, width=width)
        if len(lines) <= max_lines:
            return size, lines
    size = sizes[-1]
    lines = wrap(text, font=font, size=size, width=width)
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], font=font, size=size, width=width)
    return size, kept
