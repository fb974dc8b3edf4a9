"""Coming dates: what takes effect, starts, ends or falls due between `as_of` and a horizon.

Pure, like the rest of the core: instruments and a date in, sorted entries out. Every date comes
from the status engine (`status.compute_status`), so the calendar and `cistreaty status` cannot
disagree; only clause deadlines are computed here (see `_deadline_clauses`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from ..models import Delay, Event, FixedDuration, Instrument
from .dates import DateOutOfRange, add_delay
from .status import compute_status

KINDS = ("entry-into-force", "provisional-application", "withdrawal-effective", "expiry", "renewal", "deadline")

# A paragraph that sets a deadline for notifying (changes of) authorized bodies, as heavy-machinery
# Article 5 does: "Each Party notifies the depository of changes in the list of authorized bodies
# within 30 days." The number of days is read from the text held, never assumed.
_AUTHORITY_DEADLINE = (
    re.compile(r"authori[sz]ed\s+bod(?:y|ies)\b.*?\bwithin\s+(\d{1,4})\s+(?:calendar\s+)?days?\b", re.I | re.S),
    re.compile(r"уполномоченн\w*\s+орган\w*.*?\bв\s+течение\s+(\d{1,4})\s+(?:календарных\s+)?дн", re.I | re.S),
)


@dataclass(frozen=True)
class Entry:
    date: dt.date
    instrument: str
    party: str | None  # None: the instrument as a whole
    kind: str
    explanation: str
    record_as_of: dt.date | None = None  # the date the instrument's depositary record runs to
    assumed: bool = False  # the date rests on an event assumed with --assume

    def sort_key(self):
        return (self.date, self.instrument, self.party or "", KINDS.index(self.kind), self.explanation)

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "instrument": self.instrument, "party": self.party,
                "kind": self.kind, "explanation": self.explanation,
                "record_as_of": self.record_as_of.isoformat() if self.record_as_of else None,
                "assumed": self.assumed}


def coming(instruments: Iterable[Instrument], as_of: dt.date, horizon_days: int = 365,
           party: str | None = None, *, since: dt.date | None = None,
           assumed: Mapping[str, Sequence[tuple[str, Event]]] | None = None) -> list[Entry]:
    """Entries dated from `as_of` to `as_of + horizon_days` inclusive, sorted by date; with `since`,
    from `since` instead (a past range: "what happened in 2017"), as known on `as_of`.

    With `party`, the entries of that party and the instrument-wide ones (general entry into
    force, expiry, renewal) of the instruments it is a party to. `assumed` maps an instrument id to
    what-if events, counted as `status --assume` counts them.
    """
    until = as_of + dt.timedelta(days=horizon_days)
    low = since if since is not None else as_of
    out: list[Entry] = []
    for inst in instruments:
        if party is not None and party not in inst.parties:
            continue
        res = compute_status(inst, as_of, (assumed or {}).get(inst.id, ()))
        found = _instrument_entries(inst, res, low, until)
        found += _deadlines(inst, as_of, until, low)
        found = [_qualified(res, e) for e in found]
        out.extend(e for e in found if party is None or e.party in (None, party))
    return sorted(out, key=Entry.sort_key)


def _qualified(res, entry: Entry) -> Entry:
    """The same limits `status` states: what-ifs, signatures not established, the end of the record."""
    why = entry.explanation
    p = res.party(entry.party) if entry.party else None
    if res.assumed and "(assumed, --assume)" not in why:
        why += " (counting the events assumed with --assume)"
    if p is not None and p.signature_uncertain:
        why += "; whether it signed is not established"
    if res.beyond_record:
        why += f"; as recorded on {res.record_as_of}, later events are not recorded"
    return replace(entry, explanation=why, record_as_of=res.record_as_of,
                   assumed="(assumed, --assume)" in entry.explanation)


def _instrument_entries(inst: Instrument, res, as_of: dt.date, until: dt.date) -> list[Entry]:
    def within(d):
        return d is not None and as_of <= d <= until

    out = []
    if within(res.entry_into_force):
        why = _line_with(res.explain, res.entry_into_force, f"enters into force under {res.clause}")
        out.append(Entry(res.entry_into_force, inst.id, None, "entry-into-force", why))
    for p in res.parties:
        for when, kind, fallback in (
            (p.in_force_from, "entry-into-force", "enters into force for this party"),
            (p.provisional_from, "provisional-application", "provisional application starts"),
            (p.withdrawal_effective, "withdrawal-effective", "its withdrawal takes effect"),
        ):
            if within(when):
                out.append(Entry(when, inst.id, p.party, kind, _line_with(p.explain, when, fallback)))
    out += _term_ends(inst, res, within, until)
    return out


def _term_ends(inst: Instrument, res, within, until: dt.date) -> list[Entry]:
    dur = inst.duration
    if not isinstance(dur, FixedDuration) or res.expiry is None:
        return []
    clause = f"Article {dur.article}" if dur.article else "the duration clause"
    if not dur.renew_years:
        if not within(res.expiry):
            return []
        return [Entry(res.expiry, inst.id, None, "expiry",
                      f"{clause}: {dur.years} years from the entry into force on {res.entry_into_force}: "
                      f"expires on {res.expiry}")]
    out = []
    end, n = res.expiry, 1
    while end <= until:  # a long horizon can hold several renewals
        if within(end):
            out.append(Entry(end, inst.id, None, "renewal",
                             f"{clause}: the term that began with the entry into force on "
                             f"{res.entry_into_force} ends and renews automatically for {dur.renew_years} years"))
        try:
            end = res.expiry + relativedelta(years=dur.renew_years * n)
        except (ValueError, OverflowError):  # past year 9999: no later date to show
            break
        n += 1
    return out


def _line_with(lines: list[str], when: dt.date, fallback: str) -> str:
    """The engine's own reasoning for a date: the last explanation line that gives it."""
    iso = when.isoformat()
    for line in reversed(lines):
        if line.rstrip(".").endswith(iso) or f"= {iso}" in line or f"so {iso}" in line:
            return line
    for line in reversed(lines):
        if iso in line:
            return line
    return f"{fallback} on {iso}"


