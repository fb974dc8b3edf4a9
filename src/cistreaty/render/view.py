"""What every format shows, decided once: language, articles, metadata, signatures, status line.

The format modules only lay out a `View`; every choice about content (which language, which
articles, what the metadata says) is made here so that md, html and txt cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..textsafe import printable
from .. import countries
from ..models import Instrument, Paragraph
from . import status_section, summary
from .labels import article_label, language_name

# (lang, text) pairs in column order: one pair for a single language, several for --lang all.
Texts = tuple[tuple[str, str], ...]


class RenderError(Exception):
    """A request the instrument cannot satisfy (language or article it does not hold)."""


@dataclass(frozen=True)
class Options:
    as_of: dt.date
    lang: str | None = None  # a code, "all", or None for the default language
    articles: str | None = None  # "1,3-5"
    party: str | None = None
    # Amendment notes per article number, shown under the article (from consolidation).
    notes: Mapping[str, Sequence[str]] | None = None
    # A corpus render asks for a language as a preference: instruments without it use their default.
    lang_preference: bool = False
    # Protocols amending the instrument that are not in force on the date (for the party): the
    # consolidated text does not include them, and says so.
    pending: Sequence[Instrument] = ()


@dataclass(frozen=True)
class Para:
    texts: Texts
    items: tuple[Texts, ...]


@dataclass(frozen=True)
class ArticleView:
    number: str
    anchor: str
    label: str
    heading: Texts
    paragraphs: tuple[Para, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class View:
    instrument: Instrument
    id: str
    langs: tuple[str, ...]
    page_lang: str
    title: str
    title_lang: str
    meta: tuple[tuple[str, str], ...]
    notice: str | None
    preamble: tuple[Para, ...]
    articles: tuple[ArticleView, ...]
    closing: Texts
    signatures: tuple[str, ...]
    notes: tuple[str, ...]
    status: object
    status_summary: str
    selected: tuple[str, ...] | None
    # The "Status" section (render/status_section.py): per-party table and the notes' full texts.
    status_section: object = None
    # (id, relation) of the instruments this one cites: links to their pages (`related` in the file).
    related: tuple[tuple[str, str], ...] = ()
    # (id, status line) of the protocols a consolidated text does not include (Options.pending).
    not_applied: tuple[tuple[str, str], ...] = ()

    @property
    def side_by_side(self) -> bool:
        return len(self.langs) > 1


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def text_languages(inst: Instrument) -> list[str]:
    """The languages the body text is actually held in, declared ones first."""
    found: set[str] = set()

    def add_para(p: Paragraph) -> None:
        found.update(p.texts)
        for item in p.items or ():
            found.update(item)

    for p in inst.preamble:
        add_para(p)
    for art in inst.articles:
        found.update(art.heading or {})
        for p in art.paragraphs:
            add_para(p)
    found.update(inst.closing or {})
    declared = list(inst.languages.text_languages) + list(inst.languages.authentic) if inst.languages else []
    ordered = [c for c in dict.fromkeys(declared) if c in found]
    return ordered + sorted(found - set(ordered))


def default_language(inst: Instrument) -> str:
    held = text_languages(inst) or list(inst.title)
    authentic = inst.languages.authentic if inst.languages else []
    for code in authentic:
        if code in held:
            return code
    if "en" in held or not held:
        return "en"
    return held[0]


def choose_languages(inst: Instrument, options: Options) -> tuple[str, ...]:
    held = text_languages(inst)
    wanted = options.lang
    if wanted is None:
        return (default_language(inst),)
    if wanted == "all":
        return tuple(held) or (default_language(inst),)
    if not held and wanted in inst.title:
        return (wanted,)  # text not held: the title is all there is to show
    if wanted in held:
        return (wanted,)
    if options.lang_preference:
        return (default_language(inst),)
    if held:
        raise RenderError(f"{inst.id} does not hold its text in {wanted!r}: "
                          f"the text is held in {', '.join(held)}")
    raise RenderError(f"{inst.id} holds no text in {wanted!r} (its text is not held; "
                      f"the title is in {', '.join(inst.title)})")


def select_articles(inst: Instrument, spec: str | None) -> tuple[str, ...] | None:
    """'1,3-5' -> the article numbers, in document order; a range runs in document order too."""
    if spec is None:
        return None
    numbers = [a.number for a in inst.articles]
    position = {n: i for i, n in enumerate(numbers)}
    chosen: set[int] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            raise RenderError(f"--articles: empty entry in {spec!r}")
        if part in position:
            chosen.add(position[part])
            continue
        ends = [e.strip() for e in part.split("-")] if part.count("-") == 1 else [part]
        for end in ends:
            if end not in position:
                held = ", ".join(numbers) if numbers else "none (its text is not held)"
                raise RenderError(f"{inst.id} has no article {end!r}; its articles are {held}")
        lo, hi = position[ends[0]], position[ends[-1]]
        if lo > hi:
            raise RenderError(f"--articles: range {part!r} runs backwards")
        chosen.update(range(lo, hi + 1))
    return tuple(numbers[i] for i in sorted(chosen))


def _pick(text: Mapping[str, str] | None, langs: Sequence[str], placeholder: bool) -> Texts:
    """The text in each shown language; a missing one is said to be missing, never substituted."""
    if not text:
        return ()
    out = []
    for code in langs:
        if code in text:
            out.append((code, printable(text[code])))
        elif placeholder:
            out.append((code, f"[not held in {language_name(code)}]"))
    return tuple(out)


def _para(p: Paragraph, langs: Sequence[str]) -> Para:
    return Para(_pick(p.texts, langs, True), tuple(_pick(i, langs, True) for i in p.items or ()))


def _title(inst: Instrument, lang: str) -> tuple[str, str]:
    """(language, title): the title may exist in fewer languages than the text."""
    for code in (lang, "en"):
        if code in inst.title:
            return code, printable(inst.title[code], newlines=False)
    code, title = next(iter(inst.title.items()))
    return code, printable(title, newlines=False)


def _signatures(inst: Instrument) -> tuple[str, ...]:
    out = []
    for code, party in inst.parties.items():
        sigs = [e for e in party.events if e.type == "signature"]
        if party.signed is None and not sigs:
            continue
        date = party.signed or next((e.date for e in sigs if e.date), None)
        uncertain = party.signed is None and all(e.uncertain for e in sigs)
        line = f"{countries.name(code)} ({code})"
        if date:
            line += f", {date.isoformat()}"
        out.append(line + (" (uncertain)" if uncertain else ""))
    return tuple(out)


def _meta(inst: Instrument, langs: Sequence[str], options: Options, status, selected,
          pending: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    meta: list[tuple[str, str]] = [("Type", inst.type)]
    if inst.signed and (inst.signed.date or inst.signed.place):
        meta.append(("Signed", ", ".join(x for x in (
            inst.signed.date.isoformat() if inst.signed.date else None, inst.signed.place) if x)))
    if inst.adopted and (inst.adopted.date or inst.adopted.place):
        meta.append(("Adopted", ", ".join(x for x in (
            inst.adopted.date.isoformat() if inst.adopted.date else None, inst.adopted.place) if x)))
    if inst.adopted_by:
        meta.append(("Adopted by", inst.adopted_by))
    if inst.depositary:
        meta.append(("Depositary", inst.depositary))
    if inst.amends:
        meta.append(("Amends", inst.amends))
    authentic = list(inst.languages.authentic) if inst.languages else []
    if authentic:
        meta.append(("Authentic languages", ", ".join(language_name(c) for c in authentic)))
    if inst.text != "not-held" and text_languages(inst):
        shown = ", ".join(language_name(c) for c in langs)
        if authentic and not set(langs) & set(authentic):
            shown += (f" (the text held; the authentic text is in "
                      f"{', '.join(language_name(c) for c in authentic)} and is not held)")
        meta.append(("Text shown", shown))
    meta.extend(_consolidation_meta(inst, options, status, pending))
    meta.append(("Status", f"As of {options.as_of.isoformat()}: {summary.headline(status)}"))
    if options.party:
        meta.append((f"Status for {countries.name(options.party)}",
                     summary.party_summary(status, options.party)))
    if selected is not None:
        meta.append(("Articles shown", ", ".join(selected)))
    if inst.source and inst.source in inst.sources:
        meta.append(("Source of the text", inst.sources[inst.source].title))
    shown_title = _title(inst, langs[0])[0]
    for code, title in inst.title.items():
        if code != shown_title:
            meta.append((f"Title in {language_name(code)}", title))
    meta.append(("Identifier", inst.id))
    # Metadata values quote the file (depositary, place, titles): one line each, nothing hidden.
    return [(key, printable(value, newlines=False)) for key, value in meta]


def _consolidation_meta(inst: Instrument, options: Options, status,
                        pending: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """What a consolidated text is and is not: the protocols applied, whether the instrument itself
    binds the party on that date, and the protocols not yet in force for it."""
    out: list[tuple[str, str]] = []
    day = options.as_of.isoformat()
    name = countries.name(options.party) if options.party else None
    whom = f" for {name}" if name else ""
    if options.notes:
        # Notes mean protocols were applied: the reader must know this is not the text as signed.
        line = f"as in force on {day}{whom}; each changed article says which protocol changed it"
        if options.party and status is not None:
            own = status.party(options.party)
            word = own.status if own is not None else "not a party"
            if word not in ("in-force", "provisional"):
                line += (f". {inst.id} itself is not in force for {name} on {day} ({word}): the text is "
                         f"the one the protocols in force would give, not one that binds {name}")
        elif status is not None and status.in_force is not True:
            line += (f". {inst.id} itself is not known to be in force on {day} "
                     f"({summary.headline(status)})")
        out.append(("Consolidated text", line))
    if pending:
        out.append((f"Not applied: protocols not in force{whom} on {day}",
                    "; ".join(f"{ident} ({word})" for ident, word in pending)))
    return out


def not_applied(options: Options) -> tuple[tuple[str, str], ...]:
    """(id, status line) of each protocol the consolidated text leaves out."""
    out = []
    for proto in options.pending:
        proto_status = summary.compute(proto, options.as_of)
        word = (summary.party_summary(proto_status, options.party) if options.party
                else summary.headline(proto_status))
        out.append((proto.id, word))
    return tuple(out)


def build(inst: Instrument, options: Options) -> View:
    langs = choose_languages(inst, options)
    selected = select_articles(inst, options.articles)
    status = summary.compute(inst, options.as_of)
    notes = options.notes or {}
    label_lang = langs[0] if len(langs) == 1 else "en"
    articles, anchors = [], set()
    for art in inst.articles:
        if selected is not None and art.number not in selected:
            continue
        anchor = "article-" + (slug(art.number) or str(len(anchors) + 1))
        while anchor in anchors:  # duplicate numbers are a lint error, but anchors must stay unique
            anchor += "-x"
        anchors.add(anchor)
        articles.append(ArticleView(
            art.number, anchor, f"{article_label(label_lang)} {art.number}",
            _pick(art.heading, langs, False), tuple(_para(p, langs) for p in art.paragraphs),
            tuple(notes.get(art.number, ()))))
    whole = selected is None
    title_lang, title = _title(inst, langs[0])
    pending = not_applied(options)
    notice = None
    if inst.text == "not-held":
        notice = "The text of this instrument is not held."
    elif inst.text == "partial":
        notice = "Only part of the text of this instrument is held."
    return View(
        instrument=inst, id=inst.id, langs=tuple(langs), page_lang=langs[0],
        title=title, title_lang=title_lang,
        meta=tuple(_meta(inst, langs, options, status, selected, pending)),
        notice=notice,
        preamble=tuple(_para(p, langs) for p in inst.preamble) if whole else (),
        articles=tuple(articles),
        closing=_pick(inst.closing, langs, True) if whole else (),
        signatures=_signatures(inst) if whole else (),
        notes=tuple(inst.notes) if whole else (),
        status=status, status_summary=summary.headline(status),
        selected=selected, status_section=status_section.build(status) if whole else None,
        related=tuple((r.id, printable(r.relation, newlines=False)) for r in inst.related) if whole else (),
        not_applied=pending,
    )
