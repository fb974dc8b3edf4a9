"""A protocol's operations back from `activeModifications` and the `mod`s they point at.

The inverse of render.akn_mods: each `textualMod` with a `cis:op` gives one operation, its numbers
from the `cis:` attributes, its new wording from the `quotedStructure`/`quotedText` of its `mod`.
A `textualMod` written by another producer (no `cis:op`) says what changes but not in cistreaty's
terms (which paragraph, which occurrence): it is listed in the notes, not guessed.
"""

from __future__ import annotations

from ..render.akn_mods import GENERATED
from ..render.akn_names import CIS_NS

C = "{" + CIS_NS + "}"


def amendments(r, doc, meta, lang: str) -> list[dict]:
    from .akn import _find, _findall, local

    by_eid = {el.get("eId"): el for el in doc.iter() if el.get("eId")}
    out = []
    for analysis in _findall(meta, "a:analysis"):
        for tm in _findall(analysis, "a:activeModifications/a:textualMod"):
            op = tm.get(C + "op")
            if op not in ("substitute", "insert", "repeal", "replace-words"):
                r.note(tm, "textualMod without cistreaty's cis:op attributes not mapped to an operation")
                continue
            source = _find(tm, "a:source")
            mod = by_eid.get((source.get("href") if source is not None else "").lstrip("#"))
            data: dict = {"op": op}
            if tm.get(C + "cite"):
                data["cite"] = tm.get(C + "cite")
            data["article"] = tm.get(C + "article", "")
            if tm.get(C + "paragraph"):
                data["paragraph"] = int(tm.get(C + "paragraph"))
            quoted = [el for el in (mod if mod is not None else []) if local(el) in ("quotedStructure", "quotedText")]
            structure = next((q for q in quoted if local(q) == "quotedStructure"), None)
            inner = structure[0] if structure is not None and len(structure) else None

            _fill(r, tm, op, data, quoted, inner, lang)
            out.append(data)
    # The body parts that only carry the operations are read through them.
    for el in doc.iter():
        if el.get("class") == GENERATED:
            r.use_all(el)
    return out


def _fill(r, tm, op: str, data: dict, quoted: list, inner, lang: str) -> None:
    """The new wording of one operation (heading, paragraphs, text, new article, words) into `data`."""
    from .akn import _blocks, _find, local, read_article

    def paragraph_of(el):
        content = _find(el, "a:content")
        blocks = _blocks(r, list(content) if content is not None else [], lang)
        return blocks[0] if blocks else {}

    parts = (tm.get(C + "parts") or "").split()
    if op == "substitute":
        if "heading" in parts:
            if inner is not None and local(inner) == "article":
                art = read_article(r, inner, lang)
                if "heading" in art:
                    data["heading"] = art["heading"]
            elif quoted:
                data["heading"] = {r.lang_of(quoted[0], lang): r.text(quoted[0])}
        if "paragraphs" in parts and inner is not None:
            data["paragraphs"] = read_article(r, inner, lang).get("paragraphs", [])
        if "text" in parts and inner is not None:
            data["text"] = paragraph_of(inner)
    elif op == "insert":
        if tm.get(C + "after") is not None:
            data["after"] = tm.get(C + "after")
        if inner is not None and local(inner) == "article":
            art = read_article(r, inner, lang)
            art["number"] = data["article"]
            data["new_article"] = art
        elif inner is not None:
            data["text"] = paragraph_of(inner)
    elif op == "replace-words":
        data["lang"] = tm.get(C + "lang", lang)
        data["words"] = r.text(quoted[0]) if quoted else ""
        data["by"] = r.text(quoted[1]) if len(quoted) > 1 else ""
        occurrence = tm.get(C + "occurrence")
        if occurrence:
            data["occurrence"] = occurrence if occurrence == "all" else int(occurrence)
        if tm.get(C + "item"):
            data["item"] = int(tm.get(C + "item"))
