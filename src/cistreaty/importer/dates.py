"""Dates as treaty texts print them: "June 5, 2025", "5 June 2025", "05.06.2025", «5 июня 2025 года».

English forms go through python-dateutil; dateutil knows no Russian, so Russian month names (every
case a text uses: "июня" in a date, "июнь" in a heading, "июне" in a sentence) have their own table.
A date is only accepted when the day, the month and the year are all written: dateutil fills a
missing part from its default, which would invent a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as _du

_RU_SOFT = ("январ", "феврал", "апрел", "июн", "июл", "сентябр", "октябр", "ноябр", "декабр")
_RU_NUMBER = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
              "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
# Every case a text may use: "июнь" (a heading), "5 июня" (a date), "к июню", "июнем", "в июне".
RU_MONTHS: dict[str, int] = {}
for _stem, _n in _RU_NUMBER.items():
    if _stem == "ма":
        _ends = ("й", "я", "ю", "ем", "е")
    elif _stem in _RU_SOFT:
        _ends = ("ь", "я", "ю", "ем", "ём", "е")
    else:
        _ends = ("", "а", "у", "ом", "е")
    for _end in _ends:
        RU_MONTHS[_stem + _end] = _n

_EN_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_RU_MONTH = "(?:" + "|".join(sorted(RU_MONTHS, key=len, reverse=True)) + ")"
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS = (
    ("ru", re.compile(r"«?\s*(\d{1,2})\s*»?\s+(" + _RU_MONTH + r")\s+(\d{4})(?:\s*(?:года|г\.?)(?=\W|$))?",
                      re.IGNORECASE)),
    ("en", re.compile(r"\b" + _EN_MONTH + r"\s+\d{1,2}" + _ORD + r",?\s+\d{4}\b", re.IGNORECASE)),
    ("en", re.compile(r"\b\d{1,2}" + _ORD + r"\s+(?:(?:day\s+)?of\s+)?" + _EN_MONTH + r",?\s+\d{4}\b",
                      re.IGNORECASE)),
    ("dmy", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
)


@dataclass(frozen=True)
class Found:
    date: dt.date
    start: int
    end: int


def _english(text: str) -> dt.date | None:
    cleaned = re.sub(r"\b(?:day\s+)?of\b", " ", text, flags=re.IGNORECASE)
    try:
        one = _du.parse(cleaned, default=dt.datetime(1, 1, 1))
        two = _du.parse(cleaned, default=dt.datetime(2, 2, 2))
    except (ValueError, OverflowError):
        return None
    if one != two:  # dateutil filled in a part the text does not give
        return None
    return one.date()


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _value(kind: str, m: re.Match) -> dt.date | None:
    """The date a match of one of the _PATTERNS names, or None when no such day exists."""
    if kind == "ru":
        return _make(int(m.group(3)), RU_MONTHS[m.group(2).lower()], int(m.group(1)))
    if kind == "en":
        return _english(m.group(0))
    if kind == "dmy":
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def find_dates(text: str) -> list[Found]:
    """Every complete date in the text, left to right; overlapping matches keep the first form."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value = _value(kind, m)
            if value is not None:
                out.append(Found(value, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def impossible_dates(text: str) -> list[str]:
    """Dates written in one of the recognised forms that name no real day ("31 February 2025")."""
    out = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if _value(kind, m) is None:
                out.append(m.group(0))
    return out


def parse_date(text: str) -> dt.date | None:
    """The date if the text is one date and nothing else (bar punctuation), else None."""
    found = find_dates(text)
    if len(found) != 1:
        return None
    rest = text[: found[0].start] + text[found[0].end:]
    return found[0].date if not rest.strip(" ,.;«»\"") else None


_PLACE_PREFIX = re.compile(r"^(?:city\s+of|the\s+city\s+of|город|город-герой|г\.)\s*", re.IGNORECASE)


def place_and_date(line: str) -> tuple[str | None, dt.date] | None:
    """A "Place, date" line ("Dushanbe, June 5, 2025", «г. Душанбе, 5 июня 2025 года», or the date
    alone), or None when the line says anything more than that."""
    found = find_dates(line)
    if len(found) != 1:
        return None
    f = found[0]
    rest = (line[: f.start] + " " + line[f.end:]).strip(" ,.;:-–—\"«»")
    if not rest:
        return None, f.date
    rest = _PLACE_PREFIX.sub("", rest).strip(" ,")
    words = rest.split()
    if (not rest or len(words) > 4 or len(rest) > 40 or any(c.isdigit() for c in rest)
            or not all(w[0].isupper() for w in words) or any(c in rest for c in ".;:!?")):
        return None
    return rest, f.date
