"""The status as of a date, in one line a reader understands.

The status engine lives in `cistreaty.engine.status`; the renderers work without it (it was written in
parallel) and then say plainly that the status was not computed.
"""

from __future__ import annotations

import datetime as dt


try:
    from ..engine.status import compute_status
except ImportError:  # pragma: no cover - only while the status engine is absent
    compute_status = None

NOT_COMPUTED = "not computed"


def compute(inst, as_of: dt.date):
    if compute_status is None:
        return None
    return compute_status(inst, as_of)


def _noun(inst, n: int) -> str:
    eif = inst.entry_into_force
    kinds = list(eif.general.instruments) if eif else []
    word = "notification" if kinds == ["notification"] else "instrument"
    return word if n == 1 else word + "s"


def iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def summary(inst, status, as_of: dt.date) -> str:
    if status is None:
        return NOT_COMPUTED
    eif = getattr(status, "entry_into_force", None)
    if inst.entry_into_force is None and not status.in_force:
        # "Not in force" would be a claim: without the clause there is nothing to compute from.
        return "unknown: no entry-into-force clause is recorded"
    if status.in_force:
        return f"In force since {iso(eif)}" if eif else f"In force as of {iso(as_of)}"
    line = f"Not in force as of {iso(as_of)}"
    if isinstance(eif, dt.date) and eif > as_of:
        return f"{line}: enters into force on {iso(eif)}"
    needed = getattr(status, "instruments_needed", None)
    received = getattr(status, "instruments_received", None)
    if isinstance(needed, int) and isinstance(received, int):
        return f"{line}: {received} of {needed} {_noun(inst, needed)} received"
    return line


def party_summary(status, party: str) -> str:
    if status is None:
        return NOT_COMPUTED
    for ps in getattr(status, "parties", None) or ():
        if ps.party == party:
            line = ps.status
            start = getattr(ps, "in_force_from", None)
            if start is not None:
                line += f" (in force from {iso(start)})"
            return line
    return "not a party"
