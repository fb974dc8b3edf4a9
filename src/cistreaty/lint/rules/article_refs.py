"""References to articles inside the text name articles the instrument has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...articles import texts
from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C110", "article-reference", "The text refers to an article that does not exist.",
    "References such as 'Article 12' or 'статья 12' inside the text must name an article of the "
    "instrument. References to another instrument ('Article 3 of the Agreement of ...') are skipped.",
    passes='articles:\n  - number: "1"\n    paragraphs: [{en: "As Article 1 of the Agreement of 1993 says"}]',
    fails='articles:\n  - number: "1"\n    paragraphs: [{en: "The parties apply Article 9."}]')

_ARTICLE_REF = re.compile(r"\b(?:Article|Art\.|[Сс]тать[яиейюе]+)\s+(\d+(?:\.\d+)*)", re.UNICODE)
# "Article 3 of the Agreement of 1993" and "статьей 3 Соглашения о ..." name another instrument;
# "Article 3 of this Agreement" and "статьей 3 настоящего Соглашения" name this one.
_FOREIGN = re.compile(r"^\s*(?:of\s+(?!this\b)|(?:Соглашения|Конвенции|Договора|Протокола)\b)", re.UNICODE)


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if not inst.articles:
        return
    numbers = {a.number for a in inst.articles}
    for loc, by_lang in texts(inst):
        for lang, text in sorted(by_lang.items()):
            # Most paragraphs cite no article: a substring test is far cheaper than the regex.
            if "rticle" not in text and "Art." not in text and "тат" not in text:
                continue
            for m in _ARTICLE_REF.finditer(text):
                if m.group(1) in numbers or _FOREIGN.match(text[m.end():]):
                    continue
                yield RULE.finding(loc, f"'{m.group(0)}' ({lang}) refers to an article the instrument does not have")