def _deadline_clauses(inst: Instrument) -> list[tuple[str, Delay]]:
    """(article number, days) of the deadline for notifying changes of authorized bodies.

    The clause as data (`authorities: {article, notify_changes}`) when the file records it; else
    every paragraph of the text held that states such a deadline.
    """
    clause = inst.authorities
    if clause is not None:
        return [(clause.article or "?", clause.notify_changes)]
    found = []
    for article in inst.articles:
        for paragraph in article.paragraphs:
            for text in paragraph.texts.values():
                m = next((m for rx in _AUTHORITY_DEADLINE if (m := rx.search(text))), None)
                if m:
                    found.append((article.number, Delay(days=int(m.group(1)))))
                    break
    return found


def _deadlines(inst: Instrument, as_of: dt.date, until: dt.date, low: dt.date | None = None) -> list[Entry]:
    """For each `authority` event known on `as_of`: its date plus the days the clause allows, when it
    falls from `low` (default `as_of`) to `until`."""
    low = as_of if low is None else low
    clauses = _deadline_clauses(inst)
    if not clauses:
        return []
    out = []
    for code, party in inst.parties.items():
        for event in party.events:
            if event.type != "authority" or event.date is None or event.date > as_of:
                continue
            for number, delay in clauses:
                try:
                    due = add_delay(event.date, delay)
                except DateOutOfRange:
                    continue  # beyond the calendar: no date to show
                if low <= due <= until:
                    period = delay.describe()
                    out.append(Entry(due, inst.id, code, "deadline",
                                     f"Article {number}: changes of authorized bodies are notified to the "
                                     f"depositary within {period}: authority event of {event.date} + "
                                     f"{period} = {due}"))
    return out
