"""The Thai government fiscal calendar: THE one place dates are grouped into
fiscal years and quarters.

Rules (docs/reports.md):

* A fiscal year runs 1 October to 30 September and is named after the
  calendar year it ends in: FY2025 (CE) = ปีงบประมาณ 2568 (B.E.) =
  1 Oct 2024 – 30 Sep 2025. B.E. = CE + 543.
* Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep.
* Boundaries are midnight in Asia/Bangkok (settings.TIME_ZONE), whatever the
  server's or the user's zone: 30 Sep 23:59:59 Bangkok is still the old
  year, 1 Oct 00:00 the new one. Ranges are half-open [start, end) aware
  datetimes, so a query is ``start <= t < end`` with no 23:59:59.999 guesses.
* Labels: Thai uses B.E. ("ไตรมาส 1 ปีงบประมาณ 2568"); every other language
  the CE year the fiscal year ends in plus the months
  ("Q1 FY2025 (Oct–Dec 2024)"), because readers abroad do not know B.E.

Periods are plain frozen dataclasses (hashable, usable as dict keys). They
are identified in URLs by a key: "2568-q1" for a quarter, "2568" for a
year (the B.E. year, as the office writes it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

BE_OFFSET = 543
FIRST_MONTH = 10  # October

THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_KEY_RE = re.compile(r"^(?P<year>\d{4})(?:-q(?P<quarter>[1-4]))?$")


class PeriodKeyInvalid(ValueError):
    """A period key from a URL or form that is not "2568" or "2568-q1"."""


def bangkok() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def _is_thai(language: str | None) -> bool:
    return (language or get_language() or settings.LANGUAGE_CODE).startswith("th")


def local_date(value: dt.date | dt.datetime) -> dt.date:
    """The Bangkok calendar date of a datetime (aware; naive means Bangkok)
    or a date as it is."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            return value.date()
        return value.astimezone(bangkok()).date()
    return value


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=bangkok())


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A fiscal year, by the CE year it ends in (FY2025 = B.E. 2568)."""

    year: int  # CE year in which the fiscal year ends

    @property
    def year_be(self) -> int:
        return to_be(self.year)

    @property
    def key(self) -> str:
        return str(self.year_be)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year - 1, FIRST_MONTH, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, 9, 30)

    @property
    def start(self) -> dt.datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> dt.datetime:
        """Exclusive: midnight at the start of the next fiscal year."""
        return _midnight(self.last_day + dt.timedelta(days=1))

    @property
    def quarters(self) -> tuple[FiscalQuarter, ...]:
        return tuple(FiscalQuarter(self.year, q) for q in (1, 2, 3, 4))

    def previous(self) -> FiscalYear:
        return FiscalYear(self.year - 1)

    def year_before(self) -> FiscalYear:
        return self.previous()

    def contains(self, value: dt.date | dt.datetime) -> bool:
        return fiscal_year_of(value) == self

    def label(self, language: str | None = None) -> str:
        if _is_thai(language):
            return f"ปีงบประมาณ {self.year_be}"
        return f"FY{self.year} (Oct {self.year - 1}–Sep {self.year})"

    def __str__(self) -> str:
        return self.label()


@dataclass(frozen=True, order=True)
class FiscalQuarter:
    year: int  # CE year in which the fiscal year ends
    quarter: int  # 1..4

    def __post_init__(self):
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1..4, not {self.quarter}")

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear(self.year)

    @property
    def year_be(self) -> int:
        return to_be(self.year)

    @property
    def key(self) -> str:
        return f"{self.year_be}-q{self.quarter}"

    @property
    def first_month(self) -> tuple[int, int]:
        """(CE year, month) of the quarter's first month."""
        return _add_months(self.year - 1, FIRST_MONTH, 3 * (self.quarter - 1))

    @property
    def first_day(self) -> dt.date:
        year, month = self.first_month
        return dt.date(year, month, 1)

    @property
    def last_day(self) -> dt.date:
        year, month = _add_months(*self.first_month, 2)
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    @property
    def start(self) -> dt.datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> dt.datetime:
        """Exclusive: midnight at the start of the next quarter."""
        return _midnight(self.last_day + dt.timedelta(days=1))

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        return tuple(_add_months(*self.first_month, i) for i in range(3))

    def previous(self) -> FiscalQuarter:
        if self.quarter == 1:
            return FiscalQuarter(self.year - 1, 4)
        return FiscalQuarter(self.year, self.quarter - 1)

    def next(self) -> FiscalQuarter:
        if self.quarter == 4:
            return FiscalQuarter(self.year + 1, 1)
        return FiscalQuarter(self.year, self.quarter + 1)

    def year_before(self) -> FiscalQuarter:
        """The same quarter of the previous fiscal year."""
        return FiscalQuarter(self.year - 1, self.quarter)

    def contains(self, value: dt.date | dt.datetime) -> bool:
        return fiscal_quarter_of(value) == self

    def label(self, language: str | None = None) -> str:
        (y1, m1), _m2, (y3, m3) = self.months
        if _is_thai(language):
            return f"ไตรมาส {self.quarter} ปีงบประมาณ {self.year_be}"
        return f"Q{self.quarter} FY{self.year} ({EN_MONTHS_SHORT[m1 - 1]}–{EN_MONTHS_SHORT[m3 - 1]} {y3})"

    def __str__(self) -> str:
        return self.label()


