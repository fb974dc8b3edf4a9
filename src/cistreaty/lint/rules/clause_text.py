"""The clause data against the words of the article it names.

Pure: an Instrument in, findings out. Where the file holds the text of the article a clause names
(`article:`), the clause reader (engine/clause_reader.py) reads it; every value the reader read and
the data states otherwise is a finding at that value, quoting the words. What the reader does not
read, or refuses, gives no finding: the rule never argues from a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import KEY, Finding, Rule

if TYPE_CHECKING:
    from ...models import Delay, Instrument
    from . import Context

RULE = Rule(
    "C116", "clause-text", "Clause data disagrees with the words of the article it names.",
    "Where the file holds the text of the article a clause names (`article:` of `entry_into_force`, "
    "`accession`, `withdrawal`, `authorities`, `duration`; for `duration: indefinite`, the one article that "
    "states a duration), the clause reader reads it, and each value it read that the data states otherwise "
    "is reported at that value, quoting the words: the count, the instruments, the delay and its alignment, "
    "the later-party and provisional rules (also when the words state them and the data does not), the "
    "accession delay, the withdrawal notice, the authorities' notice period, the duration; and an `article:` "
    "that states no such clause when exactly one other article does. Wordings the reader does not read, or "
    "refuses as unsure, give no finding. See docs/clauses.md.",
    passes='entry_into_force:\n  article: "12"\n  general: {count: 3, delay: {days: 30}}\n'
           '# Article 12: "... по истечении 30 дней с даты получения депозитарием третьего уведомления ..."',
    fails='entry_into_force:\n  article: "12"\n  general: {count: 2, delay: {days: 30}}\n'
          '# Article 12: "... по истечении 30 дней с даты получения депозитарием третьего уведомления ..."')
CODE = RULE.code
_DURATION_HINTS = ("indefinite", "unlimited", "period of", " years", "неопредел", "бессроч", "сроком", " лет")


def _delay_loc(base: tuple, data: Delay, read: Delay) -> tuple:
    """The unit of `data` that differs from `read`, else the first unit `data` states, else the delay."""
    given = [u for u in ("years", "months", "days") if u in data.model_fields_set]
    wrong = [u for u in given if getattr(data, u) != getattr(read, u)] or given
    return base + (wrong[0],) if wrong else base


def _says(article: str, words) -> str:
    text = words.text if len(words.text) <= 140 else words.text[:137] + "..."
    return f"Article {article} says '{text}'"


def _compare_delay(article, clause, name, base, data, read, field="delay"):
    if data != read:
        yield (_delay_loc(base, data, read), CODE,
               f"{_says(article, clause.field(field) or clause.words)}; {name} is {data.describe()}")


def _compare_align(article, clause, base, data_align, read_align):
    if data_align != read_align:
        words = clause.field("align") or clause.field("delay") or clause.words
        shown = data_align or "not recorded"
        yield (base + ("align",), CODE, f"{_says(article, words)}; align is {shown}")


def _entry(inst: Instrument, reading, article: str) -> Iterator[Finding]:
    eif = inst.entry_into_force
    base = ("entry_into_force",)
    g = reading.of("general")
    if g is not None:
        data, read = eif.general, g.data
        if data.count is None:
            yield (base + ("general", "condition"), CODE,
                   f"{_says(article, g.field('count'))}; the data has a condition instead of a count")
        elif data.count != read.count:
            yield (base + ("general", "count"), CODE,
                   f"{_says(article, g.field('count'))}; count is {data.count}")
        # Left out, `instruments` is the default list, which holds every instrument a clause names.
        if (g.field("instruments") is not None and "instruments" in data.model_fields_set
                and set(data.instruments) != set(read.instruments)):
            extra = [i for i, t in enumerate(data.instruments) if t not in read.instruments]
            yield (base + ("general", "instruments") + tuple(extra[:1]), CODE,
                   f"{_says(article, g.field('instruments'))}; instruments are {', '.join(data.instruments)}")
        yield from _compare_delay(article, g, "delay", base + ("general", "delay"), data.delay, read.delay)
        yield from _compare_align(article, g, base + ("general",), data.align, read.align)
    later = reading.of("later")
    if later is not None:
        if eif.later is None:
            yield (base + (KEY,), CODE, f"{_says(article, later.words)}; `later` is not recorded")
        else:
            yield from _compare_delay(article, later, "later delay", base + ("later", "delay"),
                                      eif.later.delay, later.data.delay)
            yield from _compare_align(article, later, base + ("later",), eif.later.align, later.data.align)
    prov = reading.of("provisional")
    if prov is not None:
        if eif.provisional is None:
            yield (base + (KEY,), CODE, f"{_says(article, prov.words)}; `provisional` is not recorded")
        else:
            yield from _compare_delay(article, prov, "provisional delay", base + ("provisional", "delay"),
                                      eif.provisional.delay, prov.data.delay)


def _duration(inst: Instrument, articles: dict, reading) -> Iterator[Finding]:
    dur = inst.duration
    named = dur.article if _fixed(dur) else None
    if named is not None:
        candidates = [named] if named in articles else []
    else:  # `duration: indefinite` names no article: the one article that states a duration, if any
        candidates = [n for n in articles if reading.may_state_duration(n)]
    found = [(n, c) for n in candidates if (c := reading(n).of("duration"))]
    if len(found) != 1:
        return
    article, clause = found[0]
    read = clause.data
    if read == "indefinite":
        if dur != "indefinite":
            yield (("duration", "years"), CODE, f"{_says(article, clause.field('duration'))}; "
                                                f"duration is {dur.years} years")
        return
    if dur == "indefinite":
        yield (("duration",), CODE, f"{_says(article, clause.field('years'))}; duration is indefinite")
        return
    if dur.years != read.years:
        yield (("duration", "years"), CODE, f"{_says(article, clause.field('years'))}; years is {dur.years}")
    if dur.renew_years != read.renew_years:
        words = clause.field("renew_years") or clause.words
        yield (("duration", "renew_years") if dur.renew_years else ("duration",), CODE,
               f"{_says(article, words)}; renew_years is {dur.renew_years or 'not recorded'}")


def _elsewhere(articles: dict, reading, named: str, kind: str, loc: tuple) -> Iterator[Finding]:
    """The named article states no such clause, and exactly one other article does: the wrong article."""
    here = reading(named)
    if here.of(kind) is not None or any(r.kind == kind for r in here.refusals):
        return
    others = [(n, c) for n in articles if n != named and (c := reading(n).of(kind)) is not None]
    if len(others) == 1:
        n, c = others[0]
        yield (loc, CODE, f"Article {named} states no {_NAMES[kind]}; Article {n} says '{c.words.text[:120]}'")


_NAMES = {"general": "entry into force", "accession": "accession rule", "withdrawal": "withdrawal notice",
          "authorities": "notice period for the authorized bodies", "duration": "duration"}


class _Readings:
    """The clause reader's reading of each article of one instrument, each read at most once."""

    def __init__(self, articles: dict, reader):
        self.articles, self.reader = articles, reader
        self.held: dict[str, dict] = {}
        self.read: dict[str, object] = {}

    def __call__(self, number: str):
        if number not in self.read:
            self.read[number] = self.reader.read_held(self.articles[number], self._held(number))
        return self.read[number]

    def _held(self, number: str) -> dict:
        if number not in self.held:
            self.held[number] = self.reader.held_paragraphs(self.articles[number])
        return self.held[number]

    def may_state_duration(self, number: str) -> bool:
        """Whether the article has words of a duration. An article already read without finding
        one cannot count, whatever its words: reading it is what the caller would do next."""
        known = self.read.get(number)
        if known is not None and known.of("duration") is None:
            return False
        # Joined by a character no hint holds, so that no hint is found across two paragraphs.
        low = "\0".join(t for paras in self._held(number).values() for t in paras).lower()
        return any(h in low for h in _DURATION_HINTS)


