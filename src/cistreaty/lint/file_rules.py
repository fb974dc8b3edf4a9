"""Semantic rules about one instrument. Pure: an Instrument in, (loc, code, message) findings out.

A loc is a path into the YAML ('parties', 'KG', 'events', 0, 'date') that the position index of the
file resolves to a line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import countries
from ..articles import article_key
from ..models import CONSENT_OR_SUCCESSION, Instrument
from ..textsafe import BIDI, ZERO_WIDTH, printable

_HIDDEN = re.compile(f"[{BIDI}{ZERO_WIDTH}]")

Finding = tuple[tuple, str, str]

# Ending a loc with KEY points the finding at the mapping key rather than its value.
KEY = "<key>"

_ARTICLE_REF = re.compile(r"\b(?:Article|Art\.|[Сс]тать[яиейюе]+)\s+(\d+(?:\.\d+)*)", re.UNICODE)
# "Article 3 of the Agreement of 1993" and "статьей 3 Соглашения о ..." name another instrument;
# "Article 3 of this Agreement" and "статьей 3 настоящего Соглашения" name this one.
_FOREIGN = re.compile(r"^\s*(?:of\s+(?!this\b)|(?:Соглашения|Конвенции|Договора|Протокола)\b)", re.UNICODE)


def check_id(inst: Instrument, stem: str) -> Iterator[Finding]:
    if inst.id != stem:
        yield (("id",), "C101", f"id {inst.id!r} differs from the file name {stem!r}")


def check_articles(inst: Instrument) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    previous = None
    for i, art in enumerate(inst.articles):
        # "1" and "1\u200b" read the same: compared without the characters that cannot be seen.
        shown = _HIDDEN.sub("", art.number)
        if shown in seen:
            first = inst.articles[seen[shown]].number
            alike = "" if first == art.number else f" (as {first!r}: they differ only in characters that cannot be seen)"
            yield (("articles", i, "number"), "C103",
                   f"article {printable(art.number, newlines=False)} appears twice "
                   f"(first as item {seen[shown] + 1}){printable(alike, newlines=False)}")
            continue
        seen[shown] = i
        if previous is not None and article_key(art.number) <= article_key(previous):
            yield (("articles", i, "number"), "C103", f"article {art.number} comes after article {previous}")
        previous = art.number


def check_parties(inst: Instrument) -> Iterator[Finding]:
    for code in inst.parties:
        if not countries.is_valid(code):
            yield (("parties", code, KEY), "C104", f"{code!r} is not an ISO 3166-1 alpha-2 country code")


def _signature_date(party):
    if party.signed is not None:
        return party.signed
    dates = [e.date for e in party.events if e.type == "signature" and e.date is not None]
    return min(dates) if dates else None


def check_event_dates(inst: Instrument) -> Iterator[Finding]:
    general = inst.signed.date if inst.signed else None
    for code, party in inst.parties.items():
        own = _signature_date(party)
        accedes = own is None and any(e.type in ("accession", "succession") for e in party.events)
        if accedes:
            continue
        signed = own or general
        if signed is None:
            continue
        for i, event in enumerate(party.events):
            if event.date is None or event.type in ("accession", "succession", "signature"):
                continue
            if event.date < signed:
                yield (("parties", code, "events", i, "date"), "C105",
                       f"{code} {event.type} dated {event.date} is before the signature on {signed}")


def check_withdrawals(inst: Instrument) -> Iterator[Finding]:
    for code, party in inst.parties.items():
        consents = [e.date for e in party.events if e.type in CONSENT_OR_SUCCESSION and e.date is not None]
        for i, event in enumerate(party.events):
            if event.type != "withdrawal":
                continue
            before = [d for d in consents if event.date is None or d <= event.date]
            if not before:
                yield (("parties", code, "events", i), "C106",
                       f"{code} withdraws without an earlier instrument of consent")


def _source_refs(inst: Instrument) -> Iterator[tuple[tuple, str]]:
    if inst.source:
        yield ("source",), inst.source
    if inst.signed and inst.signed.source:
        yield ("signed", "source"), inst.signed.source
    if inst.adopted and inst.adopted.source:
        yield ("adopted", "source"), inst.adopted.source
    eif = inst.entry_into_force
    if eif is not None:
        if eif.general.condition and eif.general.condition.source:
            yield ("entry_into_force", "general", "condition", "source"), eif.general.condition.source
        if eif.published and eif.published.source:
            yield ("entry_into_force", "published", "source"), eif.published.source
    for code, party in inst.parties.items():
        if party.published and party.published.source:
            yield ("parties", code, "published", "source"), party.published.source
        for i, event in enumerate(party.events):
            if event.source:
                yield ("parties", code, "events", i, "source"), event.source


def check_sources(inst: Instrument) -> Iterator[Finding]:
    for loc, key in _source_refs(inst):
        if key not in inst.sources:
            known = ", ".join(sorted(inst.sources)) or "none"
            yield (loc, "C107", f"source {key!r} is not in `sources` (known: {known})")


def _texts(inst: Instrument) -> Iterator[tuple[tuple, dict]]:
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


def check_languages(inst: Instrument) -> Iterator[Finding]:
    if inst.languages is None:
        return
    for lang in inst.languages.authentic:
        if lang not in inst.title:
            yield (("title",), "C109", f"the title lacks the authentic language {lang!r}")
    if inst.text == "not-held":
        return
    wanted = inst.languages.text_languages
    for loc, texts in _texts(inst):
        if not texts:  # a paragraph that only carries list items
            continue
        missing = [lang for lang in wanted if lang not in texts]
        # A partial text holds each passage in the language it was read in: one held language is enough.
        if inst.text == "partial" and len(missing) < len(wanted):
            continue
        if missing:
            yield (loc, "C109", f"text lacks {', '.join(missing)}, which the file says it holds "
                                f"(languages held: {', '.join(wanted)})")


def check_article_refs(inst: Instrument) -> Iterator[Finding]:
    if not inst.articles:
        return
    numbers = {a.number for a in inst.articles}
    for loc, texts in _texts(inst):
        for lang, text in sorted(texts.items()):
            # Most paragraphs cite no article: a substring test is far cheaper than the regex.
            if "rticle" not in text and "Art." not in text and "тат" not in text:
                continue
            for m in _ARTICLE_REF.finditer(text):
                if m.group(1) in numbers or _FOREIGN.match(text[m.end():]):
                    continue
                yield (loc, "C110", f"'{m.group(0)}' ({lang}) refers to an article the instrument does not have")


def check_text_held(inst: Instrument) -> Iterator[Finding]:
    if inst.text == "not-held" and (inst.articles or inst.preamble):
        yield (("text",), "C111", "`text: not-held`, yet the file has a preamble or articles")
    elif inst.text == "partial":
        # A partial text may be only the preamble or the closing formula that could be read.
        if not (inst.articles or inst.preamble or inst.closing):
            yield (("text",), "C111", "`text: partial`, yet the file holds no preamble, article or closing formula")
    elif inst.text != "not-held" and not inst.articles and inst.type != "protocol":
        yield (("text",), "C111",
               "no articles: if the text is not held, say `text: not-held`")


def check_protocol_fields(inst: Instrument) -> Iterator[Finding]:
    if inst.type == "protocol":
        return
    if inst.amends is not None:
        yield (("amends",), "C112", f"`amends` on a document of type {inst.type}: only a protocol amends another instrument")
    if inst.amendments:
        yield (("amendments",), "C112", f"`amendments` on a document of type {inst.type}: only a protocol carries them")


from . import clause_text  # noqa: E402  (it needs nothing from this module)

FILE_RULES = (
    check_articles,
    check_parties,
    check_event_dates,
    check_withdrawals,
    check_sources,
    check_languages,
    check_article_refs,
    check_text_held,
    check_protocol_fields,
    clause_text.check,
)


def run(inst: Instrument, stem: str) -> list[Finding]:
    out = list(check_id(inst, stem))
    for rule in FILE_RULES:
        out.extend(rule(inst))
    return out
