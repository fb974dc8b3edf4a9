"""What a published page adds to the text: its sources numbered and cited, the closing formula with the
signature's place and date, schema.org metadata, and the index grouped by status. Pure: views in,
strings and data out; the html and md modules lay them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import countries
from ..textsafe import json_text, printable

# "source KEY" or "sources KEY, KEY and KEY" in a status line or note: KEY as models.SourceKey allows
# it, without a closing period.
_KEY = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
CITATION = re.compile(rf"\bsources? ({_KEY}(?:(?:, | and |, and ){_KEY})*)")
_ONE = re.compile(_KEY)
# Links only to the web: a javascript: or data: URL in a file is shown, never followed.
WEB = re.compile(r"^https?://", re.I)


def sources(inst) -> list[tuple[int, str, object]]:
    """(number, key, Source) in the order the file lists them."""
    return [(n, key, src) for n, (key, src) in enumerate(sorted(inst.sources.items()), start=1)]


def numbers(inst) -> dict[str, int]:
    return {key: n for n, key, _ in sources(inst)}


def cite(text: str, numbering: dict[str, int], link) -> str:
    """Each "source KEY" of a known key followed by `link(number, key)`; other text unchanged."""
    def each(k: re.Match) -> str:
        n = numbering.get(k.group(0))
        return k.group(0) if n is None else k.group(0) + link(n, k.group(0))

    def one(m: re.Match) -> str:
        keys = m.group(1)
        # "and" between keys is a word, not a key.
        cited = _ONE.sub(lambda k: k.group(0) if k.group(0) == "and" else each(k), keys)
        return m.group(0)[: m.start(1) - m.start(0)] + cited
    return CITATION.sub(one, text)


def web_url(url: str | None) -> str | None:
    return url if url and WEB.match(url) else None


def signed_line(inst) -> str | None:
    """"Done at Dushanbe on 2025-06-05", as far as the file records it."""
    s = inst.signed
    if s is None or (s.date is None and s.place is None):
        return None
    bits = ["Signed"]
    if s.place:
        bits.append(f"at {printable(s.place, newlines=False)}")
    if s.date:
        bits.append(f"on {s.date.isoformat()}")
    return " ".join(bits)


def toc_label(art) -> str:
    """"12. Entry into force" when the article has a heading in the page's language, else "Article 12"."""
    if art.heading:
        return f"{art.number}. {art.heading[0][1]}"
    return art.label


_FORCE = {True: "https://schema.org/InForce", False: "https://schema.org/NotInForce"}


def jsonld(view) -> dict:
    """schema.org Legislation: name in each language, date of signature, legal force, languages,
    and the parties as the jurisdictions it binds (schema.org has no property for a treaty's parties)."""
    inst = view.instrument
    doc = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "identifier": inst.id,
        "name": [{"@language": code, "@value": printable(title, newlines=False)} for code, title in inst.title.items()],
        "legislationType": inst.type,
        "inLanguage": list(view.langs),
    }
    if inst.signed and inst.signed.date:
        doc["legislationDate"] = inst.signed.date.isoformat()
    force = _FORCE.get(getattr(view.status, "in_force", None))
    if force:
        doc["legislationLegalForce"] = force
    if inst.parties:
        doc["legislationJurisdiction"] = [{"@type": "Country", "name": countries.name(code), "identifier": code}
                                          for code in inst.parties]
    if inst.depositary:
        doc["legislationPassedBy"] = {"@type": "Organization", "name": printable(inst.depositary, newlines=False)}
    return doc


def jsonld_script(view) -> str:
    # Inside <script> only "</" could end it early; \u escapes keep the JSON the same data.
    data = json_text(jsonld(view), indent=1).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{data}\n</script>'


# The index: instruments grouped by what a reader asks first, newest first within each group.
GROUPS = (("in-force", "In force"), ("not-in-force", "Not in force"), ("unknown", "Status not established"))


def group_of(in_force) -> str:
    return "in-force" if in_force is True else "not-in-force" if in_force is False else "unknown"


def describe(entry) -> str:
    """One useful line for the index: what it is, when and where signed, how many parties, the status."""
    bits = [entry.instrument.type]
    if entry.signed:
        bits.append(f"signed {entry.signed}")
    if entry.parties:
        bits.append(f"{entry.parties} part{'ies' if entry.parties != 1 else 'y'} recorded")
    return ", ".join(bits) + ". " + entry.status_summary


def grouped(entries) -> list[tuple[str, str, list]]:
    """(key, heading, entries newest first) for each group that has entries."""
    out = []
    for key, heading in GROUPS:
        members = [e for e in entries if group_of(e.in_force) == key]
        members.sort(key=lambda e: (e.date or "", e.id), reverse=True)
        if members:
            out.append((key, heading, members))
    return out


# Slots: a site's main process keeps one Entry per instrument until it writes the index.
@dataclass(frozen=True, slots=True)
class Kind:
    type: str
    title: dict


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index shows of a page, so that the pages themselves need not be kept."""
    id: str
    title: str
    title_lang: str | None
    status_summary: str
    instrument: Kind
    in_force: bool | None = None
    date: str | None = None  # entry into force, else signature: what the group is sorted by
    signed: str | None = None  # "2025-06-05 at Dushanbe"
    parties: int = 0


def entry(view) -> Entry:
    inst = view.instrument
    signed = None
    if inst.signed and (inst.signed.date or inst.signed.place):
        signed = " at ".join(x for x in (inst.signed.date.isoformat() if inst.signed.date else None,
                                         printable(inst.signed.place, newlines=False) if inst.signed.place else None) if x)
    status = view.status
    eif = getattr(status, "entry_into_force", None)
    date = eif.isoformat() if eif else (inst.signed.date.isoformat() if inst.signed and inst.signed.date else None)
    return Entry(view.id, view.title, view.title_lang, view.status_summary, Kind(inst.type, dict(inst.title)),
                 getattr(status, "in_force", None), date, signed, len(inst.parties))
