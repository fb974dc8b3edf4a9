"""The order of a party's events: nothing before signature, no withdrawal before consent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

BEFORE_SIGNATURE = Rule(
    "C105", "event-before-signature", "A party's event is dated before the instrument was signed.",
    "Consent and other events follow signature; accession and succession are exempt, as are domestic "
    "acts of states that accede.",
    passes="signed: {date: 2025-06-05}\nparties:\n  KG:\n    events:\n      - {type: notification, date: 2026-01-15}",
    fails="signed: {date: 2025-06-05}\nparties:\n  KG:\n    events:\n      - {type: notification, date: 2025-01-15}")

WITHDRAWAL_ORDER = Rule(
    "C106", "withdrawal-order", "A withdrawal without an earlier instrument of consent.",
    "A party can only withdraw from an instrument it has consented to be bound by: its notification, "
    "ratification, acceptance, approval, accession or succession must come first.",
    passes="events:\n  - {type: ratification, date: 2020-03-01}\n  - {type: withdrawal, date: 2024-05-01}",
    fails="events:\n  - {type: withdrawal, date: 2024-05-01}")


def _signature_date(party):
    if party.signed is not None:
        return party.signed
    dates = [e.date for e in party.events if e.type == "signature" and e.date is not None]
    return min(dates) if dates else None


def _before_signature(inst: Instrument) -> Iterator[Finding]:
    general = inst.signed.date if inst.signed else None
    for code, party in inst.parties.items():
        own = _signature_date(party)
        accedes = own is None and any(e.type in ("accession", "succession") for e in party.events)
        if accedes:
            continue
        signed = own or general
        if signed is None:
            continue
        for i, event in enumerate(party.events):
            if event.date is None or event.type in ("accession", "succession", "signature"):
                continue
            if event.date < signed:
                yield BEFORE_SIGNATURE.finding(("parties", code, "events", i, "date"),
                                               f"{code} {event.type} dated {event.date} is before the signature on {signed}")


def _withdrawals(inst: Instrument) -> Iterator[Finding]:
    # Imported here: suppress.py imports this module for its Rule, and a cached lint run loads no engine.
    from ...engine.clauses import CONSENT_OR_SUCCESSION

    for code, party in inst.parties.items():
        consents = [e.date for e in party.events if e.type in CONSENT_OR_SUCCESSION and e.date is not None]
        for i, event in enumerate(party.events):
            if event.type != "withdrawal":
                continue
            before = [d for d in consents if event.date is None or d <= event.date]
            if not before:
                yield WITHDRAWAL_ORDER.finding(("parties", code, "events", i),
                                               f"{code} withdraws without an earlier instrument of consent")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    yield from _before_signature(inst)
    yield from _withdrawals(inst)