def _fixed(duration) -> bool:
    return duration is not None and duration != "indefinite"


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.text == "not-held" or not inst.articles:
        return
    # Imported here, not at the top: the clause reader builds pydantic models, and the registry
    # imports every rule module for its metadata, which a fully cached lint run reads without
    # loading the models (as in amendments.py).
    from ...engine import clause_reader
    articles = {a.number: a for a in inst.articles}
    reading = _Readings(articles, clause_reader)

    eif = inst.entry_into_force
    if eif is not None and eif.article in articles:
        yield from _entry(inst, reading(eif.article), eif.article)
        yield from _elsewhere(articles, reading, eif.article, "general", ("entry_into_force", "article"))
    for name in ("accession", "withdrawal", "authorities"):
        clause = getattr(inst, name)
        if clause is not None and clause.article in articles:
            yield from _elsewhere(articles, reading, clause.article, name, (name, "article"))
    if _fixed(inst.duration) and inst.duration.article in articles:
        yield from _elsewhere(articles, reading, inst.duration.article, "duration", ("duration", "article"))
    acc = inst.accession
    if acc is not None and acc.article in articles and (c := reading(acc.article).of("accession")):
        yield from _compare_delay(acc.article, c, "delay", ("accession", "delay"), acc.delay, c.data.delay)
        yield from _compare_align(acc.article, c, ("accession",), acc.align, c.data.align)
    wd = inst.withdrawal
    if wd is not None and wd.article in articles and (c := reading(wd.article).of("withdrawal")):
        yield from _compare_delay(wd.article, c, "notice", ("withdrawal", "notice"), wd.notice, c.data.notice,
                                  field="notice")
    auth = inst.authorities
    if auth is not None and auth.article in articles and (c := reading(auth.article).of("authorities")):
        yield from _compare_delay(auth.article, c, "notify_changes", ("authorities", "notify_changes"),
                                  auth.notify_changes, c.data.notify_changes, field="notify_changes")
    if inst.duration is not None:
        yield from _duration(inst, articles, reading)
