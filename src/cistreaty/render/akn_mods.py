"""Amendments in Akoma Ntoso: a protocol's operations as `mod`s in its body and `activeModifications`;
the protocols applied to a consolidated text as `passiveModifications`.

Each operation is one paragraph of the protocol's body holding one `mod`: the new wording in a
`quotedStructure` (an article or a paragraph) or `quotedText` (a heading; the words replaced and
their replacement). Its `textualMod` points from that `mod` (`source`) to the amended work's eId
(`destination`), and carries in `cis:` attributes what AKN has no slot for (the operation's name,
`occurrence`, `lang`, `cite`), so that `import` gets the operation back exactly.
"""

from __future__ import annotations

import datetime as dt

from ..engine.amend import ProtocolDoesNotApply, apply, protocols_in_force, with_repealed
from ..models import Insert, Instrument, Repeal, ReplaceWords, Substitute
from .akn_names import CIS_NS, article_eid, para_eid, work_uri

_TYPE = {"substitute": "substitution", "insert": "insertion", "repeal": "repeal", "replace-words": "substitution"}
GENERATED = "cistreaty-amendments"  # class of the body parts that hold the operations


def cis(name: str) -> str:
    return f"{{{CIS_NS}}}{name}"


def consolidate(inst: Instrument, protocols, as_of: dt.date, party: str | None):
    """(text, [(since, protocol, changes)], repealed article numbers): the text in force on `as_of`."""
    relevant = [pr for pr in protocols if pr.amends == inst.id and pr.amendments]
    if inst.type == "protocol" or inst.text == "not-held" or not relevant:
        return inst, [], set()
    current, applied = inst, []
    for since, proto in protocols_in_force(relevant, as_of, party):
        result = apply(current, proto)
        if result.errors:
            raise ProtocolDoesNotApply(proto.id, result.errors)
        current = result.instrument
        applied.append((since, proto, result.changes))
    present = {a.number for a in current.articles}
    repealed = {c.article for _, _, changes in applied for c in changes
                if c.kind == "repealed" and c.article not in present}
    if repealed:
        current = with_repealed(current, {n: ["Repealed"] for n in repealed})
    return current, applied, repealed


def layout(proto: Instrument) -> list[tuple[str, str | None]]:
    """For each operation, (the eId of its paragraph's container, the article it sits in or None).

    A protocol whose own articles are not held gets one article per `cite`, as its text has; an
    operation without `cite`, or a protocol that holds its own articles (whose numbers the cites
    would collide with), goes into one hcontainer after them."""
    out = []
    for op in proto.amendments:
        if op.cite and not proto.articles:
            out.append((article_eid(op.cite), op.cite))
        else:
            out.append(("hcontainer_amendments", None))
    return out


def mod_eids(proto: Instrument) -> list[str]:
    counts: dict[str, int] = {}
    out = []
    for container, _ in layout(proto):
        counts[container] = counts.get(container, 0) + 1
        out.append(f"{container}__para_{counts[container]}__mod_1")
    return out


def passive_ref_eid(proto: Instrument) -> str:
    return f"passiveRef_{proto.id}"


def _quoted(op, lang: str, E, mod_eid: str):
    from .akn import article_el, paragraph_blocks, pick

    q = {"startQuote": "\u201c", "endQuote": "\u201d"}
    if isinstance(op, Insert) and op.new_article is not None:
        return [E("quotedStructure", {"eId": f"{mod_eid}__qstr_1", **q}, None,
                  article_el(op.new_article, lang, eids=False))]
    if isinstance(op, (Insert, Substitute)) and op.text is not None:
        return [E("quotedStructure", {"eId": f"{mod_eid}__qstr_1", **q}, None, E("paragraph", None, None, E(
            "content", None, None, *paragraph_blocks(op.text, lang, None))))]
    if isinstance(op, Substitute) and op.paragraphs is not None:
        from ..models import Article

        art = Article(number=op.article, heading=op.heading, paragraphs=op.paragraphs)
        return [E("quotedStructure", {"eId": f"{mod_eid}__qstr_1", **q}, None, article_el(art, lang, eids=False))]
    if isinstance(op, Substitute):  # heading only
        return [E("quotedText", {"eId": f"{mod_eid}__qtext_1", **q}, pick(op.heading, lang)[0])]
    if isinstance(op, ReplaceWords):
        return [E("quotedText", {"eId": f"{mod_eid}__qtext_1", **q}, op.words),
                E("quotedText", {"eId": f"{mod_eid}__qtext_2", **q}, op.by)]
    return []


