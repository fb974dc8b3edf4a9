"""CommonMark output. Text from the files is data, never markup: every character that could start
emphasis, a link, raw HTML, an entity, a heading or a list is backslash-escaped. The only raw HTML
is our own empty anchors (`<a id="article-1"></a>`), because CommonMark headings carry no ids.

URLs and e-mail addresses are written as they are: GitHub (cmark-gfm's autolink extension) links
them itself, and a backslash inside one becomes part of the link (`some%5C_path`). A URL runs, as
GFM reads it, to the next blank or `<`. Where GFM would link something other than the text (a `<`
right after the URL, which no escape can keep out of its link, or an ending like an entity,
`&copy;`, which GFM would cut off the link and show as the character), the URL is written as an
explicit link instead, `[escaped text](<destination>)`, to the URL as written, less the trailing
punctuation GFM leaves out of any link. tests/test_markdown_gfm.py checks the result with cmark-gfm."""

from __future__ import annotations

import re

from .labels import language_name
from . import publish, status_section
from .view import ArticleView, Para, Texts, View

_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


# GFM extended autolinks (www., http://, https://: a domain, then anything up to a blank or `<`)
# where GFM starts one (line start, a blank, or * _ ~ ( before it), and e-mail addresses.
_AUTOLINK = re.compile(r"(?:(?<=^)|(?<=[\s*_~(]))(?:https?://|www\.)[A-Za-z0-9_-]+\.?[A-Za-z0-9_.-]*[^\s<]*"
                       r"|[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")
_ENTITY_END = re.compile(r"&[A-Za-z0-9]+;[?!.,:*_~'\")]*$")


def _escape_inline(line: str) -> str:
    if "@" not in line and "http" not in line and "www." not in line:
        return _INLINE.sub(r"\\\1", line)  # what the loop below gives when _AUTOLINK finds nothing
    out, last = [], 0
    for m in _AUTOLINK.finditer(line):
        span = m.group()
        if span[0] in "hw" and "." not in span.split("//")[-1]:
            continue  # no domain: GFM links nothing
        out.append(_INLINE.sub(r"\\\1", line[last:m.start()]))
        if span.startswith(("http", "www.")) and (_ENTITY_END.search(span) or line.startswith("<", m.end())):
            out.append(_explicit_link(span))  # see the module's docstring
        else:
            out.append(span)
        last = m.end()
    out.append(_INLINE.sub(r"\\\1", line[last:]))
    return "".join(out)


def _explicit_link(span: str) -> str:
    end = len(span)
    while end:  # the trailing punctuation cmark-gfm's autolinks leave out, and an unbalanced ")"
        c = span[end - 1]
        if c in "?!.,:*_~'\"" or (c == ")" and span.count("(", 0, end) < span.count(")", 0, end)):
            end -= 1
        else:
            break
    url, tail = span[:end], span[end:]
    dest = ("http://" + url) if url.startswith("www.") else url
    # In a <...> destination a backslash escapes, and entities are decoded: `&` must be `&amp;`.
    dest = dest.replace("\\", "\\\\").replace(">", "\\>").replace("&", "&amp;")
    return "[" + _INLINE.sub(r"\\\1", url) + "](<" + dest + ">)" + _INLINE.sub(r"\\\1", tail)


def _line(line: str) -> str:
    out = _escape_inline(line)
    m = _ORDERED.match(out)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{out[m.end():]}"
    if out[:1] in ("-", "+", "="):  # list bullets and setext underlines
        return "\\" + out
    return out


def escape(text: str, joiner: str = "\\\n") -> str:
    """One paragraph of escaped text. Leading spaces go (four would start a code block), and a
    line break in the source becomes a hard break rather than a paragraph break."""
    lines = [ln.strip() for ln in text.splitlines()]
    return joiner.join(_line(ln) for ln in lines if ln)


def _anchor(anchor: str) -> str:
    return f'<a id="{anchor}"></a>'


def _para(p: Para) -> list[str]:
    blocks = [escape(t) for _, t in p.texts]
    if p.items:
        blocks.append("\n".join("- " + escape(t, "\\\n  ") for item in p.items for _, t in item))
    return blocks


def _cell(texts: Texts, langs, bullet: bool = False) -> str:
    by_lang = dict(texts)
    cells = [("• " if bullet else "") + escape(by_lang.get(c, ""), " ") for c in langs]
    return "| " + " | ".join(cells) + " |"


def _table(paras: tuple[Para, ...], langs) -> list[str]:
    """--lang all: one column per language, one row per paragraph or list item (GFM table)."""
    if not paras:
        return []
    rows = ["| " + " | ".join(escape(language_name(c)) for c in langs) + " |",
            "|" + " --- |" * len(langs)]
    for p in paras:
        if p.texts:
            rows.append(_cell(p.texts, langs))
        rows.extend(_cell(item, langs, bullet=True) for item in p.items)
    return ["\n".join(rows)]


def _paras(view: View, paras: tuple[Para, ...]) -> list[str]:
    if view.side_by_side:
        return _table(paras, view.langs)
    return [b for p in paras for b in _para(p)]


