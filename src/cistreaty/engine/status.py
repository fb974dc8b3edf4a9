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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from . import dates
from .clauses import CONSENT_KINDS, CONSENT_TYPES, count_trigger, counted_types, describe_general
from .record_facts import domestic_acts, footnotes, record_extent, undecided
from .results import InstrumentStatus, PartyStatus
from .results import iso as _iso

if TYPE_CHECKING:  # the engine reads the models' attributes; it needs no pydantic to do so
    from ..models import Event, Instrument, Party

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


def _general(inst: Instrument, res: InstrumentStatus, kept, sig_dates) -> None:
    eif = inst.entry_into_force
    general = eif.general
    res.explain.append(describe_general(general, res.clause))
    types = counted_types(general)
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
        day, new, n = count_trigger(general, kept, sig_dates)
        if day is None:
            need = res.instruments_needed if res.instruments_needed is not None else "?"
            named = f" (and those of {', '.join(general.requires)})" if general.requires else ""
            if res.record_basis == "no-depositary-record":
                res.explain.append(f"{res.instruments_received} of {need} qualifying instruments{named} "
                                   f"recorded by {res.as_of}")
            else:
                res.explain.append(f"{res.instruments_received} of {need} qualifying instruments{named} "
                                   f"received by {res.as_of}: not yet in force")
            return
        res.trigger = day
        if general.count == "all":
            res.instruments_needed = n
        texts = [x.text() for x in new]
        names = " and ".join(texts) if len(texts) < 3 else ", ".join(texts[:-1]) + " and " + texts[-1]
        if len(new) == 1 and general.count != "all":
            why = f"the {dates.ordinal(n)} qualifying instrument: {names}"
        else:
            same_day = ("" if len(new) < 2 else " (received the same day, both count)" if len(new) == 2
                        else f" (received the same day, all {len(new)} count)")
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
    if dur is None or dur == "indefinite" or res.entry_into_force is None:
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
    if res.trigger is None:  # a published general date: the deposits that gave it are not known
        if consent.date <= general_date:
            explain.append(f"{consent.text()}, on or before the published entry into force: bound from "
                           f"{general_date}")
            return general_date
    elif consent.date <= res.trigger:
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
    text = f"{consent.text()}, after {res.trigger or general_date}: {clause}: {arithmetic}"
    if own < general_date:
        text += f"; not before the general date, so {general_date}"
        own = general_date
    explain.append(text)
    return own


def _first_consent(evs: list[_Ev], types: set[str], explain: list[str], ignored: list[dict]) -> _Ev | None:
    """The instrument that binds the party: its first qualifying one, the same one the general count
    uses. A later one counts only after a withdrawal (a re-accession); any other is ignored, and said to be."""
    current: _Ev | None = None
    withdrawn = False
    for x in evs:
        kind = x.event.type
        if kind == "withdrawal":
            withdrawn = current is not None
        elif kind in types:
            if current is None or withdrawn:
                if current is not None:
                    explain.append(f"{x.text()}: after the withdrawal, this instrument binds it anew")
                current, withdrawn = x, False
            else:
                explain.append(f"{x.text()}: ignored, a second instrument of consent with no withdrawal "
                               f"between; the first one counts ({current.event.type} received {current.date})")
                ignored.append({"type": kind, "date": _iso(x.date), "why": "a second instrument of consent"})
    if current is not None and any(x.event.type in types for x in evs if x is not current):
        explain.append(f"counted: {current.text()} (the first qualifying instrument received)")
    return current


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
    types = (counted_types(eif.general) if eif else set(CONSENT_TYPES) | {"formal-confirmation"}) | {"accession"}
    out = PartyStatus(code, "not-signed", signed=sig)
    for x in evs:
        if x.event.type in CONSENT_KINDS and x.event.type not in types:
            explain.append(f"{x.text()}: not an instrument this clause counts ({', '.join(sorted(types))})")
            out.ignored.append({"type": x.event.type, "date": _iso(x.date), "why": "not counted by the clause"})
    consent = _first_consent(evs, types, explain, out.ignored)
    out.signature_uncertain = (sig_ev is not None and sig_ev.event.uncertain) or (
        sig is None and res.signatories_unknown)
    if consent is not None:
        e = consent.event
        out.instrument_assumed = consent.assumed
        out.instrument = {"type": e.type, "date": _iso(e.date), "source": e.source}
        if eif is not None:
            out.in_force_from = _party_date(inst, res, consent, explain)
        else:
            explain.append(f"{consent.text()}: no entry-into-force clause recorded to compute from")
    if out.in_force_from is None and party is not None and party.published is not None:
        pub = party.published
        src = f" (source {pub.source})" if pub.source else ""
        # A date the depositary published stands where the deposits are not known (C113 checks it
        # against them where they are).
        explain.append(f"published by the depositary: in force for {code} from {pub.date}{src}")
        out.in_force_from = pub.date
    notice = _withdrawal(inst, out, evs, consent, explain)
    start = _provisional(inst, party, sig, evs, explain)
    end = min([d for d in (out.in_force_from, out.withdrawal_effective) if d is not None], default=None)
    if start is not None and (end is None or start < end):
        out.provisional_from = start
    elif start is not None:
        explain.append(f"no provisional application: bound or withdrawn by {end}, before it would start on {start}")
    out.status = _word(out, res.as_of, sig, consent, notice, end, res.signatories_unknown)
    if out.status == "unknown":
        explain.append("the sources do not say who signed: whether it signed is not established")
    out.waiting_on = _waiting(inst, res, out)
    explain.extend(notes)
    out.explain = explain
    return out


