"""A date the file records as published by the depositary disagrees with the computed one.

Depositaries publish dates by hand and sometimes count them wrong; the file keeps what was published
(`entry_into_force.published`, a party's `published`) and this check recomputes it from the recorded
events and the clause, so either the record or the data gets a second look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C113", "published-date", "A recorded published date disagrees with the date computed from the clause.",
    "`entry_into_force.published` and a party's `published` keep a date the depositary published. cistreaty "
    "recomputes it from the entry-into-force clause (count, delay, alignment, later-party and accession "
    "rules) and every recorded event, and reports both dates and the clause when they differ: either the "
    "events or the clause are recorded wrongly, or the depositary miscounted. See docs/status.md.",
    passes="entry_into_force:\n  general: {count: 3, delay: {days: 30}}\n  published: {date: 2017-05-21}\n"
           "# the third notification was received on 2017-04-21",
    fails="entry_into_force:\n  general: {count: 3, delay: {days: 30}}\n  published: {date: 2017-05-20}\n"
          "# the third notification was received on 2017-04-21")

# Every recorded event counts: the published date is checked against everything the file knows.
_ALL_EVENTS = dt.date(9999, 12, 31)


def _reason(lines: list[str]) -> str:
    # The last explanation line carries the arithmetic ("2017-04-21 + 30 days = 2017-05-21").
    return f" ({lines[-1]})" if lines else ""


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    eif = inst.entry_into_force
    if eif is None:
        return
    wanted = eif.published is not None or any(p.published is not None for p in inst.parties.values())
    if not wanted:
        return
    from ...engine.status import compute_status  # here: a cached lint run loads no engine

    res = compute_status(inst, _ALL_EVENTS)
    if eif.published is not None and eif.published.date != res.entry_into_force:
        computed = res.entry_into_force.isoformat() if res.entry_into_force else "no date"
        yield RULE.finding(("entry_into_force", "published", "date"),
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
            yield RULE.finding(("parties", code, "published", "date"),
                               f"published entry into force for {code} {party.published.date} differs from the "
                               f"date {res.clause} gives from the recorded events: {computed}{_reason(lines)}")
