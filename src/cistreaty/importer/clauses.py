"""The final clauses of an imported text as instrument-file YAML, read by the clause reader.

Pure: a `Parsed` in, a `Drafted` out: the YAML lines of every clause read (each with `article:` and a
comment quoting the words it was read from), TODO comments for the clauses the text states but the
reader did not read, and a note per clause (read, or not read and why) for `import` to print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..engine.clause_reader import Clause, Reading, read_article
from ..models import Delay, FixedDuration
from .yamltext import comment, q
from .parse import Art, Parsed

NAMES = ("entry_into_force", "accession", "withdrawal", "duration", "authorities")
# The paragraphs that speak of each clause, read or not: they are quoted in the TODO comments.
MENTIONS = {
    "entry_into_force": re.compile(r"enter(?:s|ed)?\s+into\s+force|вступ\w*\s+в\s+силу|provisional"
                                   r"|временно\w*\s+примен|временного\s+применения", re.IGNORECASE),
    "accession": re.compile(r"\baccession\b|\baccede|присоедин", re.IGNORECASE),
    "withdrawal": re.compile(r"\bwithdraw|\bdenounc|выйти\s+из|выход\w*\s+из|денонс", re.IGNORECASE),
    "duration": re.compile(r"indefinite\s+period|unlimited\s+period|for\s+a\s+period\s+of|бессрочн"
                           r"|неопредел[её]нный\s+срок|сроком\s+на|в\s+течение\s+\d+\s+лет", re.IGNORECASE),
    # Changes to the list of authorized bodies, not their definition.
    "authorities": re.compile(r"^(?=.*(?:authori[sz]ed\s+bodies|competent\s+authorities|уполномоченн\w+\s+орган))"
                              r"(?=.*(?:\bchang|изменени))", re.IGNORECASE | re.DOTALL),
}
# The reader's kinds that make up each clause of the file.
KINDS = {"entry_into_force": ("general",), "accession": ("accession",), "withdrawal": ("withdrawal",),
         "duration": ("duration",), "authorities": ("authorities",)}


@dataclass(frozen=True)
class Note:
    line: int
    kind: str  # "note": read; "warning": stated in the text but not read
    text: str


@dataclass
class Drafted:
    lines: dict[str, list[str]] = field(default_factory=dict)  # clause name -> its YAML (or TODO) lines
    notes: list[Note] = field(default_factory=list)


def _texts(art: Art) -> list[str]:
    return [x for para in art.paragraphs for x in [para.text] + [i.text for i in para.items]]


def _lines_of(art: Art) -> list[int]:
    return [x for para in art.paragraphs for x in [para.line] + [i.line for i in para.items]]


def _delay(d: Delay, indent: str) -> list[str]:
    units = [(u, getattr(d, u)) for u in ("years", "months", "days") if getattr(d, u)] or [("days", 0)]
    return [f"{indent}{u}: {n}" for u, n in units]


def _quote(art: Art, clauses: list[Clause]) -> list[str]:
    said = list(dict.fromkeys(c.words.text for c in clauses))
    return [f"# Article {comment(art.number)}, read by `cistreaty import` (check it): {comment(q(t))}" for t in said]


def _general_yaml(art: Art, reading: Reading, notes: list[Note], line: int) -> list[str]:
    g = reading.of("general")
    data = g.data
    used = [g]
    out = ["entry_into_force:", f"  article: {q(art.number)}", "  general:", f"    count: {data.count if data.count == 'all' else int(data.count)}"]
    if g.field("instruments") is not None:
        out += ["    instruments:"] + [f"      - {t}" for t in data.instruments]
    out += ["    delay:"] + _delay(data.delay, "      ")
    if data.align:
        out.append(f"    align: {data.align}")
    which = ", ".join(data.instruments) if g.field("instruments") is not None else "instruments"
    summary = [f"count {data.count} ({which}), delay {data.delay.describe()}"
               + (", then the first day of the next month" if data.align else "")]
    later = reading.of("later")
    if later is not None:
        used.append(later)
        out += ["  later:", "    delay:"] + _delay(later.data.delay, "      ")
        if later.data.align:
            out.append(f"    align: {later.data.align}")
        summary.append(f"later parties {later.data.delay.describe()}")
    prov = reading.of("provisional")
    if prov is not None:
        used.append(prov)
        out += ["  provisional:", "    from: signature", "    delay:"] + _delay(prov.data.delay, "      ")
        summary.append(f"provisional application {prov.data.delay.describe()} from signature")
    notes.append(Note(line, "note", f"entry_into_force read from Article {art.number}: {', '.join(summary)}"))
    return _quote(art, used) + out


def _clause_yaml(name: str, art: Art, c: Clause) -> tuple[list[str], str]:
    d = c.data
    if name == "accession":
        body = ["  delay:"] + _delay(d.delay, "    ") + ([f"  align: {d.align}"] if d.align else [])
        return [f"{name}:", f"  article: {q(art.number)}"] + body, d.delay.describe()
    if name == "withdrawal":
        return [f"{name}:", f"  article: {q(art.number)}", "  notice:"] + _delay(d.notice, "    "), \
            f"notice {d.notice.describe()}"
    if name == "authorities":
        return [f"{name}:", f"  article: {q(art.number)}", "  notify_changes:"] + _delay(d.notify_changes, "    "), \
            f"changes notified within {d.notify_changes.describe()}"
    if d == "indefinite":  # the model's `indefinite` carries no article: the comment names it
        return ["duration: indefinite"], "indefinite"
    assert isinstance(d, FixedDuration)
    out = [f"{name}:", f"  article: {q(art.number)}", f"  years: {d.years}"]
    if d.renew_years:
        out.append(f"  renew_years: {d.renew_years}")
    return out, f"{d.years} years" + (f", renewed for {d.renew_years} years at a time" if d.renew_years else "")


def _todo(name: str, mentions: list[tuple[Art, str]], why: list[str]) -> list[str]:
    if not mentions:
        if name == "entry_into_force":
            return [f"# TODO: {name}: no clause on entry into force recognised in the text."]
        return []
    numbers = ", ".join(dict.fromkeys(a.number for a, _ in mentions))
    lines = [f"# TODO: {name}: write Article {comment(numbers)} as data (see docs/format.md)."]
    lines += [f"# Not read: {comment(r)}." for r in dict.fromkeys(why)]
    lines.append("# The text says:")
    lines += [f"#   Article {comment(a.number)}: {comment(q(t))}" for a, t in mentions]
    return lines


def draft(p: Parsed) -> Drafted:
    out = Drafted()
    readings = [(art, read_article(_texts(art), p.lang)) for art in p.articles]
    for name in NAMES:
        kinds = KINDS[name]
        mentions = [(art, t) for art in p.articles for t in _texts(art) if MENTIONS[name].search(t)]
        found = [(art, r, r.of(kinds[0])) for art, r in readings if r.of(kinds[0]) is not None]
        why = [f"Article {art.number}: {x.reason}" for art, r in readings for x in r.refusals
               if x.kind in kinds or (x.kind == "" and any(m is art for m, _ in mentions))]
        first_line = {art.number: (_lines_of(art) or [art.line])[0] for art in p.articles}
        if len(found) > 1 and len({repr(c.data) for _, _, c in found}) > 1:
            why.append("two articles state it differently: "
                       + " and ".join(f"Article {a.number}" for a, _, _ in found))
            found = []
        if not found:
            out.lines[name] = _todo(name, mentions, why)
            if mentions:
                art = mentions[0][0]
                reason = "; ".join(dict.fromkeys(why)) or "no wording the reader knows"
                out.notes.append(Note(first_line[art.number], "warning",
                                      f"{name} not read (left as a TODO): {reason}"))
            continue
        art, reading, clause = found[0]
        line = _lines_of(art)[clause.words.paragraph]
        if name == "entry_into_force":
            out.lines[name] = _general_yaml(art, reading, out.notes, line)
            elsewhere = [(a, r.of("provisional")) for a, r in readings if a is not art and r.of("provisional")]
            for a, c in elsewhere:
                out.lines[name].append(f"# TODO: provisional application is stated in Article {comment(a.number)},"
                                       f" apart from Article {comment(art.number)}: {comment(q(c.words.text))}")
                out.notes.append(Note(_lines_of(a)[c.words.paragraph], "warning",
                                      f"provisional application in Article {a.number} not recorded (left as a TODO): "
                                      f"it is apart from the entry-into-force Article {art.number}"))
            continue
        yaml_lines, summary = _clause_yaml(name, art, clause)
        out.lines[name] = _quote(art, [clause]) + yaml_lines
        out.notes.append(Note(line, "note", f"{name} read from Article {art.number}: {summary}"))
    out.notes.sort(key=lambda n: (n.line, n.text))
    return out