def _withdrawal(inst: Instrument, out: PartyStatus, evs: list[_Ev], consent: _Ev | None,
                explain: list[str]) -> _Ev | None:
    """The party's withdrawal notice (after its consent), with the date it takes effect set on `out`."""
    notices = [x for x in evs if x.event.type == "withdrawal" and (consent is None or x.date >= consent.date)]
    notice = notices[0] if notices else None
    if notice is None:
        return None
    if inst.withdrawal is not None:
        clause = _article(inst.withdrawal.article, "the withdrawal clause")
        try:
            out.withdrawal_effective = dates.apply(notice.date, inst.withdrawal.notice)
            explain.append(f"{notice.text()}: {clause}: {dates.describe(notice.date, inst.withdrawal.notice)}")
        except dates.DateOutOfRange as exc:
            explain.append(f"{notice.text()}: {exc}")
    else:
        # The residual rule: a treaty with no withdrawal clause, where a right of withdrawal is
        # implied, needs at least twelve months' notice; which case applies is a legal judgement.
        explain.append(f"{notice.text()}: no withdrawal clause recorded, so no effective date is computed; "
                       "where a treaty has no such clause, the Vienna Convention on the Law of Treaties, "
                       "art. 56(2), requires at least twelve months' notice of an implied right to withdraw")
    if out.in_force_from is not None and notice.date < out.in_force_from:
        explain.append(f"the notice came before {out.in_force_from}, when it would have been bound: "
                       "it never becomes bound")
        out.in_force_from = None
    return notice


def _word(out: PartyStatus, as_of: dt.date, sig, consent, notice, end, unknown_signature=False) -> str:
    if notice is not None:
        effective = out.withdrawal_effective
        return "withdrawn" if effective is not None and effective <= as_of else "withdrawal-pending"
    if out.in_force_from is not None and out.in_force_from <= as_of:
        return "in-force"
    if out.provisional_from is not None and out.provisional_from <= as_of and (end is None or as_of < end):
        return "provisional"
    if consent is not None:
        return "pending"
    if sig is not None:
        return "signed"
    return "unknown" if unknown_signature else "not-signed"


def _waiting(inst: Instrument, res: InstrumentStatus, p: PartyStatus) -> str | None:
    """What the party's own entry into force waits on, as far as the record tells."""
    if p.status in ("withdrawn", "withdrawal-pending", "in-force", "expired"):
        return None
    eif = inst.entry_into_force
    if eif is None:
        return "unknown (no entry-into-force clause recorded)"
    if p.instrument is None:
        if p.status == "not-signed":
            return None
        kinds = " or ".join(eif.general.instruments)
        what = f"its own {kinds}"
        if res.record_basis == "no-depositary-record":
            return f"{what} (none recorded; no depositary record found)"
        if res.beyond_record:
            return f"{what} (none recorded by {res.record_as_of}, the end of the record)"
        return what
    if p.in_force_from is None:
        if res.in_force is None:
            return "the general entry into force (not known from the record)"
        return "the general entry into force"
    return None


def _published_general(inst: Instrument, res: InstrumentStatus) -> None:
    """Where the recorded deposits do not give a date, a date the depositary published does."""
    pub = inst.entry_into_force.published
    if pub is None or res.trigger is not None or inst.entry_into_force.general.condition is not None:
        return
    if res.record_basis == "complete":  # every deposit is recorded: they decide, and C113 checks the date
        return
    # Where the recorded deposits do give a date (later than as_of), they decide, as of each date.
    everything, _ = _gather(inst, dt.date.max, res.assumed)
    sig_dates = {code: _signature(inst.parties.get(code), evs, dt.date.max)[0] for code, evs in everything.items()}
    if count_trigger(inst.entry_into_force.general, everything, sig_dates)[0] is not None:
        return
    res.entry_into_force = pub.date
    res.entry_into_force_basis = "published"
    res.published_source = pub.source
    res.in_force = pub.date <= res.as_of
    src = f" (source {pub.source})" if pub.source else ""
    res.explain.append(f"published by the depositary: in force from {pub.date}{src}; the recorded "
                       "instruments do not give the date themselves")


def compute_status(inst: Instrument, as_of: dt.date, assumed: Sequence[tuple[str, Event]] = ()) -> InstrumentStatus:
    """Entry into force of `inst`, generally and for every party, as known on `as_of`."""
    res = InstrumentStatus(inst.id, as_of, assumed=list(assumed))
    record_extent(inst, res)
    kept, notes = _gather(inst, as_of, assumed)
    sig_dates = {code: _signature(inst.parties.get(code), evs, as_of)[0] for code, evs in kept.items()}
    eif = inst.entry_into_force
    res.has_clause = eif is not None
    if eif is not None:
        res.counted_kinds = list(eif.general.instruments)
    if res.record_basis == "no-depositary-record":
        res.domestic_acts = domestic_acts(inst, as_of)
    if eif is None:
        res.in_force = None
        res.explain.append("no entry-into-force clause is recorded: whether it is in force is unknown")
    else:
        res.clause = _article(eif.article, res.clause)
        _general(inst, res, kept, sig_dates)
        if res.entry_into_force is not None:
            res.entry_into_force_basis = "computed"
        _published_general(inst, res)
        if not res.assumed:  # a what-if is a question about the future, which no record decides
            undecided(res)
        _expiry(inst, res)
    for code in sorted(kept):
        res.parties.append(_party(inst, res, code, kept[code], notes[code]))
    footnotes(inst, res)
    if res.beyond_record:
        for p in res.parties:
            p.explain.append(f"status as recorded on {res.record_as_of}, where the depositary's record ends: "
                             "later events are not recorded")
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