def body_parts(proto: Instrument, lang: str) -> list:
    """The protocol's operations as body parts: articles per `cite`, or one hcontainer."""
    from .akn import E
    from .labels import article_label

    parts: dict[str, object] = {}
    for op, (container, cite), mod_eid in zip(proto.amendments, layout(proto), mod_eids(proto)):
        if container not in parts:
            if cite is not None:
                parts[container] = E("article", {"eId": container, "class": GENERATED}, None,
                                     E("num", None, f"{article_label(lang)} {cite}"))
            else:
                parts[container] = E("hcontainer", {"eId": container, "name": "amendments", "class": GENERATED})
        para_eid_ = mod_eid.rsplit("__mod_1", 1)[0]
        mod = E("mod", {"eId": mod_eid}, None, *_quoted(op, lang, E, mod_eid))
        parts[container].append(E("paragraph", {"eId": para_eid_}, None,
                                  E("content", None, None, E("p", None, None, mod))))
    return list(parts.values())


def _destination(op, base_main: str) -> tuple[str, str | None]:
    """(href, pos) of what the operation changes, in the amended work."""
    if isinstance(op, Insert) and op.new_article is not None:
        if op.after == "0":
            return f"{base_main}#body", "start"
        return f"{base_main}#{article_eid(op.after)}", "after"
    if isinstance(op, Insert):
        if op.paragraph is None:
            return f"{base_main}#{article_eid(op.article)}", "end"
        return f"{base_main}#{para_eid(op.article, op.paragraph)}", "before"
    target = article_eid(op.article) if op.paragraph is None else para_eid(op.article, op.paragraph)
    if isinstance(op, ReplaceWords) and op.item is not None and op.paragraph is not None:
        target += f"__list_1__item_{op.item}"
    return f"{base_main}#{target}", None


def _cis_attrs(op) -> dict[str, str]:
    out = {cis("op"): op.op, cis("article"): op.article}
    if op.cite:
        out[cis("cite")] = op.cite
    if op.paragraph is not None:
        out[cis("paragraph")] = str(op.paragraph)
    if isinstance(op, Insert) and op.after is not None:
        out[cis("after")] = op.after
    if isinstance(op, Substitute):
        parts = [x for x in ("heading", "paragraphs", "text") if getattr(op, x) is not None]
        out[cis("parts")] = " ".join(parts)
    if isinstance(op, ReplaceWords):
        out[cis("lang")] = op.lang
        if op.occurrence is not None:
            out[cis("occurrence")] = str(op.occurrence)
        if op.item is not None:
            out[cis("item")] = str(op.item)
    return out


def analysis(inst: Instrument, base: Instrument | None, applied, refs, lang: str):
    from .akn import E

    active = []
    if inst.amendments:
        if base is None:
            from .view import RenderError

            raise RenderError(f"{inst.id} amends {inst.amends!r}, which is not in the corpus: the URIs of the "
                              "articles it changes cannot be built (pass --corpus with both files)")
        base_work = work_uri(base)
        refs.add("activeRef", f"activeRef_{base.id}", base_work, next(iter(base.title.values())))
        for n, (op, mod_eid) in enumerate(zip(inst.amendments, mod_eids(inst)), 1):
            href, pos = _destination(op, f"{base_work}/!main")
            tm = E("textualMod", {"type": _TYPE[op.op], "eId": f"amod_{n}", **_cis_attrs(op)}, None,
                   E("source", {"href": f"#{mod_eid}"}), E("destination", {"href": href, "pos": pos}))
            if isinstance(op, ReplaceWords):
                tm.append(E("old", {"href": f"#{mod_eid}__qtext_1"}))
                tm.append(E("new", {"href": f"#{mod_eid}__qtext_2"}))
            elif not isinstance(op, Repeal):
                kind = "qtext" if isinstance(op, Substitute) and op.paragraphs is None and op.text is None else "qstr"
                tm.append(E("new", {"href": f"#{mod_eid}__{kind}_1"}))
            active.append(tm)
    passive = []
    n = 0
    for since, proto, changes in applied:
        proto_work = work_uri(proto)
        refs.add("passiveRef", passive_ref_eid(proto), proto_work, next(iter(proto.title.values())))
        eids = mod_eids(proto)
        for change in changes:
            n += 1
            op = proto.amendments[change.index]
            href, pos = _destination(op, "")
            if change.kind == "inserted":
                href, pos = f"#{article_eid(change.article)}", None
            passive.append(E("textualMod", {"type": _TYPE[op.op], "eId": f"pmod_{n}"}, None,
                             E("source", {"href": f"{proto_work}/!main#{eids[change.index]}"}),
                             E("destination", {"href": href, "pos": pos})))
    if not active and not passive:
        return None
    el = E("analysis", {"source": "#cistreaty"})
    if active:
        el.append(E("activeModifications", None, None, *active))
    if passive:
        el.append(E("passiveModifications", None, None, *passive))
    return el