Period = FiscalQuarter | FiscalYear


def fiscal_year_of(value: dt.date | dt.datetime) -> FiscalYear:
    day = local_date(value)
    return FiscalYear(day.year + 1 if day.month >= FIRST_MONTH else day.year)


def fiscal_quarter_of(value: dt.date | dt.datetime) -> FiscalQuarter:
    day = local_date(value)
    fy = fiscal_year_of(day)
    months_in = (day.month - FIRST_MONTH) % 12
    return FiscalQuarter(fy.year, months_in // 3 + 1)


def current_quarter() -> FiscalQuarter:
    return fiscal_quarter_of(timezone.now())


def period_from_key(key: str) -> Period:
    """ "2568-q1" → Q1 FY2568, "2568" → FY2568 (B.E. years, as the office
    writes them). Raises PeriodKeyInvalid with a message for the screen."""
    match = _KEY_RE.match((key or "").strip().lower())
    if not match:
        raise PeriodKeyInvalid(_("Choose a fiscal year such as 2568 or a quarter such as 2568-q1."))
    year_ce = to_ce(int(match["year"]))
    if not 2000 <= year_ce <= 2200:
        raise PeriodKeyInvalid(_("Choose a fiscal year in the Buddhist era, such as 2568."))
    if match["quarter"]:
        return FiscalQuarter(year_ce, int(match["quarter"]))
    return FiscalYear(year_ce)


def comparison_periods(period: Period) -> tuple[Period, Period]:
    """(previous period, same period a year before): the two columns every
    dashboard figure is shown next to. For a year both are the year before."""
    return period.previous(), period.year_before()


# --- Months (settlement periods) ----------------------------------------------


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month in Bangkok: the default settlement period."""

    year: int  # CE
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def start(self) -> dt.datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> dt.datetime:
        return _midnight(self.last_day + dt.timedelta(days=1))

    def previous(self) -> Month:
        return Month(*_add_months(self.year, self.month, -1))

    def next(self) -> Month:
        return Month(*_add_months(self.year, self.month, 1))

    def label(self, language: str | None = None) -> str:
        if _is_thai(language):
            return f"{THAI_MONTHS[self.month - 1]} {to_be(self.year)}"
        return f"{EN_MONTHS_SHORT[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.label()


def month_of(value: dt.date | dt.datetime) -> Month:
    day = local_date(value)
    return Month(day.year, day.month)


def date_label(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """A date as readers expect it: "1 ต.ค. 2567" (B.E.) in Thai, "1 Oct 2024"
    otherwise. Datetimes are shown as their Bangkok date."""
    if value is None:
        return ""
    day = local_date(value)
    if _is_thai(language):
        return f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {to_be(day.year)}"
    return f"{day.day} {EN_MONTHS_SHORT[day.month - 1]} {day.year}"


def range_label(period: Period | Month, language: str | None = None) -> str:
    return f"{date_label(period.first_day, language)} – {date_label(period.last_day, language)}"
