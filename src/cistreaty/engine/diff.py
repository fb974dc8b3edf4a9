"""Word-level comparison of two versions of an instrument's articles (its formats: render/diffview.py).

Pure: instruments in, records out. Time is bounded: common leading and trailing words are set
aside in one pass, what is left is matched word by word up to MAX_PAIRS token pairs, then sentence
by sentence, and a sentence still too long is shown replaced whole (ArticleDiff.coarse). Tokens are
runs of word characters, single
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


def word_diff(before: str, after: str, coarse: list | None = None) -> list[Segment]:
    """Segments that read as `before` without INSERT and as `after` without DELETE.

    A change is always given as its deletion followed by its insertion; whitespace alone between
    two changes joins them, so that 'a b' -> 'x y' reads [-a b-]{+x y+} rather than four marks.
    """
    # [is_change, deleted, inserted]; `coarse` collects the spans too long to compare word by word.
    runs = [list(r) for r in _runs(tokens(before), tokens(after), [] if coarse is None else coarse)]
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


# Word-level matching costs up to (tokens before) x (tokens after): above this many pairs a
# paragraph is matched sentence by sentence first, and a sentence still above it is shown as
# replaced whole (`coarse`). 2,000 x 2,000 tokens (about 1,000 words each way) stay word by word;
# paragraphs of up to 5,000 x 5,000 sentences are matched sentence by sentence.
MAX_PAIRS = 4_000_000
MAX_SENTENCE_PAIRS = 25_000_000
_SENTENCE_END = frozenset(".;:!?")


def _runs(a: list[str], b: list[str], coarse: list) -> list[tuple[bool, str, str]]:
    """(is_change, old, new) runs between two token lists, in time bounded by MAX_PAIRS."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    head, tail = "".join(a[:start]), "".join(a[len(a) - end:])
    middle = _middle(a[start:len(a) - end], b[start:len(b) - end], coarse)
    out = ([(False, head, head)] if head else []) + middle + ([(False, tail, tail)] if tail else [])
    return out


def _middle(a: list[str], b: list[str], coarse: list) -> list[tuple[bool, str, str]]:
    if not a and not b:
        return []
    if not a or not b:
        return [(True, "".join(a), "".join(b))]
    if len(a) * len(b) <= MAX_PAIRS:
        return _matched(a, b)
    sa, sb = _sentences(a), _sentences(b)
    if len(sa) * len(sb) > MAX_SENTENCE_PAIRS or (len(sa) == 1 and len(sb) == 1):
        coarse.append((len(a), len(b)))
        return [(True, "".join(a), "".join(b))]
    out: list = []
    # autojunk: a sentence repeated more than once in a hundred does not anchor the match, which
    # keeps this pass near linear; each pair of sentences is then matched word by word.
    matcher = difflib.SequenceMatcher(None, [s[1] for s in sa], [s[1] for s in sb], autojunk=True)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            text = "".join(s[1] for s in sa[i1:i2])
            out.append((False, text, text))
            continue
        olds, news = sa[i1:i2], sb[j1:j2]
        paired = min(len(olds), len(news))
        for (old, _), (new, _) in zip(olds[:paired], news[:paired]):
            out += _runs(old, new, coarse)
        rest_old = "".join(s[1] for s in olds[paired:])
        rest_new = "".join(s[1] for s in news[paired:])
        if rest_old or rest_new:
            out.append((True, rest_old, rest_new))
    return out


def _matched(a: list[str], b: list[str]) -> list[tuple[bool, str, str]]:
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        out.append((tag != "equal", old, new))
    return out


def _sentences(toks: list[str]) -> list[tuple[list[str], str]]:
    """(tokens, text) of each sentence: up to and including a . ; : ! or ? and the blank after it."""
    out, current = [], []
    for i, tok in enumerate(toks):
        current.append(tok)
        if tok in _SENTENCE_END and (i + 1 >= len(toks) or toks[i + 1].isspace()):
            continue
        if current and current[-1].isspace() and len(current) > 1 and current[-2] in _SENTENCE_END:
            out.append((current, "".join(current)))
            current = []
    if current:
        out.append((current, "".join(current)))
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
    # Spans shown replaced whole because they exceed MAX_PAIRS even sentence by sentence.
    coarse: int = 0


def diff_lines(before: list[Line], after: list[Line], coarse: list | None = None) -> list[DiffLine]:
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
            out.append(DiffLine(new.prefix, tuple(word_diff(old.text, new.text, coarse))))
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
        coarse: list = []
        lines = diff_lines(article_lines(a, lang) if a else [], article_lines(b, lang) if b else [], coarse)
        out.append(ArticleDiff(number, kind, a, b, lines, len(coarse)))
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
