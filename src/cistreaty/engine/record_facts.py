"""What the record itself says, beside the computed dates: its extent, the domestic acts it reports, the
notes (reservations, declarations, ...) numbered as footnotes, and whether a missing date means "not in
force" or "unknown". Pure, like the rest of the engine."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .results import NOTE_TYPES, InstrumentStatus, iso

if TYPE_CHECKING:
    from ..models import Instrument

def footnotes(inst: Instrument, res: InstrumentStatus) -> None:
    """Reservations, declarations, objections, territorial applications and designations, numbered."""
    for p in res.parties:
        party = inst.parties.get(p.party)
        for e in party.events if party is not None else ():
            if e.type not in NOTE_TYPES or (e.date is not None and e.date > res.as_of):
                continue
            number = len(res.footnotes) + 1
            res.footnotes.append({
                "number": number, "party": p.party, "type": e.type, "date": iso(e.date),
                "text": dict(e.text) if e.text else None, "against": e.against, "territory": e.territory,
                "source": e.source, "note": e.note})
            p.footnotes.append(number)
            what = e.type.replace("-", " ")
            if e.against:
                what += f" to the reservation of {e.against}"
            if e.territory:
                what += f" ({e.territory})"
            when = f" of {e.date}" if e.date else " (undated)"
            src = f" (source {e.source})" if e.source else ""
            p.explain.append(f"{what}{when}{src}: see note {number}")


def domestic_acts(inst: Instrument, as_of: dt.date) -> list[str]:
    """'TJ (2025-10-31, source tj-546)' for each domestic act known on `as_of`, by date."""
    found = []
    for code, party in inst.parties.items():
        for e in party.events:
            if e.type != "domestic-act":
                continue
            src = inst.sources.get(e.source) if e.source else None
            when, how = e.date, ""
            if when is None and src is not None and src.date is not None:
                when, how = src.date, "reported "  # the act's own date is not known, the report's is
            if when is None or when > as_of:
                continue
            cite = f", source {e.source}" if e.source else ""
            found.append((when, code, f"{code} ({how}{when}{cite})"))
    return [text for _, _, text in sorted(found)]


def record_extent(inst: Instrument, res: InstrumentStatus) -> None:
    rec = inst.record
    if rec is None:
        return
    res.record_basis = rec.basis
    res.signatories_unknown = rec.signatories == "unknown"
    if rec.basis == "depositary-record":
        res.record_as_of, res.record_source = rec.as_of, rec.source
    elif rec.basis == "no-depositary-record":
        res.record_source = rec.source


def undecided(res: InstrumentStatus) -> None:
    """No date: say whether the record decides that it is not in force, or cannot."""
    if res.entry_into_force is not None or res.in_force is None:
        return
    if res.record_basis == "no-depositary-record":
        res.in_force = None
        res.explain.append("no depositary record was found: which instruments it has received is not known, "
                           "so whether it is in force is unknown")
    elif res.beyond_record:
        res.in_force = None
        res.explain.append(f"the record runs to {res.record_as_of}: not in force as recorded on that date; "
                           f"later events are not recorded, so whether it is in force on {res.as_of} is unknown")
