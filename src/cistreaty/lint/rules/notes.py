"""Reservations, declarations, objections and the other events with words: their languages, their targets.

`status` prints these texts as numbered notes under its table and `render` under each party
(docs/status.md). Pure: an Instrument in, findings out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import KEY, Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

LANGUAGE = Rule(
    "C135", "note-language", "A reservation or declaration text is in a language the file does not hold.",
    "The `text` of a reservation, declaration, objection, territorial application or designation is given "
    "per language, like titles; each language must be one the file holds (`languages.authentic` and "
    "`languages.held`).",
    passes="languages: {authentic: [ru]}\n# - {type: reservation, text: {ru: \"...\"}}",
    fails="languages: {authentic: [ru]}\n# - {type: reservation, text: {en: \"...\"}}")

TARGET = Rule(
    "C136", "objection-target", "An objection that names no party with a reservation or declaration.",
    "An objection answers a reservation or declaration: `against` names the party that made it, and that "
    "party's events record it.",
    passes="UA: {events: [{type: reservation, date: 2020-01-01}]}\nBY: {events: [{type: objection, against: UA}]}",
    fails="KZ: {signed: 2020-01-01}\nBY: {events: [{type: objection, against: KZ}]}")


def _language(inst: Instrument) -> Iterator[Finding]:
    if inst.languages is None:
        return
    held = set(inst.languages.authentic) | set(inst.languages.held or ())
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            for lang in (e.text or {}):
                if lang not in held:
                    yield LANGUAGE.finding(("parties", code, "events", i, "text", lang, KEY),
                                           f"{code} {e.type} text in {lang!r}, a language the file does not hold "
                                           f"(held: {', '.join(sorted(held))})")


def _target(inst: Instrument) -> Iterator[Finding]:
    reserving = {code for code, party in inst.parties.items()
                 if any(e.type in ("reservation", "declaration") for e in party.events)}
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            if e.type != "objection":
                continue
            if e.against is None:
                yield TARGET.finding(("parties", code, "events", i, "type"),
                                     f"{code} objection names no party: say which reservation it answers with `against`")
            elif e.against not in reserving:
                yield TARGET.finding(("parties", code, "events", i, "against"),
                                     f"{code} objects to {e.against}, which has no reservation or declaration in this file")


def check(inst: Instrument, ctx: Context | None = None) -> Iterator[Finding]:
    yield from _language(inst)
    yield from _target(inst)
