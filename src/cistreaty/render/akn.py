"""Akoma Ntoso 3.0 (OASIS LegalDocML) output: one document per instrument and language expression.

Pure: an instrument, the protocols that may amend it (or, for a protocol, the instrument it amends)
and the options in; XML text out. The mapping and what it cannot carry are in docs/akn.md; the
names (URIs, eIds, language codes) in akn_names; the textual modifications in akn_mods.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .. import countries
from ..models import Instrument, Paragraph
from . import akn_mods
from .akn_names import (
    AKN_NS, CIS_NS, JURISDICTION, NamingError, article_eid, element, expression_uri, lang3, para_eid, slug,
    work_date, work_uri, xml_text,
)
from .labels import article_label
from .view import Options, RenderError, choose_languages, select_articles, text_languages

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", AKN_NS)
ET.register_namespace("cis", CIS_NS)

# Event types: which lifecycle/workflow concept each stands for.
_EVENT_NAMES = {
    "signature": "Signature", "notification": "Notification of the completion of internal procedures",
    "ratification": "Ratification", "acceptance": "Acceptance", "approval": "Approval",
    "accession": "Accession", "succession": "Succession", "domestic-act": "Domestic act (informative)",
    "reservation": "Reservation", "declaration": "Declaration", "objection": "Objection",
    "authority": "Designation of authorized bodies", "provisional-application": "Provisional application",
    "withdrawal": "Notice of withdrawal", "adoption": "Adoption", "entry-into-force": "Entry into force",
    "amendment": "Amendment by protocol",
}


def E(tag: str, attrs: dict | None = None, text: str | None = None, *children) -> ET.Element:
    el = ET.Element(f"{{{AKN_NS}}}{tag}", {k: xml_text(v) for k, v in (attrs or {}).items() if v is not None})
    if text is not None:
        el.text = xml_text(text)
    el.extend(c for c in children if c is not None)
    return el


def pick(texts: dict | None, lang: str) -> tuple[str | None, str | None]:
    """(text, its language when not `lang`): the expression's language, else the first one held."""
    if not texts:
        return None, None
    if lang in texts:
        return texts[lang], None
    code, value = next(iter(texts.items()))
    return value, code


def p(texts: dict | None, lang: str, attrs: dict | None = None) -> ET.Element:
    text, other = pick(texts, lang)
    el = E("p", attrs, text)
    if other:
        el.set(XML_LANG, other)
    return el


def paragraph_blocks(para: Paragraph, lang: str, list_eid: str | None) -> list[ET.Element]:
    """The paragraph's text as a <p>, its items as a <blockList> of <item>s."""
    out = []
    if para.texts:
        out.append(p(para.texts, lang))
    if para.items:
        items = [E("item", {"eId": f"{list_eid}__item_{k}" if list_eid else None}, None, p(item, lang))
                 for k, item in enumerate(para.items, 1)]
        out.append(E("blockList", {"eId": list_eid}, None, *items))
    return out


def article_el(art, lang: str, eids: bool = True, status: str | None = None) -> ET.Element:
    eid = article_eid(art.number) if eids else None
    el = E("article", {"eId": eid, "status": status}, None,
           E("num", None, f"{article_label(lang)} {art.number}"))
    if art.heading:
        text, other = pick(art.heading, lang)
        heading = E("heading", None, text)
        if other:
            heading.set(XML_LANG, other)
        el.append(heading)
    for j, para in enumerate(art.paragraphs, 1):
        peid = para_eid(art.number, j) if eids else None
        blocks = paragraph_blocks(para, lang, f"{peid}__list_1" if eids else None)
        el.append(E("paragraph", {"eId": peid}, None, E("content", None, None, *blocks)))
    return el


def _preamble(inst: Instrument, lang: str) -> ET.Element | None:
    if not inst.preamble:
        return None
    blocks = []
    for j, para in enumerate(inst.preamble, 1):
        blocks += paragraph_blocks(para, lang, f"preamble__list_{j}")
    return E("preamble", None, None, *blocks)


def _body(inst: Instrument, lang: str, options: Options, repealed: set[str]):
    selected = select_articles(inst, options.articles)
    children = [article_el(a, lang, status="removed" if a.number in repealed else None)
                for a in inst.articles if selected is None or a.number in selected]
    if inst.amendments:
        children += akn_mods.body_parts(inst, lang)
    if not children:
        note = ("The text of this instrument is not held." if inst.text == "not-held"
                else "This file holds no articles of the text.")
        children = [E("hcontainer", {"eId": "hcontainer_1", "name": "textNotHeld"}, None,
                      E("content", None, None, E("p", {XML_LANG: "en"}, note)))]
    return E("body" if element(inst) == "act" else "mainBody", None, None, *children), selected


