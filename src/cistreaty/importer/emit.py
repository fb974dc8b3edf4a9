"""Structure to instrument-file YAML, written by hand so that the layout, the key order (that of the
contract in models.py) and the TODO comments are under control and the output is byte-for-byte
deterministic. Every string is double-quoted with JSON escapes, which YAML reads as the same string.
"""

from __future__ import annotations

from .clauses import NAMES as CLAUSE_NAMES, draft
from .parse import Parsed, shows_signature
from .yamltext import comment, q

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/instrument.schema.json"


def _parties(p: Parsed) -> list[str]:
    sig = p.signatories
    if not sig:
        return ["# TODO: parties: no signature block recognised; add the parties from the depositary's records."]
    last = sig[-1].marks[-1].line if sig[-1].marks else sig[-1].line
    span = f"lines {sig[0].line}-{last}"

    def listed(which) -> list[str]:
        return [f"#   {s.code or '??'}  {comment(s.name)} (line {s.line})" for s in which]

    if p.unattributable:
        return [f"# TODO: parties: the signature block ({span}) names the governments below, but",
                f"# {p.unattributable}; so none is recorded as a signatory. Add the parties and their",
                "# signatures from the depositary's records:"] + listed(sig)
    signed = [s for s in sig if s.code and shows_signature(s)] if p.date is not None else []
    rest = [s for s in sig if s not in signed]
    lines = []
    if rest:
        why = "no signature shown" if p.date is not None else "no date of signature found in the text"
        lines += [f"# TODO: parties: in the signature block ({span}), {why} for the governments below;",
                  "# add them from the depositary's records:"] + listed(rest)
    if signed:
        lines.append("parties:")
        for code in dict.fromkeys(s.code for s in signed):
            lines += [f"  {code}:", f"    signed: {p.date.isoformat()}"]
    return lines


def _paragraphs(paras, lang: str, indent: str) -> list[str]:
    out = []
    for para in paras:
        out.append(f"{indent}- {lang}: {q(para.text)}")
        if para.items:
            out.append(f"{indent}  items:")
            out += [f"{indent}    - {lang}: {q(item.text)}" for item in para.items]
    return out


def emit(p: Parsed, *, ident: str, type_: str, lang: str, source_name: str) -> str:
    assert p.title is not None
    out = [SCHEMA_LINE,
           f"# Drafted by `cistreaty import` from {comment(source_name)}: check it against the source and "
           "resolve every TODO.",
           f"id: {ident}", f"type: {type_}", "title:", f"  {lang}: {q(p.title)}"]
    if p.date is not None or p.place is not None:
        out.append("signed:")
        if p.date is not None:
            out.append(f"  date: {p.date.isoformat()}")
        if p.place is not None:
            out.append(f"  place: {q(p.place)}")
        out.append("  source: text")
    else:
        out.append("# TODO: signed: no place or date of signature found in the text.")
    out += ["languages:",
            "  # TODO: languages: the imported text is taken as authentic; if it is a translation, list the",
            f"  # authentic languages here and add `held: [{lang}]`.",
            "  authentic:", f"    - {lang}",
            "sources:", "  text:", f"    title: {q('Imported from ' + source_name)}",
            "source: text"]
    drafted = draft(p)
    for name in CLAUSE_NAMES:
        out += drafted.lines.get(name, [])
    if type_ == "protocol":
        out.append("# TODO: amends: the id of the instrument this protocol amends; then its `amendments`.")
    # The draft knows the text only: no depositary record was read (C130 wants this said).
    out += ["record:",
            "  # TODO: record: if a depositary's record is found, say `basis: depositary-record` with its",
            "  # `as_of` date and `source`; the parties below come from the text's signature block only.",
            "  basis: no-depositary-record"]
    out += _parties(p)
    if p.preamble:
        out.append("preamble:")
        out += _paragraphs(p.preamble, lang, "  ")
    if p.articles:
        out.append("articles:")
        for art in p.articles:
            out.append(f"  - number: {q(art.number)}")
            if art.heading:
                out += ["    heading:", f"      {lang}: {q(art.heading)}"]
            if art.paragraphs:
                out.append("    paragraphs:")
                out += _paragraphs(art.paragraphs, lang, "      ")
    if p.closing:
        out += ["closing:", f"  {lang}: {q(p.closing)}"]
    return "\n".join(out) + "\n"
