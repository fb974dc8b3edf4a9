"""The entry-into-force clause: its vocabulary, what each trigger kind means in words, and its arithmetic.

`models.py` declares the fields of the file format (`General`: count | condition, instruments,
requires, delay, align) with the words defined here; the status engine (`status._general`) asks
this module when the general trigger is met and how to say the clause. A new trigger kind is a
field in `models.General`, its wording in `describe_general` and its day in `count_trigger` (or
beside it), and a line in docs/format.md and docs/status.md. The reader of clause *wording*
(`clause_reader.py`, `clause_words.py`) lives next door. Pure, and needs no pydantic: it reads the
models' attributes.
"""

from __future__ import annotations

import datetime as dt

from . import dates

# The instruments that can count towards entry into force (DESIGN.md default).
CONSENT_TYPES: tuple[str, ...] = ("notification", "ratification", "acceptance", "approval", "accession")
CONSENT_OR_SUCCESSION: tuple[str, ...] = CONSENT_TYPES + ("succession",)
# Every instrument of consent a party can give (what `counted_types` filters).
CONSENT_KINDS: tuple[str, ...] = CONSENT_TYPES + ("succession", "formal-confirmation")


def counted_types(general) -> set[str]:
    """The event types the clause counts; a formal confirmation counts wherever ratification does
    (it is an international organisation's equivalent act, UNTC's "c")."""
    types = set(general.instruments)
    if "ratification" in types:
        types.add("formal-confirmation")
    return types


def satisfied(count, requires, counted: dict, signatories: set[str]) -> bool:
    if any(p not in counted for p in requires):
        return False
    if count == "all":
        return bool(signatories) and signatories <= set(counted)
    return len(counted) >= count


def count_trigger(general, kept, sig_dates) -> tuple[dt.date | None, list, int]:
    """Walk the depositary's receipts day by day until the count is met: (day, that day's instruments, count)."""
    types = counted_types(general)
    timeline: dict[dt.date, list] = {}
    for evs in kept.values():
        for x in evs:
            if x.event.type in types or x.event.type == "withdrawal":
                timeline.setdefault(x.date, []).append(x)
    if general.count == "all":
        # A signature recorded after the instrument (an error lint reports) can complete "all".
        for d in sig_dates.values():
            if d is not None:
                timeline.setdefault(d, [])
    counted: dict = {}
    for day in sorted(timeline):
        todays = sorted(timeline[day], key=lambda x: (x.event.type == "withdrawal", x.party))
        new = []
        for x in todays:
            if x.event.type == "withdrawal":
                counted.pop(x.party, None)
            elif x.party not in counted:
                counted[x.party] = x
                new.append(x)
        signatories = {p for p, d in sig_dates.items() if d is not None and d <= day}
        if (new or general.count == "all") and satisfied(general.count, general.requires, counted, signatories):
            if general.count != "all":
                return day, new, len(counted)
            # The signatories that day are what was needed: later signers came too late to count.
            return day, new or [max(counted.values(), key=lambda x: x.date)], len(signatories)
    return None, [], len(counted)


def describe_general(general, clause: str) -> str:
    """The general clause in words, as `status --explain` and lint's published-date rule quote it."""
    types = " or ".join(general.instruments)
    rule = dates.describe_delay(general.delay) + (", then the first day of the next month"
                                                  if general.align == dates.FIRST_OF_NEXT_MONTH else "")
    if general.condition is not None:
        return f"{clause}: enters into force {rule} after the condition is met ({general.condition.text})"
    if general.count == "all":
        which = f"the instruments ({types}) of all signatories"
    else:
        which = f"the {dates.ordinal(general.count)} instrument ({types})"
    named = f", among them those of {', '.join(general.requires)}" if general.requires else ""
    return f"{clause}: enters into force {rule} after the depositary receives {which}{named}"
