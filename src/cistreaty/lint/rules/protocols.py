"""Protocols: only they amend, and what they amend is in the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

AMENDS_TARGET = Rule(
    "C108", "amends-target", "`amends:` names no instrument in the corpus.",
    "A protocol's `amends:` is the id of an instrument file in the same corpus.",
    passes="# agreements/heavy-machinery.yaml exists\ntype: protocol\namends: heavy-machinery",
    fails="# no agreements/heavy-machines.yaml\ntype: protocol\namends: heavy-machines")

PROTOCOL_FIELDS = Rule(
    "C112", "protocol-fields", "`amends`/`amendments` on an instrument that is not a protocol, or the reverse.",
    "Only `type: protocol` instruments amend another; a protocol names the instrument it amends.",
    passes="type: protocol\namends: heavy-machinery", fails="type: agreement\namends: heavy-machinery")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.type == "protocol":
        return
    if inst.amends is not None:
        yield PROTOCOL_FIELDS.finding(
            ("amends",), f"`amends` on a document of type {inst.type}: only a protocol amends another instrument")
    if inst.amendments:
        yield PROTOCOL_FIELDS.finding(
            ("amendments",), f"`amendments` on a document of type {inst.type}: only a protocol carries them")


def check_corpus(reports, known_ids: set[str]) -> Iterator[Diagnostic]:
    ids = known_ids | {r.id for r in reports if r.id is not None}
    for rep in reports:
        if rep.amends and rep.amends not in ids:
            yield AMENDS_TARGET.at(rep.path, *rep.amends_pos,
                                   f"amends {rep.amends!r}, which is not an instrument of the corpus")
