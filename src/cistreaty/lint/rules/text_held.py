"""`text:` says whether the file holds the text, and the articles agree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C111", "text-held", "The file's `text:` does not match its articles.",
    "`text: not-held` files have no articles; files holding the text (the default) have at least one. "
    "Say `text: not-held` rather than leaving `articles` empty.",
    passes="text: not-held", fails="articles: []")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.text == "not-held" and (inst.articles or inst.preamble):
        yield RULE.finding(("text",), "`text: not-held`, yet the file has a preamble or articles")
    elif inst.text != "not-held" and not inst.articles and inst.type != "protocol":
        yield RULE.finding(("text",), "no articles: if the text is not held, say `text: not-held`")
