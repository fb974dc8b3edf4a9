"""Calendar arithmetic for entry-into-force clauses, and the words that explain it.

Checked against published depositary records (DESIGN.md, "date arithmetic"):

- "30 days after receipt" and "on the thirtieth day after deposit" are both receipt + 30 calendar days;
  "from the date of receipt" is {days: 0}, the same day.
- Months and years are calendar months: the day of the month is kept, clamped to the month's last day
  (31 January + 1 month = 28/29 February; 31 August + 6 months = 28/29 February). Years and months are
  applied together as one calendar shift, so the clamp happens once, on the month finally reached.
- "The first day of the month following the expiration of a period of three months after D" is
  D + 3 months, then the first day of the next month, always the next one (even from a 1st).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:  # the models import pydantic; arithmetic does not need it
    from ..models import Delay

FIRST_OF_NEXT_MONTH = "first-of-next-month"


class DateOutOfRange(OverflowError):
    """The arithmetic left the calendar (past 9999-12-31)."""


def add_delay(d: dt.date, delay: "Delay") -> dt.date:
    """d + years and months (one calendar shift, end-of-month clamp) + days."""
    try:
        # Most clauses count days only: relativedelta is not needed for them, and was the
        # largest cost of computing a status.
        shifted = d + relativedelta(years=delay.years, months=delay.months) if delay.years or delay.months else d
        return shifted + dt.timedelta(days=delay.days)
    except (OverflowError, ValueError) as exc:
        # relativedelta says "year 10000 is out of range" with a ValueError.
        raise DateOutOfRange(f"{d.isoformat()} + {describe_delay(delay)} is beyond the calendar") from exc


def first_of_next_month(d: dt.date) -> dt.date:
    if d.month == 12:
        if d.year == dt.MAXYEAR:
            raise DateOutOfRange(f"the month after {d.isoformat()} is beyond the calendar")
        return dt.date(d.year + 1, 1, 1)
    return dt.date(d.year, d.month + 1, 1)


def apply(d: dt.date, delay: "Delay", align: str | None = None) -> dt.date:
    """The date a clause gives: the delay, then the alignment if the clause has one."""
    out = add_delay(d, delay)
    if align == FIRST_OF_NEXT_MONTH:
        out = first_of_next_month(out)
    return out


def describe_delay(delay: "Delay") -> str:
    parts = []
    for unit, n in (("year", delay.years), ("month", delay.months), ("day", delay.days)):
        if n:
            parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
    return " + ".join(parts) or "0 days"


def describe(d: dt.date, delay: "Delay", align: str | None = None) -> str:
    """The arithmetic written out: '2004-03-18 + 3 months = 2004-06-18, then the first day of the next
    month = 2004-07-01'. Raises DateOutOfRange like `apply`."""
    shifted = add_delay(d, delay)
    text = f"{d.isoformat()} + {describe_delay(delay)} = {shifted.isoformat()}"
    if delay.years == delay.months == delay.days == 0:
        text = f"{d.isoformat()} + 0 days = {shifted.isoformat()} (the same day)"
    if align == FIRST_OF_NEXT_MONTH:
        text += f", then the first day of the next month = {first_of_next_month(shifted).isoformat()}"
    return text


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
