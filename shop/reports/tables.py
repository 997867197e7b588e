"""The shape every report figure is handed to the page, the XLSX and the PDF
in: a titled table whose first column is a label and whose other columns are
numbers. One shape means one renderer per output, and every chart comes with
the table of its numbers (the accessible fallback)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SATANG = Decimal("0.01")

# Column kinds: how a cell is formatted.
TEXT = "text"
MONEY = "money"
COUNT = "count"
PERCENT = "percent"
NUMBER = "number"


def money(value) -> Decimal:
    """THB to the satang, half-up: the one rounding rule of the reports
    (sums are rounded once, at the end, never per row)."""
    return Decimal(value or 0).quantize(SATANG, rounding=ROUND_HALF_UP)


def ratio(numerator, denominator, *, places: str = "0.01") -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator or 0) / Decimal(denominator)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def change_percent(current, before) -> Decimal | None:
    """Change from ``before`` to ``current`` in percent; None when there is
    nothing to compare with (before is zero or unknown)."""
    if current is None or not before:
        return None
    return ((Decimal(current) - Decimal(before)) * 100 / abs(Decimal(before))).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    kinds: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""  # "bar" (first number column) | "line" (every number column) | ""
    note: str = ""
    # For comparison tables: the kind of each row's numbers (money, count...),
    # used where the column's kind is NUMBER.
    row_kinds: list[str] = field(default_factory=list)

    def cell_kind(self, row_index: int, column_index: int) -> str:
        kind = self.kinds[column_index]
        if kind == NUMBER and self.row_kinds:
            return self.row_kinds[row_index]
        return kind

    def column_values(self, index: int) -> list:
        return [row[index] for row in self.rows]


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Report:
    period_key: str
    title: str
    range_label: str
    comparison_labels: tuple[str, str]
    sections: list[Section]
    has_data: bool

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def table(self, key: str) -> Table:
        return next(t for s in self.sections for t in s.tables if t.key == key)

    def row(self, table_key: str, label) -> list:
        return next(r for r in self.table(table_key).rows if r[0] == label)


def format_cell(value, kind: str) -> str:
    """A cell as text (HTML and PDF; the XLSX keeps numbers as numbers)."""
    if value is None:
        return "–"
    if kind == MONEY:
        return f"{Decimal(value):,.2f}"
    if kind == PERCENT:
        return f"{Decimal(value):,.1f}"
    if kind == COUNT:
        return f"{int(value):,}"
    if kind == NUMBER and isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)
