"""Final clauses from their words: an article's text in, the clause data of models.py out.

Pure: no files, no printing. `read_article(paragraphs, lang)` reads one article (English or Russian)
and returns a `Reading`: the clauses it read (entry into force, later parties, provisional
application, accession, withdrawal, duration, authorities), each with the words it was read from and
the words of each value, and the refusals: what looked like a clause but was not read, and why.

It reads a closed set of wordings (docs/clauses.md) and refuses anything else: two different
counts or periods, a period without a unit, an ordinal beyond its tables, entry into force for a
class of states it cannot name, a language it does not read. A wrong clause is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from ..models import Accession, Authorities, Delay, FixedDuration, General, Later, Provisional, Withdrawal
from . import clause_words as w
from .clause_patterns import (
    ACCEDING, ALL, AUTHORITIES, AUTOMATIC, CHANGES, COUNT_ENDS,
    DELAYS, EIF_VERB, FIXED, INDEFINITE, INSTRUMENT, LAST,
    LATER, NOUN_AFTER, NO_UNIT, NUMBER_WORDS, ORDINAL, OTHER_CONSENT,
    OTHER_LETTERS, PERIOD_HINT, PROVISIONAL_VERB, RENEW, RENEW_VERB, RESTRICTED, may_state,
    SAME_DAY, SENTENCE_END, SIGNATURE, STATES_COUNT, TYPE_WORDS, WITHDRAW,
    WITHIN,
)

KINDS = ("general", "later", "provisional", "accession", "withdrawal", "duration", "authorities")
LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Words:
    """Words of the article: paragraph (0-based, in the order given) and the span in its text."""

    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Clause:
    kind: str  # one of KINDS
    data: object  # General | Later | Provisional | Accession | Withdrawal | FixedDuration | "indefinite" | Authorities
    words: Words  # the sentence it was read from
    fields: tuple[tuple[str, Words], ...] = ()  # the words of each value read: ("count", ...), ("delay", ...)

    def field(self, name: str) -> Words | None:
        return dict(self.fields).get(name)


@dataclass(frozen=True)
class Refusal:
    kind: str  # the clause it concerns, or "" when the whole article is refused
    reason: str
    words: Words | None = None


@dataclass(frozen=True)
class Reading:
    clauses: tuple[Clause, ...] = ()
    refusals: tuple[Refusal, ...] = ()

    def of(self, kind: str) -> Clause | None:
        for c in self.clauses:
            if c.kind == kind:
                return c
        return None


# ---- numbers and periods ---------------------------------------------------------------------

class _Refuse(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _number(lang: str, words: str | None, digits: str | None, bare: str | None) -> int:
    if bare is not None:
        return int(bare)
    n = w.en_value(words) if lang == "en" else w.ru_value(words)
    if digits is not None and int(digits) != n:
        raise _Refuse(f"the words and the figures of a number differ: '{words} ({digits})'")
    return n


def _comb(value: str) -> int:
    return int(value[:-1]) if value.endswith("-") else w.RU_COMBINING[value]


@dataclass(frozen=True)
class _Period:
    delay: Delay
    align: str | None
    start: int
    end: int


def _make_delay(n: int, unit: str) -> Delay:
    limits = {"days": 100000, "months": 12000, "years": 1000}
    if n > limits[unit]:
        raise _Refuse(f"a period of {n} {unit} is beyond the calendar")
    return Delay(**{unit: n})


def _periods(lang: str, text: str) -> list[_Period]:
    """Every period the folded text states, left to right, overlapping matches dropped."""
    out: list[_Period] = []
    for kind, pattern in DELAYS[lang]:
        for m in pattern.finditer(text):
            if any(m.start() < p.end and p.start < m.end() for p in out):
                continue
            g = m.groups()
            if kind == "align":
                if lang == "ru" and g[0]:
                    delay = _make_delay(_comb(g[0]), "months")
                else:
                    rest = g[1:] if lang == "ru" else g
                    q = next(rest[i:i + 4] for i in range(0, len(rest), 4) if rest[i + 3] is not None)
                    delay = _make_delay(_number(lang, *q[:3]), w.unit_of(q[3]))
                out.append(_Period(delay, "first-of-next-month", m.start(), m.end()))
            elif kind == "ordinal-day":
                n = w.en_value(g[0]) if lang == "en" else w.ru_value(g[0])
                out.append(_Period(_make_delay(n, "days"), None, m.start(), m.end()))
            elif kind == "number":
                out.append(_Period(_make_delay(_number(lang, *g[0:3]), w.unit_of(g[3])), None, m.start(), m.end()))
            else:
                unit = {"дневн": "days", "месячн": "months", "летн": "years"}[g[1]]
                out.append(_Period(_make_delay(_comb(g[0]), unit), None, m.start(), m.end()))
    return sorted(out, key=lambda p: p.start)


def _one_period(lang: str, text: str, *, same_day: bool) -> _Period | None:
    if w.NOT_CALENDAR.search(text):
        raise _Refuse("a period in working days, not calendar days")
    found = _periods(lang, text)
    values = {(p.delay, p.align) for p in found}
    if len(values) > 1:
        raise _Refuse("two different periods: " + " and ".join(f"'{text[p.start:p.end]}'" for p in found))
    if found:
        return found[0]
    bare = NO_UNIT[lang].search(text)
    if bare:
        raise _Refuse(f"a period with no unit: '{bare.group(0)}'")
    if same_day:
        # The count's own ordinal ("двадцать пятого", "3-го") is not a period.
        masked = ORDINAL[lang].sub(lambda m: " " * len(m.group()), text)
        hint = PERIOD_HINT[lang].search(masked)
        if hint:
            near = text[max(0, hint.start() - 20):hint.end() + 20].strip()
            raise _Refuse(f"a period the reader does not read: '{near}'")
        m = SAME_DAY[lang].search(text)
        if m:
            return _Period(Delay(days=0), None, m.start(), m.end())
    return None


# ---- the clauses -----------------------------------------------------------------------------

class _Sentence:
    def __init__(self, paragraph: int, offset: int, original: str):
        self.paragraph, self.offset, self.original = paragraph, offset, original
        self.text = w.fold(original)

    def words(self, start: int = 0, end: int | None = None) -> Words:
        end = len(self.original) if end is None else end
        raw = self.original[start:end]
        lead = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        return Words(self.paragraph, self.offset + start + lead, self.offset + start + lead + len(raw), raw)


def _count(lang: str, s: _Sentence, lo: int, hi: int):
    """(count, its span, instruments or None, their span) read in s.text[lo:hi]."""
    text = s.text
    found = []
    for pattern, is_last in ((ORDINAL[lang], False), (LAST[lang], True)):
        for m in pattern.finditer(text, lo, hi):
            noun = NOUN_AFTER[lang].match(text, m.end(), hi)
            if noun is None:
                continue
            if not is_last and NUMBER_WORDS.search(text[max(lo, m.start() - 12):m.start()]):
                before = " ".join(s.original[lo:m.start()].split()[-2:])
                raise _Refuse(f"an ordinal beyond those the reader knows: "
                              f"'{before} {s.original[m.start():noun.end()]}'")
            value = "all" if is_last else (w.en_value(m.group(1)) if lang == "en" else w.ru_value(m.group(1)))
            found.append((value, m.start(), noun))
    if lang == "en":
        for m in STATES_COUNT.finditer(text, lo, hi):
            if not COUNT_ENDS.match(text, m.end(), hi):
                raise _Refuse(f"a count with a further condition (which states, or what they represent): "
                              f"'{s.original[m.start():hi].strip()[:100]}'")
            found.append((_number(lang, *m.groups()), m.start(), None))
    for m in ALL[lang].finditer(text, lo, hi):
        found.append(("all", m.start(), None))
    values = {v for v, _, _ in found}
    # "the third and the fifth notification": an ordinal with no noun of its own still names a count.
    for m in ORDINAL[lang].finditer(text, lo, hi):
        if not re.match(r" (?:calendar |календарн\w+ )?(?:day|день|дня)\b", text[m.end():hi]):
            values.add(w.en_value(m.group(1)) if lang == "en" else w.ru_value(m.group(1)))
    if len(values) > 1:
        raise _Refuse(f"two different counts ({' and '.join(sorted(map(str, values)))}): "
                      f"'{s.original[lo:hi].strip()}'")
    if not found:
        noun = INSTRUMENT[lang].search(text, lo, hi)
        if noun:
            before = s.original[lo:noun.end()].split()[-4:]
            raise _Refuse(f"the count is not read: '{' '.join(before)}'")
        raise _Refuse("no count of instruments is read")
    value, start, noun = found[0]
    end = noun.end() if noun else start + len(text[start:hi].split(" have ")[0])
    instruments, types_span = None, None
    if noun is not None:
        head = noun.group(1)
        if "ратификационн" in noun.group(0) or head.startswith("грамот"):
            instruments, types_span = ["ratification"], noun.span(0)
        elif head.startswith(("notification", "notice", "уведомлени")):
            instruments, types_span = ["notification"], noun.span(1)
        elif head.startswith(("ratification", "ратификационн")):
            instruments, types_span = ["ratification"], noun.span(1)
        else:
            listed = re.match(r" (?:of|on|о|об) ((?:\w+)(?:(?:, | or | and | или | и |/)\w+)*)", text[noun.end():hi])
            if listed:
                names = re.split(r", | or | and | или | и |/", listed.group(1))
                types = [t for t, p in TYPE_WORDS.items() if any(p.match(n) for n in names)]
                if types and len(types) == len(names):
                    instruments = types
                    types_span = (noun.start(1), noun.end() + listed.end())
    return value, (start, end), instruments, types_span


def _delay_span(s: _Sentence, p: _Period) -> Words:
    after = re.match(r" (?:after|from|following|in advance|before|после|с|со|от|до)(?!\w)", s.text[p.end:])
    return s.words(p.start, p.end + (after.end() if after else 0))


def _entry(lang: str, s: _Sentence, verb: re.Match, head: int, tail_end: int, out: list, refused: list) -> None:
    """One verb of entry into force or provisional application: its subject in s.text[head:verb], its
    terms up to tail_end (the next such verb, or the end of the sentence)."""
    prefix = s.text[head:verb.start()]
    lo, hi = verb.end(), tail_end
    provisional = verb.re is PROVISIONAL_VERB[lang]
    acc, later = ACCEDING[lang].search(prefix), LATER[lang].search(prefix)
    if provisional:
        kind = "provisional"
    elif acc and (later or OTHER_CONSENT[lang].search(prefix)):
        kind = "later"
    elif acc:
        kind = "accession"
    elif later:
        kind = "later"
    elif RESTRICTED[lang].search(prefix) or RESTRICTED[lang].search(s.text[:verb.start()]):
        refused.append(Refusal("", "entry into force for some states only, which the reader cannot name: "
                                   f"'{s.original[:verb.end()].strip()}'", s.words()))
        return
    else:
        kind = "general"
    try:
        if provisional and (not SIGNATURE.search(s.text, lo, hi) or RESTRICTED[lang].search(prefix)):
            raise _Refuse("provisional application from something other than signature")
        period = _one_period(lang, s.text[lo:hi], same_day=True)
        if period is None:
            raise _Refuse("no period is read (the same day or after a number of days, months or years)")
        period = _Period(period.delay, period.align, period.start + lo, period.end + lo)
        fields = [("delay", _delay_span(s, period))]
        if period.align:
            fields.append(("align", _delay_span(s, period)))
        if kind == "general":
            value, (cs, ce), instruments, tspan = _count(lang, s, lo, hi)
            fields.append(("count", s.words(cs, ce)))
            extra = {}
            if instruments is not None:
                extra["instruments"] = instruments
                fields.append(("instruments", s.words(*tspan)))
            data = General(count=value, delay=period.delay, align=period.align, **extra)
        elif kind == "later":
            data = Later(delay=period.delay, align=period.align)
        elif kind == "accession":
            data = Accession(delay=period.delay, align=period.align)
        else:
            if period.align:
                raise _Refuse("provisional application from the first day of a month")
            data = Provisional(**{"from": "signature", "delay": period.delay})
        out.append(Clause(kind, data, s.words(), tuple(fields)))
    except _Refuse as exc:
        refused.append(Refusal(kind, exc.reason, s.words()))
    except ValidationError:  # "the 0th notification": words the clause data cannot hold
        refused.append(Refusal(kind, "a number the clause data cannot hold (a count or period of 0?)", s.words()))


def _duration(lang: str, s: _Sentence, out: list, refused: list) -> list[tuple[int, int]]:
    """Read a duration in the sentence; return the spans it used."""
    indefinite = INDEFINITE[lang].search(s.text)
    fixed = FIXED[lang].search(s.text)
    if not indefinite and not fixed:
        return []
    try:
        if indefinite and fixed:
            raise _Refuse("both an indefinite and a fixed duration")
        if indefinite:
            out.append(Clause("duration", "indefinite", s.words(), (("duration", s.words(*indefinite.span())),)))
            return [indefinite.span()]
        g = fixed.groups()
        years = _comb(g[3]) if lang == "ru" and g[3] else _number(lang, *g[:3])
        fields = [("years", s.words(*fixed.span()))]
        renew_years = None
        spans = [fixed.span()]
        if RENEW_VERB[lang].search(s.text):
            r = RENEW[lang].search(s.text)
            if r is None or not AUTOMATIC.search(s.text):
                raise _Refuse("a renewal the reader does not read (it reads automatic renewal for N years)")
            rg = r.groups()
            if lang == "ru":
                renew_years = _comb(rg[0]) if rg[0] else _number(lang, *(rg[1:4] if rg[1:4] != (None,) * 3 else rg[4:7]))
            else:
                parts = [rg[i:i + 3] for i in (0, 3, 6) if rg[i:i + 3] != (None,) * 3]
                renew_years = _number(lang, *parts[0])
            fields.append(("renew_years", s.words(*r.span())))
            spans.append(r.span())
        if years > 1000 or (renew_years or 1) > 1000:
            raise _Refuse("a duration beyond the calendar")
        out.append(Clause("duration", FixedDuration(years=years, renew_years=renew_years), s.words(), tuple(fields)))
        return spans
    except (_Refuse, ValidationError) as exc:
        reason = exc.reason if isinstance(exc, _Refuse) else "a duration of 0 years"
        refused.append(Refusal("duration", reason, s.words()))
        return [fixed.span()] if fixed else []


def _withdrawal(lang: str, s: _Sentence, used: list[tuple[int, int]], out: list, refused: list) -> None:
    text = s.text
    for a, b in used:  # the duration's own years are not the notice period
        text = text[:a] + " " * (b - a) + text[b:]
    try:
        period = _one_period(lang, text, same_day=False)
        if period is None:
            return
        if period.align:
            raise _Refuse("withdrawal on the first day of a month: `withdrawal` holds a notice period only")
        out.append(Clause("withdrawal", Withdrawal(notice=period.delay), s.words(),
                          (("notice", _delay_span(s, period)),)))
    except _Refuse as exc:
        refused.append(Refusal("withdrawal", exc.reason, s.words()))


def _authorities(lang: str, s: _Sentence, out: list, refused: list) -> None:
    m = WITHIN[lang].search(s.text)
    if m is None:
        return
    try:
        g = m.groups()
        delay = _make_delay(_number(lang, *g[0:3]), w.unit_of(g[3]))
        out.append(Clause("authorities", Authorities(notify_changes=delay), s.words(),
                          (("notify_changes", s.words(*m.span())),)))
    except _Refuse as exc:
        refused.append(Refusal("authorities", exc.reason, s.words()))


def _sentences(paragraphs: Sequence[str]):
    for i, para in enumerate(paragraphs):
        start = 0
        for m in SENTENCE_END.finditer(para):
            yield _Sentence(i, start, para[start:m.start()])
            start = m.end()
        if para[start:].strip():
            yield _Sentence(i, start, para[start:])


def _read_sentence(lang: str, s: _Sentence, out: list, refused: list) -> None:
    used = _duration(lang, s, out, refused)
    if WITHDRAW[lang].search(s.text):
        _withdrawal(lang, s, used, out, refused)
        return  # "withdrawal takes effect" / «выход вступает в силу» is not the entry into force
    if AUTHORITIES[lang].search(s.text) and CHANGES[lang].search(s.text):
        _authorities(lang, s, out, refused)
    verbs = sorted(list(EIF_VERB[lang].finditer(s.text)) + list(PROVISIONAL_VERB[lang].finditer(s.text)),
                   key=lambda m: m.start())
    for i, verb in enumerate(verbs):
        end = verbs[i + 1].start() if i + 1 < len(verbs) else len(s.text)
        _entry(lang, s, verb, verbs[i - 1].end() if i else 0, end, out, refused)


def read_article(paragraphs: Sequence[str], lang: str) -> Reading:
    """Read the clauses one article states. `paragraphs` are its texts in `lang`, in order."""
    if lang not in LANGUAGES:
        return Reading(refusals=(Refusal("", f"the reader reads English and Russian, not {lang!r}"),))
    joined = " ".join(paragraphs)
    folded = w.fold(joined)
    if lang == "ru" and (other := OTHER_LETTERS.search(folded)):
        return Reading(refusals=(Refusal("", "the text is not Russian (it has letters of another Cyrillic "
                                             f"alphabet: {other.group()!r})"),))
    # isascii() first: it is a flag of the string, and a case-insensitive search scans every character.
    if lang == "en" and not joined.isascii() and _CYRILLIC.search(joined) and not _LATIN.search(joined):
        return Reading(refusals=(Refusal("", "the text said to be English is in Cyrillic"),))
    if not may_state(lang, folded):
        return _NOTHING  # lint reads every article of a file: most state no clause at all
    return _read(paragraphs, lang)


_CYRILLIC, _LATIN = re.compile(r"[а-яё]", re.IGNORECASE), re.compile(r"[a-z]", re.IGNORECASE)
_NOTHING = Reading()


def _read(paragraphs: Sequence[str], lang: str) -> Reading:
    out: list[Clause] = []
    refused: list[Refusal] = []
    for s in _sentences(paragraphs):
        _read_sentence(lang, s, out, refused)
    kept: list[Clause] = []
    for kind in KINDS:
        same = [c for c in out if c.kind == kind]
        if not same or any(r.kind == kind for r in refused):
            continue
        if len({repr(c.data) for c in same}) > 1:
            refused.append(Refusal(kind, "two different wordings: " + " / ".join(f"'{c.words.text}'" for c in same)))
            continue
        kept.append(same[0])
    return Reading(tuple(kept), tuple(refused))


def article_paragraphs(article, lang: str) -> list[str]:
    """The `lang` texts of a models.Article, paragraphs and their list items in reading order."""
    out = []
    for para in article.paragraphs:
        text = para.texts.get(lang)
        if text is not None:
            out.append(text)
        if para.items:
            out += [item[lang] for item in para.items if lang in item]
    return out


def held_paragraphs(article) -> dict[str, list[str]]:
    """`article_paragraphs` of each language the reader reads that the article holds, in LANGUAGES
    order: one pass over the paragraphs for all of them (lint reads every article of a file)."""
    out: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for para in article.paragraphs:
        texts = para.texts
        for lang in LANGUAGES:
            if lang in texts:
                out[lang].append(texts[lang])
            if para.items:
                out[lang] += [item[lang] for item in para.items if lang in item]
    return {lang: paras for lang, paras in out.items() if paras}


def read_held(article, held: dict[str, list[str]] | None = None) -> Reading:
    """Read a models.Article in every language it holds that the reader reads. A clause the languages
    read differently is refused: the reader cannot tell which text to believe. `held`: its
    `held_paragraphs`, when the caller has them already."""
    held = held_paragraphs(article) if held is None else held
    readings = [read_article(paras, lang) for lang, paras in held.items()]
    if len(readings) <= 1:
        return readings[0] if readings else Reading()
    clauses, refusals = [], [x for r in readings for x in r.refusals]
    for kind in KINDS:
        got = [c for r in readings if (c := r.of(kind)) is not None]
        if not got or any(x.kind == kind for x in refusals):
            continue
        # A language that names no instruments ("consent to be bound") agrees with one that does.
        key = (lambda c: repr(c.data.model_copy(update={"instruments": []}))) if kind == "general" and any(
            c.field("instruments") is None for c in got) else (lambda c: repr(c.data))
        got.sort(key=lambda c: c.field("instruments") is None)
        if len({key(c) for c in got}) > 1:
            refusals.append(Refusal(kind, "the languages of the text say different things: "
                                          + " / ".join(f"'{c.words.text}'" for c in got)))
        else:
            clauses.append(got[0])
    return Reading(tuple(clauses), tuple(refusals))
