"""Articles come in the order of the text, each number once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...articles import article_key
from ...diagnostics import Finding, Rule
from ...textsafe import BIDI, ZERO_WIDTH, printable

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C103", "article-order", "Article numbers repeat or go backwards.",
    "Articles are listed in the order of the text, and each number appears once. Numbers such as 7.1 "
    "(inserted by a protocol) sort after 7.",
    passes='articles:\n  - {number: "7"}\n  - {number: "7.1"}\n  - {number: "8"}',
    fails='articles:\n  - {number: "8"}\n  - {number: "7"}')

_HIDDEN = re.compile(f"[{BIDI}{ZERO_WIDTH}]")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    previous = None
    for i, art in enumerate(inst.articles):
        # "1" and "1\u200b" read the same: compared without the characters that cannot be seen.
        shown = _HIDDEN.sub("", art.number)
        if shown in seen:
            first = inst.articles[seen[shown]].number
            alike = "" if first == art.number else f" (as {first!r}: they differ only in characters that cannot be seen)"
            yield RULE.finding(("articles", i, "number"),
                               f"article {printable(art.number, newlines=False)} appears twice"
                               f"{printable(alike, newlines=False)}", first=("articles", seen[shown], "number"))
            continue
        seen[shown] = i
        if previous is not None and article_key(art.number) <= article_key(previous):
            yield RULE.finding(("articles", i, "number"), f"article {art.number} comes after article {previous}")
        previous = art.number
