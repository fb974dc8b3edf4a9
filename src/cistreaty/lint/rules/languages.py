"""Every text is given in every language the file says it holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...articles import texts
from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C109", "authentic-language", "A text lacks a language the file says it holds.",
    "The title must be given in every authentic language; every heading, paragraph, list item and the "
    "closing formula in every language the file holds (`languages.held`, by default the authentic ones). "
    "In a `text: partial` file each passage needs one of the languages held: the one it was read in.",
    passes='languages: {authentic: [ru, en]}\ntitle: {ru: "Соглашение", en: "Agreement"}',
    fails='languages: {authentic: [ru, en]}\ntitle: {en: "Agreement"}')


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.languages is None:
        return
    for lang in inst.languages.authentic:
        if lang not in inst.title:
            yield RULE.finding(("title",), f"the title lacks the authentic language {lang!r}")
    if inst.text == "not-held":
        return
    wanted = inst.languages.text_languages
    for loc, text in texts(inst):
        if not text:  # a paragraph that only carries list items
            continue
        missing = [lang for lang in wanted if lang not in text]
        # A partial text holds each passage in the language it was read in: one held language is enough.
        if inst.text == "partial" and len(missing) < len(wanted):
            continue
        if missing:
            yield RULE.finding(loc, f"text lacks {', '.join(missing)}, which the file says it holds "
                                    f"(languages held: {', '.join(wanted)})")
