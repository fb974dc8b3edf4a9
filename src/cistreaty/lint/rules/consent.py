"""Instruments of consent the engine would ignore: a second one, one without signature, one not counted.

The status engine counts a party's first qualifying instrument, for the general date and the party's
own date alike (docs/status.md, "One instrument per party"); these rules say where the data records
an instrument the computation sets aside. Pure: an Instrument in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

SECOND = Rule(
    "C131", "second-consent", "A second instrument of consent from the same party, with no withdrawal between.",
    "A party is bound by its first qualifying instrument; a second one (KG notifying twice) changes nothing, "
    "and the engine counts the first for the general date and for the party's own date alike. Record the "
    "second as a note on the first, or the withdrawal between them if there was one.",
    passes="events:\n  - {type: notification, date: 2026-03-02}",
    fails="events:\n  - {type: notification, date: 2026-03-02}\n  - {type: notification, date: 2026-04-20}")

UNSIGNED = Rule(
    "C132", "consent-without-signature", "A ratification, acceptance or approval by a party that never signed.",
    "A state that did not sign becomes a party by accession. Record `signed:` (or a `signature` event) if it "
    "signed, or record the instrument as an `accession`. Not checked when `record.signatories` is `unknown`: "
    "the sources do not say who signed.",
    passes="KZ:\n  signed: 2020-01-01\n  events: [{type: ratification, date: 2020-05-01}]",
    fails="AM:\n  events: [{type: ratification, date: 2020-06-01}]")

UNCOUNTED = Rule(
    "C133", "uncounted-instrument", "An instrument type the entry-into-force clause does not count.",
    "The clause's `general.instruments` lists the types that count (a formal confirmation counts where "
    "ratification does; an accession always counts for the party itself). An instrument of another type is "
    "ignored by the computation: record the type the depositary received, or correct the clause's list.",
    passes="general: {count: 2, instruments: [notification]}\n# BY: {type: notification, date: 2020-05-01}",
    fails="general: {count: 2, instruments: [notification]}\n# BY: {type: ratification, date: 2020-05-01}")

# The consent a party gives by signing first; without a signature the same act is an accession.
_AFTER_SIGNATURE = ("ratification", "acceptance", "approval")
_CONSENT = ("notification", "ratification", "acceptance", "approval", "accession", "succession",
            "formal-confirmation")


def _signature(party):
    if party.signed is not None:
        return party.signed
    return min((e.date for e in party.events if e.type == "signature" and e.date is not None), default=None)


def _second(inst: Instrument) -> Iterator[Finding]:
    for code, party in inst.parties.items():
        dated = sorted((e.date, i, e) for i, e in enumerate(party.events)
                       if e.date is not None and e.type in _CONSENT + ("withdrawal",))
        first = None
        for _, i, e in dated:
            if e.type == "withdrawal":
                first = None
            elif first is None:
                first = e
            else:
                yield SECOND.finding(("parties", code, "events", i, "type"),
                                     f"{code} {e.type} of {e.date} is a second instrument of consent with no "
                                     f"withdrawal since its {first.type} of {first.date}, which is the one that counts")


def _unsigned(inst: Instrument) -> Iterator[Finding]:
    if inst.record is not None and inst.record.signatories == "unknown":
        return
    for code, party in inst.parties.items():
        if _signature(party) is not None:
            continue
        for i, e in enumerate(party.events):
            if e.type in _AFTER_SIGNATURE:
                yield UNSIGNED.finding(("parties", code, "events", i, "type"),
                                       f"{code} gives a {e.type} but never signed: a state that did not sign "
                                       "accedes (record it as an accession, or record its signature)")


def _uncounted(inst: Instrument) -> Iterator[Finding]:
    eif = inst.entry_into_force
    if eif is None:
        return
    counted = set(eif.general.instruments) | {"accession"}
    if "ratification" in counted:
        counted.add("formal-confirmation")
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            if e.type in _CONSENT and e.type not in counted:
                yield UNCOUNTED.finding(("parties", code, "events", i, "type"),
                                        f"{code} {e.type}: the entry-into-force clause counts only "
                                        f"{', '.join(sorted(counted))}; this instrument is ignored")


def check(inst: Instrument, ctx: Context | None = None) -> Iterator[Finding]:
    yield from _second(inst)
    yield from _unsigned(inst)
    yield from _uncounted(inst)
