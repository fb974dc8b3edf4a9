"""The status of an instrument in one line: the one wording every output uses.

`status` (one instrument, the overview, `--party`), every `render` format and `calendar` print this
line, so they cannot disagree. It says what is known and no more: "Unknown" where the clause or the
depositary record does not decide, the published date where only that is known, and "as recorded on"
when the question is asked for a date after the record ends.
"""

from __future__ import annotations

import datetime as dt

from ..engine.status import compute_status

NOT_COMPUTED = "not computed"


def compute(inst, as_of: dt.date):
    return compute_status(inst, as_of)


def iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _noun(res, n) -> str:
    word = "notification" if res.counted_kinds == ["notification"] else "qualifying instrument"
    return word if n == 1 else word + "s"


def record_note(res) -> str | None:
    """The extent of the record, when it limits what the statuses mean (None otherwise)."""
    if res is None:
        return None
    src = f" (source {res.record_source})" if res.record_source else ""
    if res.beyond_record:
        return (f"Statuses are as recorded on {res.record_as_of}, the date the depositary's record{src} runs to; "
                f"later events are not recorded. Dates that follow from recorded events are facts.")
    if res.record_basis == "no-depositary-record":
        return ("No depositary record of this instrument was found: the party data comes from domestic acts "
                "and news only.")
    return None


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _dated(res) -> str:
    eif = res.entry_into_force
    pub = ""
    if res.entry_into_force_basis == "published":
        pub = " (published by the depositary" + (f", source {res.published_source})" if res.published_source else ")")
    if res.in_force:
        line = f"In force since {eif}{pub}"
    elif eif > res.as_of:
        line = f"Enters into force on {eif} (coming){pub}"
    else:
        line = f"Not in force on {res.as_of} (entered into force {eif}{pub})"
    if res.expiry is not None:
        line += f"; expires {res.expiry}" if res.expiry > res.as_of else f"; expired {res.expiry}"
    return line


def _core(res) -> str:
    if not res.has_clause:
        return "Unknown: no entry-into-force clause is recorded"
    if res.entry_into_force is not None:
        return _dated(res)
    received, needed = res.instruments_received, res.instruments_needed
    if res.in_force is None:
        if res.record_basis == "no-depositary-record":
            line = f"Unknown: no depositary record; {received} {_noun(res, received)} recorded"
            if res.domestic_acts:
                line += f"; domestic approval by {_and(res.domestic_acts)}"
            return line
        if res.beyond_record:
            of = f" of {needed}" if needed is not None else ""
            return f"Unknown: {received}{of} {_noun(res, needed or received)} received by {res.record_as_of}"
        return "Unknown"
    if needed is not None:
        return f"Not in force: {received} of {needed} {_noun(res, needed)} received"
    return "Not in force"


def headline(res) -> str:
    """The status line, with what limits it: what-if events and the end of the record."""
    if res is None:
        return NOT_COMPUTED
    line = _core(res)
    if res.assumed:
        # What-if events count even when dated after --as-of: say so, or the line claims receipts.
        line += " (counting the events assumed with --assume)"
    if res.beyond_record:
        line += f"; as recorded on {res.record_as_of}, later events are not recorded"
    return line


def summary(inst, status, as_of: dt.date | None = None) -> str:
    """The headline (kept under its old name for the renderers)."""
    return headline(status)


def party_summary(status, party: str) -> str:
    if status is None:
        return NOT_COMPUTED
    ps = status.party(party)
    if ps is None:
        return "not a party"
    line = ps.status
    if ps.in_force_from is not None:
        line += f" (in force from {iso(ps.in_force_from)})"
    if ps.waiting_on:
        line += f"; waiting on {ps.waiting_on}"
    if status.beyond_record:
        line += f"; as recorded on {status.record_as_of}"
    return line
