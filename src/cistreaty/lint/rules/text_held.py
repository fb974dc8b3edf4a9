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
    "A `text: partial` file holds at least the preamble, an article or the closing formula that was read. "
    "Say `text: not-held` rather than leaving `articles` empty.",
    passes="text: not-held", fails="articles: []")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.text == "not-held" and (inst.articles or inst.preamble):
        yield RULE.finding(("text",), "`text: not-held`, yet the file has a preamble or articles")
    elif inst.text == "partial":
        # A partial text may be only the preamble or the closing formula that could be read.
        if not (inst.articles or inst.preamble or inst.closing):
            yield RULE.finding(("text",), "`text: partial`, yet the file holds no preamble, article or closing formula")
    elif inst.text != "not-held" and not inst.articles and inst.type != "protocol":
        yield RULE.finding(("text",), "no articles: if the text is not held, say `text: not-held`")
