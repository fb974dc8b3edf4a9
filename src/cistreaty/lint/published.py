"""C113: a date the file records as published by the depositary disagrees with the computed one.

Depositaries publish dates by hand and sometimes count them wrong; the file keeps what was published
(`entry_into_force.published`, a party's `published`) and this check recomputes it from the recorded
events and the clause, so either the record or the data gets a second look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import Instrument

# Every recorded event counts: the published date is checked against everything the file knows.
_ALL_EVENTS = dt.date(9999, 12, 31)


def _reason(lines: list[str]) -> str:
    # The last explanation line carries the arithmetic ("2017-04-21 + 30 days = 2017-05-21").
    return f" ({lines[-1]})" if lines else ""


def check(inst: Instrument, lookup=None) -> Iterator[tuple[tuple, str, str]]:
    from ..engine.status import compute_status

    eif = inst.entry_into_force
    if eif is None:
        return
    wanted = eif.published is not None or any(p.published is not None for p in inst.parties.values())
    if not wanted:
        return
    res = compute_status(inst, _ALL_EVENTS)
    if eif.published is not None and eif.published.date != res.entry_into_force:
        computed = res.entry_into_force.isoformat() if res.entry_into_force else "no date"
        yield (("entry_into_force", "published", "date"), "C113",
               f"published entry into force {eif.published.date} differs from the date {res.clause} gives "
               f"from the recorded events: {computed}{_reason(res.explain)}")
    for code, party in inst.parties.items():
        if party.published is None:
            continue
        ps = res.party(code)
        computed_for = ps.in_force_from if ps else None
        if party.published.date != computed_for:
            computed = computed_for.isoformat() if computed_for else "no date"
            lines = [x for x in (ps.explain if ps else []) if " = " in x or "bound from" in x]
            yield (("parties", code, "published", "date"), "C113",
                   f"published entry into force for {code} {party.published.date} differs from the date "
                   f"{res.clause} gives from the recorded events: {computed}{_reason(lines)}")
