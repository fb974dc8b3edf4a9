"""Word-level comparison of two versions of an instrument's articles (its formats: render/diffview.py).

Pure: instruments in, records out. Tokens are runs of word characters, single
punctuation marks and runs of whitespace, so punctuation is always a token of its own: replacing
"depository." by "depositary." marks the word and leaves the full stop unmarked. An article is
compared line by line first (heading, each paragraph, each list item), then word by word within
the lines that changed, so a change never runs across two paragraphs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..articles import article_key
from ..models import Article, Instrument

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
HEADING = "Heading: "
Segment = tuple[str, str]  # (EQUAL | DELETE | INSERT, text)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[Segment]:
    """Segments that read as `before` without INSERT and as `after` without DELETE.

    A change is always given as its deletion followed by its insertion; whitespace alone between
    two changes joins them, so that 'a b' -> 'x y' reads [-a b-]{+x y+} rather than four marks.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    runs: list[list] = []  # [is_change, deleted, inserted]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            runs.append([False, old, old])
        else:
            runs.append([True, old, new])
    merged: list[list] = []
    for k, run in enumerate(runs):
        glue = (not run[0] and not run[1].strip() and 0 < k < len(runs) - 1 and runs[k - 1][0] and runs[k + 1][0])
        if glue or (run[0] and merged and merged[-1][0]):
            if merged and merged[-1][0]:
                merged[-1][1] += run[1]
                merged[-1][2] += run[2]
                continue
            run = [True, run[1], run[2]]
        merged.append(list(run))
    out: list[Segment] = []
    for is_change, old, new in merged:
        if not is_change:
            out.append((EQUAL, old))
            continue
        if old:
            out.append((DELETE, old))
        if new:
            out.append((INSERT, new))
    return out


@dataclass(frozen=True)
class Line:
    prefix: str  # "Heading: ", "2. " for a paragraph of several, "  - " for a list item, else ""
    text: str


def article_lines(art: Article, lang: str) -> list[Line]:
    """The lines of an article in one language. Paragraphs are numbered when there are several."""
    lines = []
    if art.heading and lang in art.heading:
        lines.append(Line(HEADING, art.heading[lang]))
    numbered = len(art.paragraphs) > 1
    for j, para in enumerate(art.paragraphs, 1):
        text = para.texts.get(lang)
        if text is not None:
            lines.append(Line(f"{j}. " if numbered else "", text))
        for item in para.items or ():
            if lang in item:
                lines.append(Line("  - ", item[lang]))
    return lines


def article_text(art: Article, lang: str) -> str:
    return "\n".join([f"Article {art.number}", *(ln.prefix + ln.text for ln in article_lines(art, lang))])


@dataclass(frozen=True)
class DiffLine:
    prefix: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(tag != EQUAL for tag, _ in self.segments)


@dataclass
class ArticleDiff:
    number: str
    kind: str  # "changed" | "inserted" | "repealed"
    before: Article | None
    after: Article | None
    lines: list[DiffLine] = field(default_factory=list)


def diff_lines(before: list[Line], after: list[Line]) -> list[DiffLine]:
    matcher = difflib.SequenceMatcher(None, [x.text for x in before], [x.text for x in after], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(DiffLine(after[j].prefix, ((EQUAL, after[j].text),)) for j in range(j1, j2))
            continue
        olds, news = before[i1:i2], after[j1:j2]
        paired = min(len(olds), len(news))
        # Lines replaced one for one are compared word by word; the rest are wholly new or gone.
        for old, new in zip(olds[:paired], news[:paired]):
            out.append(DiffLine(new.prefix, tuple(word_diff(old.text, new.text))))
        out.extend(DiffLine(old.prefix, ((DELETE, old.text),)) for old in olds[paired:])
        out.extend(DiffLine(new.prefix, ((INSERT, new.text),)) for new in news[paired:])
    return out


def compare(before: Instrument, after: Instrument, lang: str) -> list[ArticleDiff]:
    """The articles that differ between two versions, in article-number order."""
    old = {a.number: a for a in before.articles}
    new = {a.number: a for a in after.articles}
    out = []
    for number in sorted(set(old) | set(new), key=article_key):
        a, b = old.get(number), new.get(number)
        if a is not None and b is not None and a == b:
            continue
        kind = "inserted" if a is None else "repealed" if b is None else "changed"
        lines = diff_lines(article_lines(a, lang) if a else [], article_lines(b, lang) if b else [])
        out.append(ArticleDiff(number, kind, a, b, lines))
    return out


def counts(diffs: list[ArticleDiff]) -> dict[str, int]:
    out = {"changed": 0, "inserted": 0, "repealed": 0}
    for d in diffs:
        out[d.kind] += 1
    return out


def summary(diffs: list[ArticleDiff]) -> str:
    c = counts(diffs)
    return (f"{c['changed']} article{'' if c['changed'] == 1 else 's'} changed, "
            f"{c['inserted']} inserted, {c['repealed']} repealed")
