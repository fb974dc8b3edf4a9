"""Every `source:` names a key of the file's `sources:`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C107", "source-ref", "A `source:` key does not resolve.",
    "Every `source:` names a key of the file's `sources:` mapping.",
    passes='sources:\n  kg-827: {title: "Resolution No. 827"}\nsigned: {date: 2025-06-05, source: kg-827}',
    fails='sources:\n  kg-827: {title: "Resolution No. 827"}\nsigned: {date: 2025-06-05, source: kg-828}')


def _source_refs(inst: Instrument) -> Iterator[tuple[tuple, str]]:
    if inst.source:
        yield ("source",), inst.source
    if inst.signed and inst.signed.source:
        yield ("signed", "source"), inst.signed.source
    if inst.adopted and inst.adopted.source:
        yield ("adopted", "source"), inst.adopted.source
    eif = inst.entry_into_force
    if eif is not None:
        if eif.general.condition and eif.general.condition.source:
            yield ("entry_into_force", "general", "condition", "source"), eif.general.condition.source
        if eif.published and eif.published.source:
            yield ("entry_into_force", "published", "source"), eif.published.source
    for code, party in inst.parties.items():
        if party.published and party.published.source:
            yield ("parties", code, "published", "source"), party.published.source
        for i, event in enumerate(party.events):
            if event.source:
                yield ("parties", code, "events", i, "source"), event.source


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    for loc, key in _source_refs(inst):
        if key not in inst.sources:
            known = ", ".join(sorted(inst.sources)) or "none"
            yield RULE.finding(loc, f"source {key!r} is not in `sources` (known: {known})")
