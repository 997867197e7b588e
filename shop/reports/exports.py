"""Files of the office report and of settlement statements: XLSX (openpyxl,
one sheet per section) and PDF (reportlab, a Thai TrueType font embedded).

Builders only turn a ``tables.Report`` (or a statement) into bytes; what to
put in it is the selectors' job, when and for whom the services'."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from . import fiscal
from .tables import COUNT, MONEY, NUMBER, PERCENT, Report, Table, format_cell

FONT = "OTOPThai"
FONT_BOLD = "OTOPThai-Bold"
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


def fonts_register() -> None:
    """Register the Thai TrueType fonts once. Refuses clearly when the font
    files are missing (Debian: apt-get install fonts-thai-tlwg)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    regular, bold = Path(settings.REPORTS_PDF_FONT), Path(settings.REPORTS_PDF_FONT_BOLD)
    if not regular.is_file():
        raise ImproperlyConfigured(
            f"REPORTS_PDF_FONT {regular} does not exist: install fonts-thai-tlwg or point it at a Thai TrueType font."
        )
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold if bold.is_file() else regular)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=FONT_BOLD, fontSize=17, leading=24),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=13, leading=19),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=FONT_BOLD, fontSize=11, leading=16),
        "body": ParagraphStyle("b", parent=base["BodyText"], fontName=FONT, fontSize=10, leading=15),
        "cell": ParagraphStyle("c", parent=base["BodyText"], fontName=FONT, fontSize=8.5, leading=12),
        "cell_right": ParagraphStyle("cr", parent=base["BodyText"], fontName=FONT, fontSize=8.5, leading=12, alignment=2),
        "head": ParagraphStyle("h", parent=base["BodyText"], fontName=FONT_BOLD, fontSize=8.5, leading=12),
    }


def _para(text, style):
    from reportlab.platypus import Paragraph
    from xml.sax.saxutils import escape

    return Paragraph(escape(str(text)), style)


def _pdf_table(table: Table, styles, width: float):
    from reportlab.lib import colors
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    data = [[_para(c, styles["head"]) for c in table.columns]]
    for r, row in enumerate(table.rows):
        data.append(
            [
                _para(format_cell(v, table.cell_kind(r, c)), styles["cell"] if c == 0 else styles["cell_right"])
                for c, v in enumerate(row)
            ]
        )
    if not table.rows:
        data.append([_para(_("No data for this period."), styles["cell"])] + [""] * (len(table.columns) - 1))
    first = width * (0.34 if len(table.columns) > 3 else 0.6)
    rest = (width - first) / max(len(table.columns) - 1, 1)
    pdf_table = PdfTable(data, colWidths=[first] + [rest] * (len(table.columns) - 1), repeatRows=1)
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
        buffer, pagesize=landscape(A4), leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
        bottomMargin=14 * mm, title=title, author=settings.SHOP_CENTER["name_en"],
    )


def _page_footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 8 * 2.83, f"{doc.title} · {canvas.getPageNumber()}")
    canvas.restoreState()


def report_pdf(report: Report, *, progress: Progress = _no_progress) -> bytes:
    from reportlab.platypus import PageBreak, Spacer

    fonts_register()
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


def statement_pdf(statement, lines, *, bank_account_masked: str = "") -> bytes:
    """A producer's settlement statement: totals, then every line with its
    source (order number / counter sale / refund)."""
    from reportlab.platypus import Spacer

    fonts_register()
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
        columns=[_("Date"), _("Reference"), _("Description"), _("Units"), _("Gross"), _("Rate (%)"), _("Commission"), _("Net")],
        kinds=["text", "text", "text", COUNT, MONEY, PERCENT, MONEY, MONEY],
        rows=[
            [
                fiscal.date_label(line.occurred_at), line.reference, line.description, line.quantity, line.gross,
                line.commission_rate * 100, line.commission, line.net,
            ]
            for line in lines
        ],
    )
    story = [
        _para(settings.SHOP_CENTER["name_th"], styles["body"]),
        _para(title, styles["title"]),
        _para(f"{statement.producer.name_th} · {period}", styles["h2"]),
        _para(f"{_('Status')}: {statement.get_status_display()}", styles["body"]),
    ]
    if bank_account_masked:
        story.append(_para(f"{_('Paid to account')}: {bank_account_masked}", styles["body"]))
    if statement.paid_reference:
        story.append(
            _para(f"{_('Transfer reference')}: {statement.paid_reference} ({fiscal.date_label(statement.paid_on)})", styles["body"])
        )
    story += [Spacer(1, 8), _pdf_table(totals, styles, doc.width * 0.5), Spacer(1, 10), _para(detail.title, styles["h3"])]
    story.append(_pdf_table(detail, styles, doc.width))
    doc.build(story, onFirstPage=_page_footer, onLaterPages=_page_footer)
    return buffer.getvalue()
