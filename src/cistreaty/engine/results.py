"""What the status engine answers: an instrument's status and each party's, as plain data with `to_json`
(the objects of DESIGN.md's status JSON). Kept apart from the computation so renderers and workers can
name these types without the engine's arithmetic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Event

STATUS_WORDS = ("not-signed", "signed", "pending", "provisional", "in-force", "withdrawal-pending", "withdrawn",
                "expired", "unknown")
# Events that carry words a reader needs (UNTC prints them under each participant): footnotes.
NOTE_TYPES = ("reservation", "declaration", "objection", "territorial-application", "authority")


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
    # True when the sources do not establish that (or when) it signed.
    signature_uncertain: bool = False
    instrument_assumed: bool = False
    waiting_on: str | None = None
    footnotes: list[int] = field(default_factory=list)  # numbers into InstrumentStatus.footnotes
    ignored: list[dict] = field(default_factory=list)  # instruments received but not counted, and why

    def to_json(self) -> dict:
        return {
            "party": self.party,
            "status": self.status,
            "signed": iso(self.signed),
            "instrument": dict(self.instrument) if self.instrument else None,
            "in_force_from": iso(self.in_force_from),
            "provisional_from": iso(self.provisional_from),
            "withdrawal_effective": iso(self.withdrawal_effective),
            "explain": list(self.explain),
            "signature_uncertain": self.signature_uncertain,
            "waiting_on": self.waiting_on,
            "footnotes": list(self.footnotes),
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
    # The extent of the record (the file's `record:`): None when the file does not say.
    record_basis: str | None = None
    record_as_of: dt.date | None = None
    record_source: str | None = None
    signatories_unknown: bool = False
    # "computed" (from the recorded instruments), "published" (a date the depositary published,
    # the deposits not being known) or None (no date).
    entry_into_force_basis: str | None = None
    published_source: str | None = None
    footnotes: list[dict] = field(default_factory=list)
    # For the status line (render.summary.headline): whether a clause is recorded, which instrument
    # types it counts, and the domestic acts known on as_of ("TJ (2025-10-31, source tj-546)").
    has_clause: bool = True
    counted_kinds: list[str] = field(default_factory=list)
    domestic_acts: list[str] = field(default_factory=list)

    @property
    def beyond_record(self) -> bool:
        """Asked for a date after the record ends: statuses are as recorded on `record_as_of`."""
        return self.record_as_of is not None and self.as_of > self.record_as_of

    def party(self, code: str) -> PartyStatus | None:
        return next((p for p in self.parties if p.party == code), None)

    def to_json(self) -> dict:
        out = {
            "id": self.id,
            "as_of": self.as_of.isoformat(),
            "in_force": self.in_force,
            "entry_into_force": iso(self.entry_into_force),
            "instruments_received": self.instruments_received,
            "instruments_needed": self.instruments_needed,
            "record_as_of": iso(self.record_as_of),
            "parties": [p.to_json() for p in self.parties],
            "record_basis": self.record_basis,
            "entry_into_force_basis": self.entry_into_force_basis,
            "footnotes": [dict(f) for f in self.footnotes],
        }
        if self.assumed:
            out["assumed"] = [{"party": code, "type": ev.type, "date": iso(ev.date)} for code, ev in self.assumed]
        return out


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None
