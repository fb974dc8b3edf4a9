"""The extent of the record (`record:`): declared in the corpus, and not older than the signature.

`status` reads `record:` to say no more than the sources do (docs/status.md): statuses "as recorded
on" its date, "unknown" where no depositary record was found. Pure: an Instrument in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

DECLARED = Rule(
    "C130", "record-declared", "A corpus file does not say how far its party data runs (`record:`).",
    "Every instrument file of the corpus declares `record:` (the depositary's record as of a date, the "
    "complete record, or no depositary record found) so that `status` never claims more than the sources "
    "say (docs/format.md). Checked only for files in the corpus folder (`--corpus`, $CISTREATY_CORPUS, "
    "./agreements); example and test files elsewhere may leave it out, and then mean what they always meant.",
    passes="record:\n  basis: depositary-record\n  as_of: 2017-05-16\n  source: garant-71675672",
    fails="id: heavy-machinery\n# no record: in a file of the corpus")

BEFORE_SIGNATURE = Rule(
    "C134", "record-before-signature", "`record.as_of` is before the instrument was signed.",
    "A depositary's record cannot run to a date before the signature: the date is mistyped, or belongs to "
    "another instrument's record.",
    passes="signed: {date: 2015-10-30}\nrecord: {basis: depositary-record, as_of: 2017-05-16, source: g}",
    fails="signed: {date: 2015-10-30}\nrecord: {basis: depositary-record, as_of: 2015-05-16, source: g}")

# Findings lint keeps only for files inside the corpus folder (cli/lint_cmd.py).
CORPUS_ONLY = frozenset({DECLARED.code})


def _signature(party):
    if party.signed is not None:
        return party.signed
    dates = [e.date for e in party.events if e.type == "signature" and e.date is not None]
    return min(dates) if dates else None


def _declared(inst: Instrument) -> Iterator[Finding]:
    if inst.record is None:
        yield DECLARED.finding(("id",), "no `record:`: say whether the party data is a depositary's record as "
                                        "of a date, the complete record, or no depositary record was found")


def _before_signature(inst: Instrument) -> Iterator[Finding]:
    rec = inst.record
    if rec is None or rec.as_of is None:
        return
    signed = inst.signed.date if inst.signed and inst.signed.date else None
    if signed is None:
        dates = [d for d in (_signature(p) for p in inst.parties.values()) if d is not None]
        signed = min(dates) if dates else None
    if signed is not None and rec.as_of < signed:
        yield BEFORE_SIGNATURE.finding(("record", "as_of"),
                                       f"the record runs to {rec.as_of}, before the signature on {signed}")


def check(inst: Instrument, ctx: Context | None = None) -> Iterator[Finding]:
    yield from _declared(inst)
    yield from _before_signature(inst)