def _frbr(name: str, this: str, uri: str, dates: list[tuple[dt.date, str]], author: str, *extra) -> ET.Element:
    el = E(name, None, None, E("FRBRthis", {"value": this}), E("FRBRuri", {"value": uri}))
    for date, what in dates:
        el.append(E("FRBRdate", {"date": date.isoformat(), "name": what}))
    el.append(E("FRBRauthor", {"href": author}))
    el.extend(extra)
    return el


def _author(inst: Instrument) -> tuple[str, str, str, str | None]:
    """(eId, href, name, role) of the work's author: the adopting body, else the CIS."""
    if inst.adopted_by:
        s = slug(inst.adopted_by)
        return s, f"/ontology/organization/{JURISDICTION}/{s}", inst.adopted_by, "adopted-by"
    return "cis", f"/ontology/organization/{JURISDICTION}/cis", "Commonwealth of Independent States", None


class _Refs:
    """The <references> block, built up as the rest of the document names things."""

    def __init__(self):
        self.items: dict[str, ET.Element] = {}

    def add(self, tag: str, eid: str, href: str, show: str, role: str | None = None) -> str:
        if eid not in self.items:
            self.items[eid] = E(tag, {"eId": eid, "href": href, "showAs": show})
        if role:  # what the organisation is to this instrument, for `import` (AKN has no attribute for it)
            self.items[eid].set(f"{{{CIS_NS}}}role", role)
        return "#" + eid

    def event(self, kind: str) -> str:
        return self.add("TLCEvent", kind, f"/ontology/event/{JURISDICTION}/{kind}", _EVENT_NAMES.get(kind, kind))

    def element(self) -> ET.Element:
        return E("references", {"source": "#cistreaty"}, None, *self.items.values())


def _workflow(inst: Instrument, refs: _Refs) -> ET.Element | None:
    """Per-party steps, each with its party as `by`: what a lifecycle eventRef (which has no party) cannot say."""
    steps = []
    for code, party in inst.parties.items():
        who = refs.add("TLCLocation", code.lower(), f"/ontology/location/{code.lower()}", countries.name(code))
        dated = []
        if party.signed:
            dated.append(("signature", party.signed))
        dated += [(e.type, e.date) for e in party.events if e.date and not e.uncertain
                  and not (e.type == "signature" and party.signed)]
        for n, (kind, date) in enumerate(dated, 1):
            steps.append(E("step", {"eId": f"step_{code.lower()}_{n}", "date": date.isoformat(), "by": who,
                                    "refersTo": refs.event(kind)}))
    return E("workflow", {"source": "#cistreaty"}, None, *steps) if steps else None


def _lifecycle(inst, refs: _Refs, status, as_of: dt.date, applied) -> ET.Element:
    date, what = work_date(inst)
    kind = "adoption" if what == "adoption" else "signature"
    events = [E("eventRef", {"eId": f"ev_{kind}", "date": date.isoformat(), "source": "#original",
                             "type": "generation", "refersTo": refs.event(kind)})]
    eif = getattr(status, "entry_into_force", None)
    if getattr(status, "in_force", None) and eif is not None and eif <= as_of:
        events.append(E("eventRef", {"eId": "ev_entry-into-force", "date": eif.isoformat(), "source": "#original",
                                     "refersTo": refs.event("entry-into-force")}))
    for n, (since, proto, _changes) in enumerate(applied, 1):
        events.append(E("eventRef", {"eId": f"ev_amendment_{n}", "date": since.isoformat(),
                                     "source": f"#{akn_mods.passive_ref_eid(proto)}", "type": "amendment",
                                     "refersTo": refs.event("amendment")}))
    return E("lifecycle", {"source": "#cistreaty"}, None, *events)


