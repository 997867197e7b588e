"""The Thai fiscal calendar: FY2568 = 1 Oct 2024 – 30 Sep 2025, quarters from
October, boundaries at midnight Bangkok time whatever the zone of the input."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from shop.common.fiscal import (
    FiscalQuarter,
    FiscalYear,
    Month,
    PeriodKeyInvalid,
    comparison_periods,
    date_label,
    fiscal_quarter_of,
    fiscal_year_of,
    month_of,
    period_from_key,
    range_label,
)

BKK = ZoneInfo("Asia/Bangkok")
UTC = dt.UTC


def test_fy2568_runs_from_1_october_2024_to_30_september_2025():
    fy = FiscalYear(2025)
    assert fy.year_be == 2568
    assert fy.first_day == dt.date(2024, 10, 1)
    assert fy.last_day == dt.date(2025, 9, 30)
    assert fy.start == dt.datetime(2024, 10, 1, tzinfo=BKK)
    assert fy.end == dt.datetime(2025, 10, 1, tzinfo=BKK)


def test_30_september_23_59_bangkok_is_still_the_old_fiscal_year():
    moment = dt.datetime(2025, 9, 30, 23, 59, 59, 999999, tzinfo=BKK)
    assert fiscal_year_of(moment) == FiscalYear(2025)
    assert fiscal_quarter_of(moment) == FiscalQuarter(2025, 4)


def test_1_october_00_00_bangkok_starts_the_new_fiscal_year():
    moment = dt.datetime(2025, 10, 1, 0, 0, tzinfo=BKK)
    assert fiscal_year_of(moment) == FiscalYear(2026)
    assert fiscal_quarter_of(moment) == FiscalQuarter(2026, 1)
    assert FiscalYear(2026).start == moment


def test_the_boundary_is_bangkok_midnight_even_for_utc_datetimes():
    # 30 Sep 17:30 UTC is 1 Oct 00:30 in Bangkok: already the new year.
    assert fiscal_year_of(dt.datetime(2025, 9, 30, 17, 30, tzinfo=UTC)) == FiscalYear(2026)
    # 30 Sep 16:59 UTC is 30 Sep 23:59 in Bangkok: still the old one.
    assert fiscal_year_of(dt.datetime(2025, 9, 30, 16, 59, tzinfo=UTC)) == FiscalYear(2025)


def test_a_quarter_range_is_half_open_so_its_last_instant_is_inside_and_its_end_is_not():
    q4 = FiscalQuarter(2025, 4)
    last_instant = dt.datetime(2025, 9, 30, 23, 59, 59, tzinfo=BKK)
    assert q4.start <= last_instant < q4.end
    assert not (q4.start <= q4.end < q4.end)
    assert q4.end == FiscalQuarter(2026, 1).start


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (dt.date(2024, 10, 1), 1),
        (dt.date(2024, 12, 31), 1),
        (dt.date(2025, 1, 1), 2),
        (dt.date(2025, 3, 31), 2),
        (dt.date(2025, 4, 1), 3),
        (dt.date(2025, 6, 30), 3),
        (dt.date(2025, 7, 1), 4),
        (dt.date(2025, 9, 30), 4),
    ],
)
def test_quarters_start_in_october_january_april_and_july(day, quarter):
    assert fiscal_quarter_of(day) == FiscalQuarter(2025, quarter)


def test_quarter_two_of_a_leap_year_ends_on_31_march_and_contains_29_february():
    q2 = FiscalQuarter(2024, 2)  # FY2567: Jan–Mar 2024, a leap year
    assert q2.first_day == dt.date(2024, 1, 1)
    assert q2.last_day == dt.date(2024, 3, 31)
    assert q2.contains(dt.date(2024, 2, 29))
    assert Month(2024, 2).last_day == dt.date(2024, 2, 29)
    assert Month(2025, 2).last_day == dt.date(2025, 2, 28)
    assert Month(2100, 2).last_day == dt.date(2100, 2, 28)  # not a leap year
    assert Month(2000, 2).last_day == dt.date(2000, 2, 29)


def test_previous_quarter_of_q1_is_q4_of_the_year_before():
    assert FiscalQuarter(2025, 1).previous() == FiscalQuarter(2024, 4)
    assert FiscalQuarter(2025, 3).previous() == FiscalQuarter(2025, 2)
    assert FiscalQuarter(2024, 4).next() == FiscalQuarter(2025, 1)


def test_the_comparison_columns_are_previous_quarter_and_same_quarter_a_year_before():
    previous, year_before = comparison_periods(FiscalQuarter(2025, 1))
    assert previous == FiscalQuarter(2024, 4)
    assert year_before == FiscalQuarter(2024, 1)
    assert comparison_periods(FiscalYear(2025)) == (FiscalYear(2024), FiscalYear(2024))


def test_thai_labels_use_buddhist_era_years():
    assert FiscalQuarter(2025, 1).label("th") == "ไตรมาส 1 ปีงบประมาณ 2568"
    assert FiscalYear(2025).label("th") == "ปีงบประมาณ 2568"
    assert Month(2024, 10).label("th") == "ตุลาคม 2567"
    assert date_label(dt.date(2024, 10, 1), "th") == "1 ต.ค. 2567"


def test_english_labels_use_the_common_era_and_name_the_months():
    assert FiscalQuarter(2025, 1).label("en") == "Q1 FY2025 (Oct–Dec 2024)"
    assert FiscalQuarter(2025, 2).label("en") == "Q2 FY2025 (Jan–Mar 2025)"
    assert FiscalYear(2025).label("en") == "FY2025 (Oct 2024–Sep 2025)"
    assert date_label(dt.date(2025, 9, 30), "en") == "30 Sep 2025"
    assert range_label(FiscalQuarter(2025, 4), "en") == "1 Jul 2025 – 30 Sep 2025"


def test_a_datetime_label_shows_its_bangkok_date():
    assert date_label(dt.datetime(2024, 9, 30, 17, 0, tzinfo=UTC), "en") == "1 Oct 2024"


def test_period_keys_are_buddhist_era_years_and_round_trip():
    assert period_from_key("2568-q1") == FiscalQuarter(2025, 1)
    assert period_from_key("2568") == FiscalYear(2025)
    assert period_from_key(FiscalQuarter(2025, 3).key) == FiscalQuarter(2025, 3)


@pytest.mark.parametrize("key", ["", "2568-q5", "q1", "2025-13", "abc", "1000", "2568-q1; drop"])
def test_a_bad_period_key_is_refused_with_a_message(key):
    with pytest.raises(PeriodKeyInvalid):
        period_from_key(key)


def test_months_know_their_bangkok_range_and_neighbours():
    month = month_of(dt.datetime(2025, 1, 31, 17, 0, tzinfo=UTC))  # 1 Feb 00:00 Bangkok
    assert month == Month(2025, 2)
    assert month.start == dt.datetime(2025, 2, 1, tzinfo=BKK)
    assert month.end == dt.datetime(2025, 3, 1, tzinfo=BKK)
    assert Month(2025, 1).previous() == Month(2024, 12)
    assert Month(2024, 12).next() == Month(2025, 1)
