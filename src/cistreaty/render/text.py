"""Plain text wrapped at 80 columns, for e-mail and terminals.

Words are never split (a long URL or identifier stays whole and may overflow), so that what a
reader copies out of the text is what the file says.
"""

from __future__ import annotations

import textwrap

from .labels import language_name
from . import status_section
from .view import Para, Texts, View

WIDTH = 80


def wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    lines = []
    first = indent
    rest = indent if hanging is None else hanging
    for ln in (x.strip() for x in text.splitlines()):
        if not ln:
            continue
        lines += textwrap.wrap(ln, WIDTH, initial_indent=first, subsequent_indent=rest,
                               break_long_words=False, break_on_hyphens=False) or [first.rstrip()]
        first = rest
    return "\n".join(lines)


def _underline(text: str, char: str) -> str:
    wrapped = wrap(text)
    width = max((len(x) for x in wrapped.splitlines()), default=0)
    return f"{wrapped}\n{char * min(width, WIDTH)}"


def _texts(texts: Texts, side_by_side: bool, indent: str = "", bullet: str = "") -> list[str]:
    hanging = indent + " " * len(bullet)
    return [wrap((f"[{code}] " if side_by_side else "") + t, indent + bullet, hanging) for code, t in texts]


def _para(p: Para, side_by_side: bool) -> list[str]:
    out = _texts(p.texts, side_by_side)
    items = ["\n".join(_texts(i, side_by_side, "  ", "- ")) for i in p.items]
    if items:
        out.append("\n".join(items))
    return out


def body(view: View) -> str:
    sb = view.side_by_side
    out = [_underline(view.title, "=")]
    out.append("\n".join(wrap(f"{k}: {v}", "", "    ") for k, v in view.meta))
    if sb:
        out.append(wrap("Languages: " + ", ".join(f"[{c}] {language_name(c)}" for c in view.langs)))
    if view.related:
        out.append("Related instruments:\n" + "\n".join(
            wrap(f"{rid}: {rel}", "  - ", "    ") for rid, rel in view.related))
    if view.notice:
        out.append(wrap(view.notice))
    for p in view.preamble:
        out += _para(p, sb)
    for art in view.articles:
        heading = art.label + (". " + " / ".join(t for _, t in art.heading) if art.heading else "")
        out.append(_underline(heading, "-"))
        for p in art.paragraphs:
            out += _para(p, sb)
        out += [wrap("Note: " + n, "", "    ") for n in art.notes]
    if view.closing:
        out += _texts(view.closing, sb)
    if view.signatures:
        out.append(_underline("Signatures", "-"))
        out.append("\n".join(wrap(s, "  - ", "    ") for s in view.signatures))
    out += status_section.text(view.status_section, wrap, _underline)
    if view.notes:
        out.append(_underline("Notes", "-"))
        out.append("\n".join(wrap(n, "  - ", "    ") for n in view.notes))
    return "\n\n".join(x for x in out if x) + "\n"


def document(view: View) -> str:
    return body(view)


def corpus(views: list[View], as_of: str) -> str:
    toc = "\n".join(wrap(f"{v.id}: {v.title} ({v.status_summary})", "  - ", "    ") for v in views)
    head = f"{_underline('Instruments', '=')}\n\nAs of {as_of}.\n\n{toc}\n"
    sep = "\n" + "=" * WIDTH + "\n\n"
    return sep.join([head] + [body(v) for v in views])


def index(entries: list[tuple[View, str]], as_of: str) -> str:
    rows = "\n".join(wrap(f"{href}: {v.title} ({v.instrument.type}; {v.status_summary})", "  - ", "    ")
                     for v, href in entries)
    return f"{_underline('Instruments', '=')}\n\nAs of {as_of}.\n\n{rows}\n"
