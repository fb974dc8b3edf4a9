"""The words a computed date comes from, for `status --explain`.

Pure. `words_of(inst)` reads, with the clause reader, each clause's article when the file holds its
text, and keeps the sentence only where what the reader read is the data the engine computed with
(where they disagree, lint C116 says so, and quoting words the date does not follow would mislead).
`add_quotes(inst, res)` puts "Article 12 says: '...'" after each explanation line that applies a clause.
"""

from __future__ import annotations

from . import clause_reader
from ..models import FixedDuration, Instrument


def _same_general(read, data) -> bool:
    return (read.count == data.count and read.delay == data.delay and read.align == data.align)


def words_of(inst: Instrument) -> dict[str, tuple[str, str]]:
    """kind -> (article number, sentence) for every clause whose words agree with its data."""
    if inst.text == "not-held" or not inst.articles:
        return {}
    articles = {a.number: a for a in inst.articles}
    out: dict[str, tuple[str, str]] = {}

    def read(number):
        return clause_reader.read_held(articles[number]) if number in articles else clause_reader.Reading()

    eif = inst.entry_into_force
    if eif is not None and eif.article:
        r = read(eif.article)
        checks = {
            "general": lambda c: _same_general(c.data, eif.general),
            "later": lambda c: eif.later is not None and (c.data.delay, c.data.align) == (eif.later.delay, eif.later.align),
            "provisional": lambda c: eif.provisional is not None and c.data.delay == eif.provisional.delay,
        }
        for kind, agrees in checks.items():
            c = r.of(kind)
            if c is not None and agrees(c):
                out[kind] = (eif.article, c.words.text)
    acc = inst.accession
    if acc is not None and acc.article and (c := read(acc.article).of("accession")):
        if (c.data.delay, c.data.align) == (acc.delay, acc.align):
            out["accession"] = (acc.article, c.words.text)
    wd = inst.withdrawal
    if wd is not None and wd.article and (c := read(wd.article).of("withdrawal")) and c.data.notice == wd.notice:
        out["withdrawal"] = (wd.article, c.words.text)
    dur = inst.duration
    if isinstance(dur, FixedDuration) and dur.article and (c := read(dur.article).of("duration")):
        if c.data == FixedDuration(years=dur.years, renew_years=dur.renew_years):
            out["duration"] = (dur.article, c.words.text)
    return out


def _quote(found: tuple[str, str]) -> str:
    article, text = found
    return f"Article {article} says: \"{text}\""


def _after(lines: list[str], test, quote: str) -> list[str]:
    out = []
    for line in lines:
        out.append(line)
        if test(line):
            out.append(quote)
    return out


def add_quotes(inst: Instrument, res) -> None:
    """Insert the quotes into res.explain and each party's explain (an InstrumentStatus from compute_status)."""
    found = words_of(inst)
    if not found:
        return
    clause = res.clause
    if "general" in found and res.explain and res.explain[0].startswith(f"{clause}: enters into force"):
        res.explain.insert(1, _quote(found["general"]))
    if "duration" in found:
        res.explain = _after(res.explain, lambda x: x.startswith(f"Article {found['duration'][0]}: ")
                             and " years from " in x, _quote(found["duration"]))
    tests = []
    if "later" in found:
        tests.append((lambda x: f": {clause}, later parties: " in x, _quote(found["later"])))
    if "accession" in found:
        marker = f": Article {found['accession'][0]}: "
        tests.append((lambda x, m=marker: " accession received " in x and m in x, _quote(found["accession"])))
    if "provisional" in found:
        tests.append((lambda x: x.startswith("provisional application from signature: "), _quote(found["provisional"])))
    if "withdrawal" in found:
        marker = f": Article {found['withdrawal'][0]}: "
        tests.append((lambda x, m=marker: " withdrawal received " in x and m in x, _quote(found["withdrawal"])))
    for p in res.parties:
        for test, quote in tests:
            p.explain = _after(p.explain, test, quote)
