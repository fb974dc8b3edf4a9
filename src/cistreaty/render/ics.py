"""The calendar as an iCalendar file (RFC 5545, names per RFC 7986): one all-day event per entry,
the same bytes for the same entries and DTSTAMP."""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from ..textsafe import printable


def calendar_name(party: str | None, what_if: bool = False) -> str:
    return ("CIS agreements: coming dates" + (f" for {party}" if party else "")
            + (" (what-if, with events assumed by --assume)" if what_if else ""))


def uids(entries) -> list[str]:
    """One UID per event: a hash of what the event is (instrument, party, kind, date), numbered in
    order when several entries share those (two designations of authorities on one day), so an
    event keeps its UID across runs and --as-of and two events never share one. A date that rests
    on an assumed event is another event: importing a what-if calendar must not replace the real one."""
    seen: dict[str, int] = {}
    out = []
    for e in entries:
        key = f"{e.instrument}|{e.party or ''}|{e.kind}|{e.date.isoformat()}" + ("|assumed" if e.assumed else "")
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"|{seen[key]}"
        out.append(hashlib.sha256(key.encode()).hexdigest()[:32] + "@cistreaty")
    return out


def to_ics(entries, dtstamp: dt.datetime, titles: dict[str, str], name: str) -> bytes:
    """An iCalendar file; `entries` is not empty (RFC 5545 3.6: a calendar holds a component).
    Titles name each event's instrument; the id stays in the description."""
    cal = Calendar()
    cal.add("prodid", "-//cistreaty//calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", printable(name, newlines=False))
    cal.add("x-wr-calname", printable(name, newlines=False))
    for e, uid in zip(entries, uids(entries)):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", dtstamp)
        event.add("dtstart", e.date)
        event.add("dtend", e.date + dt.timedelta(days=1))
        who = f" ({e.party})" if e.party else ""
        title = titles.get(e.instrument) or e.instrument
        # RFC 5545 allows no control character but tab in a text value; icalendar escapes only
        # line breaks, commas and semicolons.
        what_if = " (what-if)" if e.assumed else ""
        event.add("summary", printable(f"{title}{who}: {e.kind.replace('-', ' ')}{what_if}", newlines=False))
        event.add("description", printable(f"{e.explanation}\n({e.instrument})"))
        event.add("categories", [e.kind])
        cal.add_component(event)
    return refold(cal.to_ical())


def refold(ics: bytes) -> bytes:
    """Content lines folded (RFC 5545 3.1: at most 75 octets, CRLF and a space) so that no physical
    line reads as a CI workflow command: none starts with `::` once blanks are stripped, none holds
    `##[`. The unfolded text is the same."""
    text = ics.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return "".join(_fold(line) + "\r\n" for line in text.split("\r\n") if line).encode("utf-8")


def _fold(line: str) -> str:
    pieces, start, limit = [], 0, 75
    # Also fold a last piece that fits but holds `##[` (longer titles made that happen).
    while len(line[start:].encode("utf-8")) > limit or "##[" in line[start:]:
        end, size = start, 0
        while end < len(line) and size + len(line[end].encode("utf-8")) <= limit:
            size += len(line[end].encode("utf-8"))
            end += 1
        legacy = line.find("##[", start, end)
        if legacy != -1 and legacy + 3 <= end:
            end = legacy + 1
        while end > start + 1 and line[end:].lstrip(" \t").startswith("::"):
            end -= 1
        pieces.append(line[start:end])
        start, limit = end, 74  # a continuation line starts with the folding space
    pieces.append(line[start:])
    return "\r\n ".join(pieces)
