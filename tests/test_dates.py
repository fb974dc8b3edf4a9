"""Calendar arithmetic: the rules of DESIGN.md's date paragraph, month ends and leap years."""

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cistreaty.engine.dates import DateOutOfRange, add_delay, apply, describe, first_of_next_month, ordinal
from cistreaty.models import Delay

D = dt.date
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))


@pytest.mark.parametrize("start, delay, expected", [
    (D(2017, 4, 21), {"days": 30}, D(2017, 5, 21)),    # rules-of-origin protocol (FACTS.md 1)
    (D(2016, 10, 5), {"days": 30}, D(2016, 11, 4)),    # Paris Agreement (FACTS.md 2)
    (D(2025, 1, 31), {"months": 1}, D(2025, 2, 28)),   # end of month clamps
    (D(2024, 1, 31), {"months": 1}, D(2024, 2, 29)),   # ... to the leap day
    (D(2025, 8, 31), {"months": 6}, D(2026, 2, 28)),
    (D(2023, 8, 31), {"months": 6}, D(2024, 2, 29)),
    (D(2024, 2, 29), {"years": 1}, D(2025, 2, 28)),
    (D(2024, 2, 29), {"years": 4}, D(2028, 2, 29)),
    (D(2020, 1, 31), {"days": 30}, D(2020, 3, 1)),     # 2020 is a leap year
    (D(2021, 1, 31), {"days": 30}, D(2021, 3, 2)),
    (D(2025, 6, 5), {"days": 0}, D(2025, 6, 5)),       # "from the date of receipt": the same day
    (D(2024, 2, 29), {"years": 1, "months": 1}, D(2025, 3, 29)),  # one calendar shift, one clamp
    (D(2025, 12, 31), {"months": 2, "days": 1}, D(2026, 3, 1)),
])
def test_add_delay(start, delay, expected):
    assert add_delay(start, Delay(**delay)) == expected


@pytest.mark.parametrize("start, expected", [
    (D(2004, 6, 18), D(2004, 7, 1)), (D(2004, 12, 31), D(2005, 1, 1)), (D(2004, 6, 1), D(2004, 7, 1)),
])
def test_first_of_next_month(start, expected):
    assert first_of_next_month(start) == expected


def test_cybercrime_arithmetic_and_its_description():
    delay = Delay(months=3)
    assert apply(D(2004, 3, 18), delay, "first-of-next-month") == D(2004, 7, 1)
    assert describe(D(2004, 3, 18), delay, "first-of-next-month") == (
        "2004-03-18 + 3 months = 2004-06-18, then the first day of the next month = 2004-07-01")


def test_description_of_same_day_and_plain_days():
    assert describe(D(2017, 4, 21), Delay(days=30)) == "2017-04-21 + 30 days = 2017-05-21"
    assert describe(D(2017, 4, 21), Delay(days=0)) == "2017-04-21 + 0 days = 2017-04-21 (the same day)"


def test_beyond_the_calendar_is_a_named_error():
    with pytest.raises(DateOutOfRange):
        add_delay(D(9999, 12, 1), Delay(days=31))
    with pytest.raises(DateOutOfRange):
        add_delay(D(9999, 1, 1), Delay(years=1))
    with pytest.raises(DateOutOfRange):
        first_of_next_month(D(9999, 12, 5))


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


@given(dates, st.integers(0, 5000))
def test_days_are_calendar_days(d, n):
    assert add_delay(d, Delay(days=n)) == d + dt.timedelta(days=n)


@given(dates, st.integers(0, 240))
def test_months_keep_the_day_or_clamp_to_the_month_end(d, n):
    out = add_delay(d, Delay(months=n))
    months = d.year * 12 + d.month - 1 + n
    assert out.year * 12 + out.month - 1 == months
    assert out.day == min(d.day, calendar.monthrange(out.year, out.month)[1])


@given(dates, dates, st.integers(0, 10), st.integers(0, 30), st.integers(0, 400), st.booleans())
def test_later_start_never_gives_an_earlier_date(a, b, years, months, days, align):
    delay = Delay(years=years, months=months, days=days)
    how = "first-of-next-month" if align else None
    early, late = min(a, b), max(a, b)
    assert apply(early, delay, how) <= apply(late, delay, how)
    assert apply(early, delay, how) >= early


@given(dates)
def test_first_of_next_month_is_the_next_first(d):
    out = first_of_next_month(d)
    assert out.day == 1 and d < out <= d + dt.timedelta(days=31)
