"""An Akoma Ntoso act or doc to the data of an instrument file (docs/akn.md).

Pure: a parsed document in (importer.xmlsafe), a dict in the contract's key order and the notes on
what could not be mapped out, each with its line and XPath. Reading is the inverse of
render.akn: what cistreaty writes comes back exactly (text, numbers, eIds); another producer's AKN
gives what maps, and the rest is listed.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..render.akn_mods import GENERATED
from ..render.akn_names import AKN_NS, CIS_NS, lang2

A = "{" + AKN_NS + "}"
C = "{" + CIS_NS + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TYPES = ("agreement", "convention", "treaty", "protocol", "decision", "concept", "other")
EVENTS = ("signature", "notification", "ratification", "acceptance", "approval", "accession", "succession",
          "domestic-act", "reservation", "declaration", "objection", "authority", "provisional-application",
          "withdrawal")
_LABEL = re.compile(r"^(?:Article|Art\.|Статья|Стаття|Артыкул|Бап)\s+", re.IGNORECASE)


class NotAkn(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class Draft:
    data: dict
    notes: list[tuple[int, str]] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)


def local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


_WHY = {
    "eventRef": " (entry into force follows from the clause, which AKN does not carry; an amendment from "
                "its protocol, a file of its own)",
    "passiveModifications": " (the draft holds the consolidated text; the protocols applied are instruments "
                            "of their own)",
    "passiveRef": " (a protocol applied to this text)",
}


class _Reader:
    def __init__(self, parsed):
        self.parsed = parsed
        self.used: set[int] = set()
        self.parent: dict[int, ET.Element] = {}
        for el in parsed.root.iter():
            for child in el:
                self.parent[id(child)] = el
        self.notes: list[tuple[int, str]] = []
        # Languages of passages the expression holds in another language than its own (xml:lang).
        self.other_langs: dict[str, None] = {}

    # --- bookkeeping ----------------------------------------------------------------------
    def use(self, *els):
        for el in els:
            if el is not None:
                self.used.add(id(el))

    def use_all(self, el):
        if el is not None:
            self.used.update(id(x) for x in el.iter())

    def xpath(self, el: ET.Element) -> str:
        steps = []
        while el is not None:
            parent = self.parent.get(id(el))
            name = local(el) if el.tag.startswith(A) else el.tag
            if parent is not None:
                same = [c for c in parent if c.tag == el.tag]
                if len(same) > 1:
                    name += f"[{same.index(el) + 1}]"
            steps.append(name)
            el = parent
        return "/" + "/".join(reversed(steps))

    def line(self, el) -> int:
        return self.parsed.where(el)[0]

    def note(self, el, text: str):
        self.notes.append((self.line(el), f"{text}: {self.xpath(el)}"))

    def leftovers(self, root):
        """The outermost elements nobody read, in document order."""
        def walk(el):
            if id(el) not in self.used:
                self.note(el, "not mapped" + _WHY.get(local(el), ""))
                return
            for child in el:
                walk(child)
        walk(root)

    # --- text -----------------------------------------------------------------------------
    def text(self, el) -> str:
        """The text of a block; inline markup is kept as its text and said to be."""
        self.use(el)
        for child in el:
            self.note(child, f"inline <{local(child)}> kept as plain text")
            self.use_all(child)
        return "".join(el.itertext())

    def lang_of(self, el, default: str) -> str:
        code = lang2(el.get(XML_LANG, default))
        if code != default:
            self.other_langs.setdefault(code, None)
        return code


def read(parsed) -> Draft:
    root = parsed.root
    if root.tag in (A + "act", A + "doc"):
        # An act or doc without its <akomaNtoso> wrapper (a fragment some tools hand out): read as is.
        _unique_eids(parsed)
        r = _Reader(parsed)
        r.use(root)
        return _document(r, root)
    if root.tag != A + "akomaNtoso":
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else "no namespace"
        raise NotAkn(*parsed.where(root), f"not an Akoma Ntoso document: the root element is <{local(root)}> "
                     f"({ns}), not <akomaNtoso> in {AKN_NS}")
    docs = [c for c in root if c.tag.startswith(A)]
    if not docs or local(docs[0]) not in ("act", "doc"):
        what = f"<{local(docs[0])}>" if docs else "nothing"
        raise NotAkn(*parsed.where(docs[0] if docs else root),
                     f"an Akoma Ntoso {what}: only an <act> or a <doc> can be imported")
    _unique_eids(parsed)
    r = _Reader(parsed)
    doc = docs[0]
    r.use(root, doc)
    return _document(r, doc)


def _unique_eids(parsed) -> None:
    first: dict[str, tuple[int, int]] = {}
    for el in parsed.root.iter():
        eid = el.get("eId")
        if eid is None:
            continue
        if eid in first:
            line, col = parsed.where(el)
            raise NotAkn(line, col, f"duplicate eId {eid!r} (first at line {first[eid][0]}): an eId names "
                         "one element of the document")
        first[eid] = parsed.where(el)


def _find(el, path: str):
    return el.find(path.replace("a:", A), None) if el is not None else None


def _findall(el, path: str):
    return el.findall(path.replace("a:", A)) if el is not None else []


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _document(r: _Reader, doc) -> Draft:
    meta = _find(doc, "a:meta")
    data, lang, parties = _metadata(r, doc, meta)
    from .akn_mods import amendments

    ops = amendments(r, doc, meta, lang)
    if ops:
        data["amendments"] = ops
    steps = _steps(r, meta)
    draft = Draft(data)
    party_data = {}
    for code in parties:
        party_data[code] = steps.get(code, {})
        if not steps.get(code):
            draft.todo.append(f"{code}: a party in the references, with no dated step (AKN holds no undated "
                              "or uncertain event): add its events from the depositary's records")
    if party_data:
        data["parties"] = party_data
    _text(r, doc, meta, data, lang, ops)
    r.leftovers(doc)
    draft.notes = sorted(r.notes, key=lambda n: n[0])
    return draft


def _metadata(r: _Reader, doc, meta) -> tuple[dict, str, list]:
    """The instrument's data from the AKN metadata (identification, references, proprietary), its
    language, and the parties the references name."""
    r.use(meta)
    ident = _find(meta, "a:identification")
    work, expr = _find(ident, "a:FRBRWork"), _find(ident, "a:FRBRExpression")
    r.use_all(ident)
    info = None
    prop = _find(meta, "a:proprietary")
    if prop is not None:
        info = prop.find(C + "instrument")
        if info is not None:
            r.use(prop, info)
    lang = lang2((_find(expr, "a:FRBRlanguage").get("language") if _find(expr, "a:FRBRlanguage") is not None
                  else "en"))
    data: dict = {}
    number = _find(work, "a:FRBRnumber")
    data["id"] = (info.get("id") if info is not None else None) or (number.get("value") if number is not None else None)
    kind = doc.get("name") if doc.get("name") in TYPES else (info.get("type") if info is not None else None)
    data["type"] = kind if kind in TYPES else ("agreement" if local(doc) == "act" else "other")
    titles = {lang2(n.get(XML_LANG)): n.get("value") for n in _findall(work, "a:FRBRname")
              if n.get(XML_LANG) and n.get("value")}
    doc_title = _find(doc, "a:preface/a:longTitle/a:p/a:docTitle")
    preface = _find(doc, "a:preface")
    r.use_all(preface)
    if not titles and doc_title is not None:
        titles = {r.lang_of(doc_title, lang): "".join(doc_title.itertext())}
    data["title"] = titles
    held_date = next((_date(d.get("date")) for d in _findall(expr, "a:FRBRdate")
                      if d.get("name") == "publication-of-text-held"), None)
    wdate = _find(work, "a:FRBRdate")
    if wdate is not None and _date(wdate.get("date")):
        data["adopted" if wdate.get("name") == "adoption" else "signed"] = {"date": _date(wdate.get("date"))}
    refs = _find(meta, "a:references")
    r.use(refs)
    depositary, adopted_by, parties = _references(r, refs)
    if depositary:
        data["depositary"] = depositary
    translation = _find(expr, "a:FRBRtranslation")
    if translation is not None and translation.get("fromLanguage"):
        data["languages"] = {"authentic": [lang2(translation.get("fromLanguage"))], "held": [lang]}
    else:
        data["languages"] = {"authentic": [lang]}
    if adopted_by:
        data["adopted_by"] = adopted_by
    data["sources"] = {"akn": {"title": None, **({"date": held_date} if held_date else {})}}
    data["source"] = "akn"
    text_state = info.get("text") if info is not None else None
    if text_state in ("not-held", "partial"):
        data["text"] = text_state
    if info is not None and info.get("amends"):
        data["amends"] = info.get("amends")
    return data, lang, parties


def _text(r: _Reader, doc, meta, data: dict, lang: str, ops) -> None:
    """Preamble, articles, closing formula and notes into `data`."""
    for el in _findall(meta, "a:lifecycle"):
        _lifecycle(r, el)
    for el in _findall(meta, "a:analysis"):
        r.use(el)
        r.use_all(_find(el, "a:activeModifications"))
    preamble = _find(doc, "a:preamble")
    if preamble is not None:
        r.use(preamble)
        data["preamble"] = _blocks(r, list(preamble), lang)
    body = _find(doc, "a:body") if local(doc) == "act" else _find(doc, "a:mainBody")
    r.use(body)
    if body is not None:
        articles, held = _body(r, body, lang)
        if articles:
            data["articles"] = articles
        if not held and "text" not in data and not ops:
            data["text"] = "not-held"
    conclusions = _find(doc, "a:conclusions")
    if conclusions is not None:
        r.use(conclusions)
        ps = _findall(conclusions, "a:p")
        if ps:
            data["closing"] = {r.lang_of(ps[0], lang): "\n".join(r.text(p) for p in ps)}
    notes = _find(meta, "a:notes")
    if notes is not None:
        r.use(notes)
        found = []
        for note in _findall(notes, "a:note"):
            r.use(note)
            found += [r.text(p) for p in _findall(note, "a:p")]
        if found:
            data["notes"] = found
    if r.other_langs:
        # Passages in other languages (where the expression's own is missing): the file holds them too.
        langs = data["languages"]
        langs["held"] = list(dict.fromkeys(langs.get("held", [lang]) + list(r.other_langs)))


def _references(r: _Reader, refs):
    depositary = adopted_by = None
    parties: list[str] = []
    for el in list(refs) if refs is not None else []:
        name, eid = local(el), el.get("eId", "")
        role = el.get(C + "role")
        if name == "TLCLocation" and re.fullmatch(r"[a-z]{2}", eid):
            parties.append(eid.upper())
        elif role == "depositary":
            depositary = el.get("showAs")
        elif role == "adopted-by":
            adopted_by = el.get("showAs")
        elif name not in ("TLCOrganization", "TLCEvent", "TLCRole", "original", "activeRef"):
            continue  # left for the note
        r.use(el)
    return depositary, adopted_by, parties


def _steps(r: _Reader, meta) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for wf in _findall(meta, "a:workflow"):
        r.use(wf)
        for step in _findall(wf, "a:step"):
            who, what, date = step.get("by", "").lstrip("#"), step.get("refersTo", "").lstrip("#"), _date(step.get("date"))
            if not (re.fullmatch(r"[a-z]{2}", who) and what in EVENTS and date):
                continue
            r.use(step)
            party = out.setdefault(who.upper(), {})
            if what == "signature" and "signed" not in party:
                party["signed"] = date
            else:
                party.setdefault("events", []).append({"type": what, "date": date})
    return out


def _lifecycle(r: _Reader, el):
    """The signature or adoption event is the work's date, read from FRBRWork. Entry into force
    follows from clause data AKN does not carry, and an amendment event from a protocol: both are
    left for the notes."""
    r.use(el)
    for ev in _findall(el, "a:eventRef"):
        if ev.get("refersTo") in ("#signature", "#adoption"):
            r.use(ev)


def _blocks(r: _Reader, children, lang: str) -> list[dict]:
    """<p> and <blockList> runs as paragraphs: a list belongs to the <p> just before it."""
    out: list[dict] = []
    open_para = False
    for el in children:
        name = local(el)
        if name == "p":
            out.append({r.lang_of(el, lang): r.text(el)})
            open_para = True
        elif name == "blockList":
            r.use(el)
            items = []
            for item in _findall(el, "a:item"):
                r.use(item)
                ps = _findall(item, "a:p")
                items.append({r.lang_of(ps[0], lang) if ps else lang: "\n".join(r.text(p) for p in ps)})
            if open_para and "items" not in out[-1]:
                out[-1]["items"] = items
            else:
                out.append({"items": items})
            open_para = False
        else:
            open_para = False
    return out


def article_number(num_text: str) -> str:
    return _LABEL.sub("", num_text.strip()).rstrip(".").strip() or num_text.strip()


def read_article(r: _Reader, art, lang: str) -> dict:
    r.use(art)
    out: dict = {}
    if art.get("status") == "removed":
        r.note(art, "a repealed article (status=\"removed\") kept as its number only")
    num = _find(art, "a:num")
    if num is not None:
        out["number"] = article_number(r.text(num))
    else:
        out["number"] = (art.get("eId") or "?").removeprefix("art_")
        r.note(art, "article without <num>: its number taken from its eId")
    heading = _find(art, "a:heading")
    if heading is not None:
        out["heading"] = {r.lang_of(heading, lang): r.text(heading)}
    paras = []
    for para in _findall(art, "a:paragraph"):
        r.use(para)
        content = _find(para, "a:content")
        r.use(content)
        paras += _blocks(r, list(content) if content is not None else [], lang)
    content = _find(art, "a:content")
    if content is not None:
        r.use(content)
        paras += _blocks(r, list(content), lang)
    if paras:
        out["paragraphs"] = paras
    return out


def _body(r: _Reader, body, lang: str) -> tuple[list[dict], bool]:
    """The articles, wherever they sit (parts, chapters and sections are not kept: noted)."""
    articles, held = [], False
    for el in body.iter(A + "article"):
        if el.get("class") == GENERATED or _inside_quote(r, el):
            continue
        held = True
        parent = r.parent.get(id(el))
        if parent is not body and id(parent) not in r.used:
            r.use(parent)
            r.note(parent, f"<{local(parent)}> around articles not kept (its articles are)")
        articles.append(read_article(r, el, lang))
    not_held = False
    for el in body:
        if local(el) == "hcontainer" and el.get("name") == "textNotHeld":
            r.use_all(el)
            not_held = True
        elif el.get("class") == GENERATED:
            r.use(el)
    return articles, held or not not_held


def _inside_quote(r: _Reader, el) -> bool:
    parent = r.parent.get(id(el))
    while parent is not None:
        if local(parent) in ("quotedStructure", "mod"):
            return True
        parent = r.parent.get(id(parent))
    return False
