"""The entry-into-force engine: an Instrument and an `as_of` date in, statuses with their reasons out.

Pure: no clock, no files, no printing. The rules (DESIGN.md and docs/status.md):

- The general date is the day the depositary received the Nth qualifying instrument (N a number or
  "all" signatories; named parties in `requires` must be among them), plus the clause's delay and
  alignment; or, for a condition that is not a count, the recorded date it was met plus the delay.
  Instruments received the same day all count on that day. A withdrawal notice received before the
  trigger takes that party's instrument out of the count.
- A party whose instrument arrived on or before the trigger day is bound from the general date; a
  later one from its receipt plus the later-party rule (the accession rule for accessions), never
  before the general date. Domestic acts never count; undated events and events after `as_of` are left
  out and said to be.
- Provisional application from signature plus its delay, until the party is bound or its withdrawal
  takes effect. Withdrawal takes effect on the notice's receipt plus the notice period.
- Dates that follow from events up to `as_of` but fall after it are reported, with the status the party
  has on `as_of` ("pending, in force from ...").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from . import dates
from ..models import CONSENT_TYPES, Event, FixedDuration, Instrument, Party

STATUS_WORDS = ("not-signed", "signed", "pending", "provisional", "in-force", "withdrawal-pending", "withdrawn")


@dataclass
class PartyStatus:
    party: str
    status: str
    signed: dt.date | None = None
    instrument: dict | None = None  # {"type", "date", "source"}: the consent instrument that counts
    in_force_from: dt.date | None = None
    provisional_from: dt.date | None = None
    withdrawal_effective: dt.date | None = None
    explain: list[str] = field(default_factory=list)
    # For renderers only (not in the JSON contract): marks to show beside the dates.
    signature_uncertain: bool = False
    instrument_assumed: bool = False

    def to_json(self) -> dict:
        return {
            "party": self.party,
            "status": self.status,
            "signed": _iso(self.signed),
            "instrument": dict(self.instrument) if self.instrument else None,
            "in_force_from": _iso(self.in_force_from),
            "provisional_from": _iso(self.provisional_from),
            "withdrawal_effective": _iso(self.withdrawal_effective),
            "explain": list(self.explain),
        }


@dataclass
class InstrumentStatus:
    id: str
    as_of: dt.date
    # None when no entry-into-force clause is recorded: the data cannot say either way.
    in_force: bool | None = False
    entry_into_force: dt.date | None = None
    instruments_received: int = 0
    instruments_needed: int | None = None
    parties: list[PartyStatus] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)
    expiry: dt.date | None = None
    trigger: dt.date | None = None  # the day the count (or condition) was met
    trigger_what: str = "count was met"
    clause: str = "the entry-into-force clause (article not recorded)"
    assumed: list[tuple[str, Event]] = field(default_factory=list)

    def party(self, code: str) -> PartyStatus | None:
        return next((p for p in self.parties if p.party == code), None)

    def to_json(self) -> dict:
        out = {
            "id": self.id,
            "as_of": self.as_of.isoformat(),
            "in_force": self.in_force,
            "entry_into_force": _iso(self.entry_into_force),
            "instruments_received": self.instruments_received,
            "instruments_needed": self.instruments_needed,
            "parties": [p.to_json() for p in self.parties],
        }
        if self.assumed:
            out["assumed"] = [{"party": code, "type": ev.type, "date": _iso(ev.date)} for code, ev in self.assumed]
        return out


@dataclass(frozen=True)
class _Ev:
    party: str
    event: Event
    assumed: bool = False

    @property
    def date(self) -> dt.date:
        return self.event.date  # only dated events are kept

    def text(self) -> str:
        e = self.event
        where = " (assumed, --assume)" if self.assumed else (f" (source {e.source})" if e.source else "")
        doubt = ", recorded as uncertain" if e.uncertain else ""
        return f"{self.party} {e.type} received {_iso(e.date)}{where}{doubt}"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _article(article: str | None, default: str) -> str:
    return f"Article {article}" if article else default


def _gather(inst: Instrument, as_of: dt.date, assumed: Sequence[tuple[str, Event]]):
    """The events the computation may use, per party, and what was left out and why."""
    kept: dict[str, list[_Ev]] = {code: [] for code in inst.parties}
    notes: dict[str, list[str]] = {code: [] for code in inst.parties}
    for code, party in inst.parties.items():
        for e in party.events:
            act = f" ({e.act})" if e.act else ""
            if e.type == "domestic-act":
                when = f" of {e.date}" if e.date else " (undated)"
                notes[code].append(f"domestic act{act}{when}: never counts towards entry into force")
            elif e.date is None:
                notes[code].append(f"{e.type}{act} without a date: not counted")
            elif e.date > as_of:
                notes[code].append(f"{e.type} received {e.date} is after {as_of}: ignored as of that date")
            else:
                kept[code].append(_Ev(code, e))
    # Assumptions are what-ifs about the future, so they count even when dated after as_of.
    for code, e in assumed:
        kept.setdefault(code, [])
        notes.setdefault(code, [])
        if e.date is not None:
            kept[code].append(_Ev(code, e, assumed=True))
    for evs in kept.values():
        evs.sort(key=lambda x: x.date)
    return kept, notes


def _signature(party: Party | None, evs: list[_Ev], as_of: dt.date) -> tuple[dt.date | None, _Ev | None]:
    """The party's signature date, and the event it comes from when not `signed:` itself."""
    if party is not None and party.signed is not None and party.signed <= as_of:
        return party.signed, None
    sigs = [x for x in evs if x.event.type == "signature"]
    if not sigs:
        return None, None
    certain = [x for x in sigs if not x.event.uncertain]
    first = (certain or sigs)[0]
    return first.date, first


