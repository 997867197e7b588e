"""Dates as Thai readers expect them: the Buddhist Era year (CE + 543).

The one path for every date the storefront, the e-mails and the documents
show: the project's template filters (``be_date``, and ``date``, which
replaces Django's built-in one in every template, Oscar's and Wagtail's
included: TEMPLATES["OPTIONS"]["builtins"]) and Python code call
``date_display``.

Why the filter and not a format setting: Django's format strings have no
Buddhist-Era year, and the Thai locale's formats ("j F Y") give the CE year,
so no FORMAT_MODULE_PATH can fix it; replacing the ``date`` filter fixes
Oscar's templates without copying each one, and new templates get it too.
Machine-readable formats ("c", "U", ISO "Y-m-d...", used in datetime
attributes, <input type="date"> values and file names) keep the CE year.
"""

from __future__ import annotations

import datetime

from django.utils import dateformat, translation
from django.utils.formats import get_format

BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543

_MACHINE_FORMATS = {"c", "U", "r", "O", "e", "T"}


class _BuddhistEraFormat(dateformat.DateFormat):
    def Y(self):
        return f"{self.data.year + BE_OFFSET:04d}"

    def y(self):
        return f"{(self.data.year + BE_OFFSET) % 100:02d}"

    def o(self):
        return self.data.isocalendar().year + BE_OFFSET


def is_machine_format(format_string: str) -> bool:
    return format_string in _MACHINE_FORMATS or format_string.startswith(("Y-", "Ymd", "YmdT"))


def thai_reader() -> bool:
    return (translation.get_language() or "").lower().startswith("th")


def date_display(value, format_name: str | None = None) -> str:
    """``value`` (a date or datetime) in the active language's format, or in
    ``format_name`` (a setting name such as "SHORT_DATE_FORMAT" or a format
    string); with the B.E. year when the reader is Thai."""
    if not isinstance(value, (datetime.date, datetime.datetime)):
        return value
    format_string = get_format(
        format_name or ("DATETIME_FORMAT" if isinstance(value, datetime.datetime) else "DATE_FORMAT")
    )
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value)
    if thai_reader() and not is_machine_format(format_string):
        return _BuddhistEraFormat(value).format(format_string)
    return dateformat.format(value, format_string)
