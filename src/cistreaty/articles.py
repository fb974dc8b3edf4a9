"""Article numbers and the texts of an instrument: how numbers order, where the texts are.

Shared by the lint rules, the amendment engine and the diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Instrument


def article_key(number: str) -> tuple:
    """Sort key for article numbers: 7 < 7.1 < 7.2 < 8; non-numeric parts sort by text."""
    key = []
    for part in re.split(r"[.\-]", number):
        key.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(key)


def texts(inst: Instrument) -> Iterator[tuple[tuple, dict]]:
    """Every text of an instrument with its loc: preamble, headings, paragraphs, list items, closing."""
    for i, para in enumerate(inst.preamble):
        yield ("preamble", i), para.texts
        for j, item in enumerate(para.items or ()):
            yield ("preamble", i, "items", j), item
    for i, art in enumerate(inst.articles):
        if art.heading is not None:
            yield ("articles", i, "heading"), art.heading
        for j, para in enumerate(art.paragraphs):
            yield ("articles", i, "paragraphs", j), para.texts
            for k, item in enumerate(para.items or ()):
                yield ("articles", i, "paragraphs", j, "items", k), item
    if inst.closing is not None:
        yield ("closing",), inst.closing