def _satisfied(count, requires, counted: dict, signatories: set[str]) -> bool:
    if any(p not in counted for p in requires):
        return False
    if count == "all":
        return bool(signatories) and signatories <= set(counted)
    return len(counted) >= count


def _count_trigger(general, kept, sig_dates) -> tuple[dt.date | None, list[_Ev], int]:
    """Walk the depositary's receipts day by day until the count is met: (day, that day's instruments, count)."""
    types = set(general.instruments)
    timeline: dict[dt.date, list[_Ev]] = {}
    for evs in kept.values():
        for x in evs:
            if x.event.type in types or x.event.type == "withdrawal":
                timeline.setdefault(x.date, []).append(x)
    if general.count == "all":
        # A signature recorded after the instrument (an error lint reports) can complete "all".
        for d in sig_dates.values():
            if d is not None:
                timeline.setdefault(d, [])
    counted: dict[str, _Ev] = {}
    for day in sorted(timeline):
        todays = sorted(timeline[day], key=lambda x: (x.event.type == "withdrawal", x.party))
        new = []
        for x in todays:
            if x.event.type == "withdrawal":
                counted.pop(x.party, None)
            elif x.party not in counted:
                counted[x.party] = x
                new.append(x)
        signatories = {p for p, d in sig_dates.items() if d is not None and d <= day}
        if (new or general.count == "all") and _satisfied(general.count, general.requires, counted, signatories):
            if general.count != "all":
                return day, new, len(counted)
            # The signatories that day are what was needed: later signers came too late to count.
            return day, new or [max(counted.values(), key=lambda x: x.date)], len(signatories)
    return None, [], len(counted)


def _describe_clause(general, clause: str) -> str:
    types = " or ".join(general.instruments)
    rule = dates.describe_delay(general.delay) + (", then the first day of the next month"
                                                  if general.align == dates.FIRST_OF_NEXT_MONTH else "")
    if general.condition is not None:
        return f"{clause}: enters into force {rule} after the condition is met ({general.condition.text})"
    if general.count == "all":
        which = f"the instruments ({types}) of all signatories"
    else:
        which = f"the {dates.ordinal(general.count)} instrument ({types})"
    named = f", among them those of {', '.join(general.requires)}" if general.requires else ""
    return f"{clause}: enters into force {rule} after the depositary receives {which}{named}"


def _general(inst: Instrument, res: InstrumentStatus, kept, sig_dates) -> None:
    eif = inst.entry_into_force
    general = eif.general
    res.explain.append(_describe_clause(general, res.clause))
    types = set(general.instruments)
    res.instruments_received = sum(1 for evs in kept.values() if any(x.event.type in types for x in evs))
    if general.condition is not None:
        cond = general.condition
        src = f" (source {cond.source})" if cond.source else ""
        if cond.met > res.as_of:
            res.explain.append(f"the condition was met on {cond.met}{src}, after {res.as_of}: not yet met then")
            return
        res.trigger = cond.met
        res.trigger_what = "condition was met"
        why = f"the condition was met on {cond.met}{src}"
    else:
        if general.count == "all":
            res.instruments_needed = sum(1 for d in sig_dates.values() if d is not None)
        else:
            res.instruments_needed = general.count
        day, new, n = _count_trigger(general, kept, sig_dates)
        if day is None:
            need = res.instruments_needed if res.instruments_needed is not None else "?"
            named = f" (and those of {', '.join(general.requires)})" if general.requires else ""
            res.explain.append(f"{res.instruments_received} of {need} qualifying instruments{named} "
                               f"received by {res.as_of}: not yet in force")
            return
        res.trigger = day
        if general.count == "all":
            res.instruments_needed = n
        names = " and ".join(x.text() for x in new)
        if len(new) == 1 and general.count != "all":
            why = f"the {dates.ordinal(n)} qualifying instrument: {names}"
        else:
            same_day = " (received the same day, both count)" if len(new) > 1 else ""
            why = f"the count was met on {day} ({n} qualifying instruments) with {names}{same_day}"
    try:
        res.entry_into_force = dates.apply(res.trigger, general.delay, general.align)
        arithmetic = dates.describe(res.trigger, general.delay, general.align)
    except dates.DateOutOfRange as exc:
        res.explain.append(f"{why}; {exc}")
        return
    res.explain.append(f"{why}; {res.clause}: {arithmetic}")
    res.in_force = res.entry_into_force <= res.as_of


