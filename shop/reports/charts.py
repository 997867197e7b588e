"""Server-side SVG charts for the office report: no JavaScript library, no
CDN, nothing for the Content-Security-Policy to allow. Each chart is
decorative for screen readers (aria-hidden): the table of its numbers is
always printed next to it, which is what assistive technology reads.

Only presentation attributes (fill, stroke, x, y...) are used, never style
attributes, so a strict CSP (no 'unsafe-inline' styles) still draws them.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from .tables import Table

PALETTE = ("#2f6f9f", "#d98c2b", "#7a9a3a", "#9b1b30", "#6b4f9e")
WIDTH = 640
BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 200


def _number(value) -> float:
    return float(value or 0)


def _format(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _text(x, y, text, *, anchor="start", size=12, fill="#333") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">'
        f"{escape(str(text))}</text>"
    )


def bar_chart(*, labels: list[str], values: list, title: str) -> SafeString:
    """Horizontal bars, one per label, longest = widest."""
    if not labels:
        return mark_safe("")
    top = max((_number(v) for v in values), default=0) or 1
    height = len(labels) * (BAR_HEIGHT + GAP) + GAP
    plot = WIDTH - LABEL_WIDTH - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-hidden="true" focusable="false"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = max(0.0, _number(value) / top * plot)
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(_text(LABEL_WIDTH - 6, y + BAR_HEIGHT - 5, short, anchor="end"))
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{PALETTE[0]}"></rect>'
        )
        parts.append(_text(LABEL_WIDTH + width + 4, y + BAR_HEIGHT - 5, _format(value)))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(*, labels: list[str], series: list[tuple[str, list]], title: str) -> SafeString:
    """One line per series over the same x labels (months), with a legend."""
    if not labels or not series:
        return mark_safe("")
    height, left, right, top_margin, bottom = 260, 70, 20, 30, 40
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = max((_number(v) for _name, values in series for v in values), default=0) or 1
    step = plot_w / max(len(labels) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-hidden="true" focusable="false"><title>{escape(title)}</title>'
    ]
    for fraction in (0, 0.5, 1):
        y = top_margin + plot_h * (1 - fraction)
        parts.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"></line>')
        parts.append(_text(left - 6, y + 4, f"{top * fraction:,.0f}", anchor="end", size=11))
    for i, label in enumerate(labels):
        parts.append(_text(left + i * step, height - bottom + 16, label, anchor="middle", size=11))
    for n, (name, values) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(
            f"{left + i * step:.1f},{top_margin + plot_h * (1 - _number(v) / top):.1f}" for i, v in enumerate(values)
        )
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"></polyline>')
        legend_x = left + n * 220
        parts.append(f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{colour}"></rect>')
        parts.append(_text(legend_x + 16, 16, name, size=11))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def chart_for_table(table: Table) -> SafeString:
    """The chart a table asks for (``Table.chart``), drawn from its own rows."""
    labels = [str(row[0]) for row in table.rows]
    if table.chart == "bar":
        return bar_chart(labels=labels, values=table.column_values(1), title=table.title)
    if table.chart == "bar_last":
        return bar_chart(labels=labels, values=table.column_values(len(table.columns) - 1), title=table.title)
    if table.chart == "line":
        series = [(str(table.columns[i]), table.column_values(i)) for i in range(1, len(table.columns))]
        return line_chart(labels=labels, series=series, title=table.title)
    return mark_safe("")