def _article(view: View, art: ArticleView, level: int, prefix: str) -> list[str]:
    heading = art.label
    if art.heading:
        heading += ". " + " / ".join(t for _, t in art.heading)
    out = [f"{'#' * level} {_anchor(prefix + art.anchor)}{escape(heading, ' ')}"]
    out += _paras(view, art.paragraphs)
    out += ["> **Note:** " + escape(n, " ") for n in art.notes]
    return out


def body(view: View, level: int = 1, prefix: str = "") -> str:
    """The instrument with its title at heading `level`; anchors get `prefix` in a corpus page."""
    title = escape(view.title, " ")
    out = [f"{'#' * level} {_anchor(prefix.rstrip('-')) if prefix else ''}{title}"]
    out.append(_cited(view, "\n".join(f"- **{escape(k, ' ')}:** {escape(v, ' ')}" for k, v in view.meta), prefix))
    if len(view.articles) > 1:
        out.append("Contents:\n\n" + "\n".join(f"- [{escape(publish.toc_label(a), ' ')}](#{prefix}{a.anchor})"
                                             for a in view.articles))
    if view.related:
        # In a corpus page the instruments are sections of the page; elsewhere, sibling files (--out-dir).
        out.append("Related instruments:\n\n" + "\n".join(
            f"- [{escape(rid, ' ')}]({'#' + rid if prefix else rid + '.md'}): {escape(rel, ' ')}"
            for rid, rel in view.related))
    if view.notice:
        out.append(escape(view.notice))
    out += _paras(view, view.preamble)
    for art in view.articles:
        out += _article(view, art, level + 1, prefix)
    sub = "#" * (level + 1)
    signed = publish.signed_line(view.instrument) if view.selected is None else None
    if view.closing or signed:
        # After the last article, under its own heading: the closing words are not part of it.
        out.append(f"{sub} {_anchor(prefix + 'closing')}Closing formula and signature")
        if view.closing:
            out += _paras(view, (Para(view.closing, ()),))
        if signed:
            out.append(escape(signed, " "))
    if view.signatures:
        out.append(f"{sub} {_anchor(prefix + 'signatures')}Signatures")
        out.append("\n".join("- " + escape(s, " ") for s in view.signatures))
    out += [_cited(view, block, prefix)
            for block in status_section.markdown(view.status_section, level + 1, _anchor(prefix + "status"), escape)]
    if view.notes:
        out.append(f"{sub} {_anchor(prefix + 'notes')}Notes")
        out.append(_cited(view, "\n".join("- " + escape(n, " ") for n in view.notes), prefix))
    out += _sources(view, sub, prefix)
    return "\n\n".join(out) + "\n"


def _cited(view: View, text: str, prefix: str) -> str:
    # Keys are escaped text already ("tj-546" has nothing to escape; "a_b" becomes "a\_b" and is not cited).
    return publish.cite(text, publish.numbers(view.instrument), lambda n, key: f" [\\[{n}\\]](#{prefix}source-{n})")


def _sources(view: View, sub: str, prefix: str) -> list[str]:
    """The sources, numbered as they are cited, with titles and links."""
    entries = publish.sources(view.instrument)
    if not entries:
        return []
    lines = []
    for n, key, src in entries:
        bits = [f"*{escape(src.title, ' ')}*"]
        if src.date:
            bits.append(src.date.isoformat())
        url = publish.web_url(src.url)
        if url:
            bits.append(f"<{url.replace('>', '%3E').replace(' ', '%20')}>")
        elif src.url:
            bits.append(escape(src.url, " "))
        if src.note:
            bits.append(escape(src.note, " "))
        lines.append(f"{n}\\. {_anchor(prefix + f'source-{n}')}" + ", ".join(bits) + f" ({escape(key, ' ')})")
    return [f"{sub} {_anchor(prefix + 'sources')}Sources", "\n\n".join(lines)]


def document(view: View, index: str | None = None) -> str:
    """One instrument's page; in a site (`--out-dir`) it starts with a link back to the index."""
    back = f"[← All instruments]({index})\n\n" if index else ""
    return back + body(view)


def corpus(views: list[View], as_of: str) -> str:
    toc = "\n".join(f"- [{escape(v.title, ' ')}](#{v.id}): {escape(v.status_summary, ' ')}" for v in views)
    parts = [f"# Instruments\n\nAs of {as_of}.\n\n{toc}\n"]
    parts += [body(v, level=2, prefix=v.id + "-") for v in views]
    return "\n".join(parts)


def index(entries, as_of: str) -> str:
    """Instruments grouped by status, newest first, each with a line saying what it is."""
    href = {e.id: h for e, h in entries}
    parts = [f"# Instruments\n\nStatus as of {as_of}; {len(entries)} instruments."]
    for _key, heading, members in publish.grouped([e for e, _ in entries]):
        lines = [f"- [{escape(e.title, ' ')}]({href[e.id]}): {escape(publish.describe(e), ' ')}" for e in members]
        parts.append(f"## {heading} ({len(members)})\n\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n"