def _identification(inst: Instrument, lang: str, options: Options, version, refs: _Refs) -> ET.Element:
    work = work_uri(inst)
    wdate, wname = work_date(inst)
    author = refs.add("TLCOrganization", *_author(inst))
    names = [E("FRBRname", {"value": title, XML_LANG: code}) for code, title in inst.title.items()]
    fwork = _frbr("FRBRWork", f"{work}/!main", work, [(wdate, wname)], author,
                  E("FRBRcountry", {"value": JURISDICTION}), E("FRBRsubtype", {"value": inst.type}),
                  E("FRBRnumber", {"value": inst.id}), *names)
    party = options.party if version is not None else None
    expr = expression_uri(work, lang, version, party)
    edates = [(version, "consolidation")] if version is not None else [(wdate, wname)]
    if inst.source and inst.source in inst.sources and inst.sources[inst.source].date:
        edates.append((inst.sources[inst.source].date, "publication-of-text-held"))
    authentic = list(inst.languages.authentic) if inst.languages else []
    extra = [E("FRBRlanguage", {"language": lang3(lang)})]
    if authentic and lang not in authentic:
        by = refs.add("TLCRole", "translator", f"/ontology/role/{JURISDICTION}/translator",
                      "Translator (not recorded)")
        extra.append(E("FRBRtranslation", {"href": expression_uri(work, authentic[0]), "fromLanguage":
                                           lang3(authentic[0]), "authoritative": "false", "by": by}))
    fexpr = _frbr("FRBRExpression", f"{expr}/!main", expr, edates, author, *extra)
    manif = f"{expr}/!main.xml"
    fman = _frbr("FRBRManifestation", manif, manif, [(options.as_of, "status-as-of")], "#cistreaty")
    return E("identification", {"source": "#cistreaty"}, None, fwork, fexpr, fman)


def _proprietary(inst: Instrument) -> ET.Element:
    facts = {"id": inst.id, "type": inst.type, "text": inst.text}
    if inst.amends:
        facts["amends"] = inst.amends
    info = ET.Element(f"{{{CIS_NS}}}instrument", facts)
    return E("proprietary", {"source": "#cistreaty"}, None, info)


def _notes(inst: Instrument) -> ET.Element | None:
    if not inst.notes:
        return None
    return E("notes", {"source": "#cistreaty"}, None, *(
        E("note", {"eId": f"note_{n}"}, None, E("p", None, text)) for n, text in enumerate(inst.notes, 1)))


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the block structure; never touch the inside of text blocks, where whitespace is text."""
    if el.tag.rsplit("}", 1)[-1] in _TEXT_BLOCKS or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


_TEXT_BLOCKS = frozenset({"p", "num", "heading", "docTitle", "mod", "quotedText"})


def document(inst: Instrument, options: Options, protocols=(), base: Instrument | None = None,
             status=None) -> str:
    """`inst` as AKN. `protocols` amending it are applied as in force on `options.as_of` (for
    `options.party`); `base` is the instrument a protocol amends, for its URIs."""
    langs = choose_languages(inst, options)
    held = inst.languages.text_languages if inst.languages else []
    if options.lang is None and inst.amendments and not text_languages(inst) and held:
        langs = (held[0],)  # a protocol that holds only its operations: their language
    if len(langs) != 1:
        raise RenderError("an Akoma Ntoso document holds one language expression: give --lang CODE "
                          f"(this instrument holds {', '.join(langs)})")
    lang = langs[0]
    try:
        return _document(inst, lang, options, protocols, base, status)
    except NamingError as exc:
        raise RenderError(str(exc)) from None


def _document(inst, lang, options, protocols, base, status) -> str:
    if status is None:
        from .summary import compute
        status = compute(inst, options.as_of)
    refs = _Refs()
    refs.add("TLCOrganization", "cistreaty", "/ontology/organization/cistreaty", "cistreaty")
    text, applied, repealed = akn_mods.consolidate(inst, protocols, options.as_of, options.party)
    version = max((since for since, _, _ in applied), default=None)
    work = work_uri(inst)
    refs.items["original"] = E("original", {"eId": "original", "href": expression_uri(work, lang),
                                            "showAs": pick(inst.title, lang)[0]})
    if inst.depositary:
        refs.add("TLCOrganization", slug(inst.depositary), f"/ontology/organization/{JURISDICTION}/"
                 f"{slug(inst.depositary)}", inst.depositary, role="depositary")
    analysis = akn_mods.analysis(inst, base, applied, refs, lang)
    meta = E("meta", None, None, _identification(inst, lang, options, version, refs),
             _lifecycle(inst, refs, status, options.as_of, applied), _workflow(inst, refs), analysis)
    meta.append(refs.element())
    for extra in (_notes(inst), _proprietary(inst)):
        if extra is not None:
            meta.append(extra)
    body, selected = _body(text, lang, options, repealed)
    title, other = pick(inst.title, lang)
    doc_title = E("docTitle", None, title)
    if other:
        doc_title.set(XML_LANG, other)
    preface = E("preface", None, None, E("longTitle", None, None, E("p", None, None, doc_title)))
    whole = selected is None
    closing = None
    if whole and text.closing:
        closing = E("conclusions", None, None, p(text.closing, lang))
    contains = "singleVersion" if applied else "originalVersion"
    root_el = E(element(inst), {"name": inst.type, "contains": contains}, None, meta, preface,
                _preamble(text, lang) if whole else None, body, closing)
    root = E("akomaNtoso", None, None, root_el)
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