def _expiry(inst: Instrument, res: InstrumentStatus) -> None:
    dur = inst.duration
    if not isinstance(dur, FixedDuration) or res.entry_into_force is None:
        return
    clause = _article(dur.article, "the duration clause")
    start = res.entry_into_force
    years = dur.years
    try:
        if dur.renew_years and res.as_of >= start:
            # Renewals counted directly rather than one by one: as_of may be far in the future (lint).
            lapsed = res.as_of.year - start.year - dur.years
            years += max(0, lapsed // dur.renew_years) * dur.renew_years
            while start + relativedelta(years=years) <= res.as_of:
                years += dur.renew_years
        res.expiry = start + relativedelta(years=years)
    except (OverflowError, ValueError):  # relativedelta: "year 10000 is out of range"
        res.expiry = None
        res.explain.append(f"{clause}: the expiry date is beyond the calendar")
        return
    renewed = f", renewed automatically for {dur.renew_years} years at a time" if dur.renew_years else ""
    res.explain.append(f"{clause}: {dur.years} years from {start}{renewed}: "
                       f"{start} + {years} years = {res.expiry}")
    if res.expiry <= res.as_of:
        res.in_force = False
        res.explain.append(f"expired on {res.expiry}: no longer in force on {res.as_of}")


def _party_date(inst: Instrument, res: InstrumentStatus, consent: _Ev, explain: list[str]) -> dt.date | None:
    eif = inst.entry_into_force
    general_date = res.entry_into_force
    if general_date is None:
        explain.append(f"{consent.text()}: waiting for the general entry into force")
        return None
    if consent.date <= res.trigger:
        explain.append(f"{consent.text()}, on or before {res.trigger} (the day the {res.trigger_what}): "
                       f"bound from the general date {general_date} under {res.clause}")
        return general_date
    if consent.event.type == "accession" and inst.accession is not None:
        rule = (inst.accession.delay, inst.accession.align, _article(inst.accession.article, "the accession clause"))
    elif eif.later is not None:
        rule = (eif.later.delay, eif.later.align, f"{res.clause}, later parties")
    else:
        rule = (eif.general.delay, eif.general.align, f"{res.clause} (no rule for later parties: the general delay)")
    delay, align, clause = rule
    try:
        own = dates.apply(consent.date, delay, align)
        arithmetic = dates.describe(consent.date, delay, align)
    except dates.DateOutOfRange as exc:
        explain.append(f"{consent.text()}: {exc}")
        return None
    text = f"{consent.text()}, after {res.trigger}: {clause}: {arithmetic}"
    if own < general_date:
        text += f"; not before the general date, so {general_date}"
        own = general_date
    explain.append(text)
    return own


def _provisional(inst, party, sig, evs, explain) -> dt.date | None:
    clause = inst.entry_into_force.provisional if inst.entry_into_force else None
    if clause is not None:
        if party is not None and not party.provisional_application:
            explain.append("declared that it does not apply the instrument provisionally")
            return None
        if sig is None:
            return None
        try:
            start = dates.apply(sig, clause.delay)
            explain.append(f"provisional application from signature: {dates.describe(sig, clause.delay)}")
            return start
        except dates.DateOutOfRange as exc:
            explain.append(f"provisional application: {exc}")
            return None
    declared = [x for x in evs if x.event.type == "provisional-application"]
    if declared:
        explain.append(f"{declared[0].text()}: applies the instrument provisionally from that date")
        return declared[0].date
    return None


def _party(inst: Instrument, res: InstrumentStatus, code: str, evs: list[_Ev], notes: list[str]) -> PartyStatus:
    party = inst.parties.get(code)
    explain: list[str] = []
    sig, sig_ev = _signature(party, evs, res.as_of)
    if sig is not None:
        if sig_ev is None:
            explain.append(f"signed {sig}")
        else:
            e = sig_ev.event
            src = " (assumed, --assume)" if sig_ev.assumed else (f" (source {e.source})" if e.source else "")
            doubt = ": recorded as uncertain, whether it signed is not established" if e.uncertain else ""
            explain.append(f"signature {sig}{src}{doubt}")
    eif = inst.entry_into_force
    types = set(eif.general.instruments if eif else CONSENT_TYPES) | {"accession"}
    for x in evs:
        if x.event.type in CONSENT_TYPES + ("succession",) and x.event.type not in types:
            explain.append(f"{x.text()}: not an instrument this clause counts ({', '.join(sorted(types))})")
    consents = [x for x in evs if x.event.type in types]
    consent = consents[-1] if consents else None  # a re-accession after a withdrawal supersedes
    out = PartyStatus(code, "not-signed", signed=sig)
    out.signature_uncertain = sig_ev is not None and sig_ev.event.uncertain
    if consent is not None:
        e = consent.event
        out.instrument_assumed = consent.assumed
        out.instrument = {"type": e.type, "date": _iso(e.date), "source": e.source}
        if eif is not None:
            out.in_force_from = _party_date(inst, res, consent, explain)
        else:
            explain.append(f"{consent.text()}: no entry-into-force clause recorded to compute from")
    notices = [x for x in evs if x.event.type == "withdrawal" and (consent is None or x.date >= consent.date)]
    notice = notices[0] if notices else None
    if notice is not None:
        if inst.withdrawal is not None:
            clause = _article(inst.withdrawal.article, "the withdrawal clause")
            try:
                out.withdrawal_effective = dates.apply(notice.date, inst.withdrawal.notice)
                explain.append(f"{notice.text()}: {clause}: {dates.describe(notice.date, inst.withdrawal.notice)}")
            except dates.DateOutOfRange as exc:
                explain.append(f"{notice.text()}: {exc}")
        else:
            explain.append(f"{notice.text()}: no withdrawal clause recorded, so no effective date is computed")
        if out.in_force_from is not None and notice.date < out.in_force_from:
            explain.append(f"the notice came before {out.in_force_from}, when it would have been bound: "
                           "it never becomes bound")
            out.in_force_from = None
    start = _provisional(inst, party, sig, evs, explain)
    end = min([d for d in (out.in_force_from, out.withdrawal_effective) if d is not None], default=None)
    if start is not None and (end is None or start < end):
        out.provisional_from = start
    elif start is not None:
        explain.append(f"no provisional application: bound or withdrawn by {end}, before it would start on {start}")
    out.status = _word(out, res.as_of, sig, consent, notice, end)
    explain.extend(notes)
    out.explain = explain
    return out


def _word(out: PartyStatus, as_of: dt.date, sig, consent, notice, end) -> str:
    if notice is not None:
        effective = out.withdrawal_effective
        return "withdrawn" if effective is not None and effective <= as_of else "withdrawal-pending"
    if out.in_force_from is not None and out.in_force_from <= as_of:
        return "in-force"
    if out.provisional_from is not None and out.provisional_from <= as_of and (end is None or as_of < end):
        return "provisional"
    if consent is not None:
        return "pending"
    return "signed" if sig is not None else "not-signed"


def compute_status(inst: Instrument, as_of: dt.date, assumed: Sequence[tuple[str, Event]] = ()) -> InstrumentStatus:
    """Entry into force of `inst`, generally and for every party, as known on `as_of`."""
    res = InstrumentStatus(inst.id, as_of, assumed=list(assumed))
    kept, notes = _gather(inst, as_of, assumed)
    sig_dates = {code: _signature(inst.parties.get(code), evs, as_of)[0] for code, evs in kept.items()}
    eif = inst.entry_into_force
    if eif is None:
        res.in_force = None
        res.explain.append("no entry-into-force clause is recorded: whether it is in force is unknown")
    else:
        res.clause = _article(eif.article, res.clause)
        _general(inst, res, kept, sig_dates)
        _expiry(inst, res)
    for code in sorted(kept):
        res.parties.append(_party(inst, res, code, kept[code], notes[code]))
    if res.expiry is not None and res.expiry <= as_of:
        for p in res.parties:
            p.explain.append(f"the instrument expired on {res.expiry}")
            # No party is bound by, or applies, an instrument that has ended: "in-force" beside a
            # general "not in force" contradicted itself. `expired` extends DESIGN's words.
            if p.status in ("in-force", "provisional", "pending", "withdrawal-pending"):
                p.status = "expired"
    return res


def in_force_for(inst: Instrument, party: str | None, on: dt.date) -> dt.date | None:
    """The date from which `inst` is in force (generally, or for `party`) if it is in force on `on`."""
    res = compute_status(inst, on)
    if res.expiry is not None and res.expiry <= on:
        return None
    if party is None:
        return res.entry_into_force if res.in_force else None
    p = res.party(party)
    if p is None or p.in_force_from is None or p.in_force_from > on:
        return None
    if p.withdrawal_effective is not None and p.withdrawal_effective <= on:
        return None
    return p.in_force_from
