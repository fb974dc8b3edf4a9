"""Parties are keyed by ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ... import countries
from ...diagnostics import KEY, Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C104", "party-code", "A party key is not an ISO 3166-1 alpha-2 code.",
    "Parties are keyed by the two-letter code of the state (KG, RU, BY...). Any assigned code is valid.",
    passes="parties:\n  KG: {signed: 2025-06-05}", fails="parties:\n  XX: {signed: 2025-06-05}")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    for code in inst.parties:
        if not countries.is_valid(code):
            yield RULE.finding(("parties", code, KEY), f"{code!r} is not an ISO 3166-1 alpha-2 country code")
