"""Files of the office report and of settlement statements: XLSX (openpyxl,
one sheet per section) and PDF (reportlab, with the shaped Thai font of
shop.common.documents.fonts embedded).

Builders only turn a ``tables.Report`` (or a statement) into bytes; what to
put in it is the selectors' job, when and for whom the services'."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.common import fiscal
from shop.common.documents.fonts import draw_string, paragraph_style, string_width, thai_font_name

from .tables import COUNT, MONEY, NUMBER, PERCENT, Report, Table, format_cell

_INVALID_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})

Progress = Callable[[int], None]


def _no_progress(_percent: int) -> None:
    pass


# --- XLSX -------------------------------------------------------------------------


def _sheet_title(title: str, used: set[str]) -> str:
    base = title.translate(_INVALID_SHEET_CHARS).strip()[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _xlsx_number_format(kind: str) -> str | None:
    return {MONEY: "#,##0.00", COUNT: "#,##0", PERCENT: "0.0", NUMBER: "#,##0.00"}.get(kind)


def report_xlsx(report: Report, *, progress: Progress = _no_progress) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for n, section in enumerate(report.sections, start=1):
        sheet = workbook.create_sheet(_sheet_title(section.title, used))
        sheet.append([report.title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([report.range_label])
        for table in section.tables:
            sheet.append([])
            sheet.append([table.title])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append([str(c) for c in table.columns])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for r, row in enumerate(table.rows):
                sheet.append([v if not hasattr(v, "__html__") else str(v) for v in row])
                for c, cell in enumerate(sheet[sheet.max_row][: len(row)]):
                    number_format = _xlsx_number_format(table.cell_kind(r, c)) if c else None
                    if number_format and cell.value is not None:
                        cell.number_format = number_format
            if table.note:
                sheet.append([table.note])
        sheet.column_dimensions["A"].width = 42
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 22
        progress(40 + 50 * n // len(report.sections))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------


def _styles():
    # Every style comes from shop.common.documents.fonts: the Thai font with HarfBuzz
    # shaping on, so tone marks and upper vowels sit on their consonant.
    from reportlab.lib.styles import getSampleStyleSheet

    base = getSampleStyleSheet()
    return {
        "title": paragraph_style("t", parent=base["Title"], bold=True, size=17, leading=24),
        "h2": paragraph_style("h2", parent=base["Heading2"], bold=True, size=13, leading=19),
        "h3": paragraph_style("h3", parent=base["Heading3"], bold=True, size=11, leading=16),
        "body": paragraph_style("b", parent=base["BodyText"], size=10, leading=15),
        "cell": paragraph_style("c", parent=base["BodyText"], size=8.5, leading=12),
        "cell_right": paragraph_style("cr", parent=base["BodyText"], size=8.5, leading=12, alignment=2),
        "head": paragraph_style("h", parent=base["BodyText"], bold=True, size=8.5, leading=12),
    }


def _para(text, style):
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    return Paragraph(escape(str(text)), style)


def _pdf_table(table: Table, styles, width: float, *, col_widths: list[float] | None = None):
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    data = [[_para(c, styles["head"]) for c in table.columns]]
    for r, row in enumerate(table.rows):
        data.append(
            [
                _para(
                    format_cell(v, table.cell_kind(r, c)),
                    styles["cell"] if c == 0 or table.kinds[c] == "text" else styles["cell_right"],
                )
                for c, v in enumerate(row)
            ]
        )
    if not table.rows:
        data.append([_para(_("No data for this period."), styles["cell"])] + [""] * (len(table.columns) - 1))
    if col_widths is None:
        first = width * (0.34 if len(table.columns) > 3 else 0.6)
        rest = (width - first) / max(len(table.columns) - 1, 1)
        col_widths = [first] + [rest] * (len(table.columns) - 1)
    pdf_table = PdfTable(data, colWidths=col_widths, repeatRows=1)
    pdf_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return pdf_table


def _document(buffer, *, title: str):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=title,
        author=settings.SHOP_CENTER["name_en"],
    )


def _page_footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(thai_font_name(), 8)
    draw_string(
        canvas, doc.pagesize[0] - doc.rightMargin, 8 * 2.83, f"{doc.title} · {canvas.getPageNumber()}", align="right"
    )
    canvas.restoreState()


def report_pdf(report: Report, *, progress: Progress = _no_progress) -> bytes:
    from reportlab.platypus import PageBreak, Spacer

    styles = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, title=report.title)
    story = [
        _para(_("Office report: OTOP Chiang Mai"), styles["title"]),
        _para(report.title, styles["h2"]),
        _para(report.range_label, styles["body"]),
        _para(
            _("Compared with %(previous)s and %(year_before)s. Generated %(date)s.")
            % {
                "previous": report.comparison_labels[0],
                "year_before": report.comparison_labels[1],
                "date": fiscal.date_label(timezone.now()),
            },
            styles["body"],
        ),
    ]
    for n, section in enumerate(report.sections, start=1):
        if n > 1:
            story.append(PageBreak())
        story.append(_para(section.title, styles["h2"]))
        for table in section.tables:
            story += [_para(table.title, styles["h3"]), _pdf_table(table, styles, doc.width), Spacer(1, 8)]
        progress(40 + 40 * n // len(report.sections))
    doc.build(story, onFirstPage=_page_footer, onLaterPages=_page_footer)
    progress(95)
    return buffer.getvalue()


def _statement_columns(detail: Table, width: float) -> list[float]:
    """Column widths of a statement's lines: the reference column as wide
    as its longest order number or counter-sale code (a reference is looked
    up as a whole and must never wrap), the description takes what is left."""
    padding = 14  # the table's cell padding, both sides, and a little air
    longest = max(
        [string_width(str(row[1]), size=8.5) for row in detail.rows]
        + [string_width(str(detail.columns[1]), bold=True, size=8.5)]
    )
    date, reference = 0.12 * width, min(longest + padding, 0.25 * width)
    numbers = [0.06, 0.11, 0.07, 0.11, 0.11]  # units, gross, rate, commission, net
    description = width - date - reference - sum(numbers) * width
    return [date, reference, description] + [n * width for n in numbers]


def statement_pdf(statement, lines, *, bank_account_masked: str = "") -> bytes:
    """A producer's settlement statement: totals, then every line with its
    source (order number / counter sale / refund)."""
    from reportlab.platypus import Spacer

    styles = _styles()
    buffer = io.BytesIO()
    title = _("Settlement statement %(number)s") % {"number": statement.number}
    doc = _document(buffer, title=title)
    period = f"{fiscal.date_label(statement.period_start)} – {fiscal.date_label(statement.period_end)}"
    totals = Table(
        key="totals",
        title=_("Totals"),
        columns=[_("Figure"), _("Amount")],
        kinds=["text", MONEY],
        rows=[
            [_("Units sold"), statement.units_sold],
            [_("Gross sales (THB)"), statement.gross],
            [_("Center commission (THB)"), statement.commission],
            [_("Refunds and returns (THB)"), statement.refunds],
            [_("Net payable (THB)"), statement.net_payable],
        ],
        row_kinds=[COUNT, MONEY, MONEY, MONEY, MONEY],
    )
    totals.kinds = ["text", NUMBER]
    detail = Table(
        key="lines",
        title=_("Lines"),
        columns=[
            _("Date"),
            _("Reference"),
            _("Description"),
            _("Units"),
            _("Gross"),
            _("Rate (%)"),
            _("Commission"),
            _("Net"),
        ],
        kinds=["text", "text", "text", COUNT, MONEY, PERCENT, MONEY, MONEY],
        rows=[
            [
                fiscal.date_label(line.occurred_at),
                line.reference,
                line.description,
                line.quantity,
                line.gross,
                line.commission_rate * 100,
                line.commission,
                line.net,
            ]
            for line in lines
        ],
    )
    # Lines dated before the period (their month's statement was already
    # approved) go under their own heading (docs/reports.md, period rule).
    carried = [i for i, line in enumerate(lines) if line.is_carried_over]
    extra = Table(key="carried", title=_("Carried over from earlier months"), columns=detail.columns, kinds=detail.kinds,
                  rows=[detail.rows[i] for i in carried])  # fmt: skip
    detail.rows = [row for i, row in enumerate(detail.rows) if i not in set(carried)]
    story = [
        _para(settings.SHOP_CENTER["name_th"], styles["body"]),
        _para(title, styles["title"]),
        _para(f"{statement.producer.name_th} · {period}", styles["h2"]),
        # Whole sentences with placeholders: gettext inside an f-string is
        # never extracted by makemessages, so it stayed English (issue 19).
        _para(_("Status: %(status)s") % {"status": statement.get_status_display()}, styles["body"]),
    ]
    if bank_account_masked:
        story.append(_para(_("Paid to account: %(account)s") % {"account": bank_account_masked}, styles["body"]))
    if statement.paid_reference:
        story.append(
            _para(
                _("Transfer reference: %(reference)s (%(date)s)")
                % {"reference": statement.paid_reference, "date": fiscal.date_label(statement.paid_on)},
                styles["body"],
            )
        )
    story += [
        Spacer(1, 8),
        _pdf_table(totals, styles, doc.width * 0.5),
        Spacer(1, 10),
        _para(detail.title, styles["h3"]),
    ]
    story.append(_pdf_table(detail, styles, doc.width, col_widths=_statement_columns(detail, doc.width)))
    if extra.rows:
        story += [Spacer(1, 10), _para(extra.title, styles["h3"])]
        story.append(_pdf_table(extra, styles, doc.width, col_widths=_statement_columns(extra, doc.width)))
    doc.build(story, onFirstPage=_page_footer, onLaterPages=_page_footer)
    return buffer.getvalue()
