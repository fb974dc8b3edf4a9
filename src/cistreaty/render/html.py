"""One self-contained HTML page: no external assets, every piece of text through html.escape."""

from __future__ import annotations

from html import escape as _esc

from ..textsafe import printable
from .labels import direction, language_name
from . import publish, status_section
from .view import ArticleView, Para, Texts, View

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
  padding: 0 1rem; color: #111; background: #fff; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2, h3, h4 { font-size: 1.15rem; margin-top: 2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
nav.toc { font-size: .9rem; border-left: 3px solid #ccc; padding-left: 1rem; }
nav.toc ul { columns: 2; padding-left: 0; list-style: none; }
nav.toc li { break-inside: avoid; }
nav.site { font-size: .9rem; margin-bottom: 1rem; }
section.closing, section.sources { margin-top: 2.5rem; border-top: 1px solid #ccc; }
section.sources li { margin-bottom: .4rem; } .key { font-family: monospace; font-size: .85rem; color: #444; }

section.status table { border-collapse: collapse; font-size: .9rem; width: 100%; }
section.status th, section.status td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #ddd;
  vertical-align: top; overflow-wrap: normal; }
section.status td { white-space: nowrap; }
@media (max-width: 40rem) { nav.toc ul { columns: 1; } .cols { grid-auto-flow: row; }
  dl.meta { grid-template-columns: 1fr; } dl.meta dd { margin: 0 0 .4rem; } }
.notice { font-style: italic; }
.note { font-size: .9rem; border-left: 3px solid #999; padding-left: .75rem; color: #333; }
.cols { display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; gap: 1.5rem; }
a { color: #0645ad; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; color: #000; }
  nav.toc, nav.site { display: none; }
  a { color: inherit; text-decoration: none; }
  section.sources a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 9pt; }
  section.closing, section.signatures, section.status, section.sources { break-before: auto; }
  table { page-break-inside: auto; } tr { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
}
""".strip()


def _stacked_status() -> str:
    """Below the width the status table needs, each party becomes a block of "label: value" lines,
    as in the terminal: the labels come from the section's columns."""
    labels = " ".join(f'section.status td:nth-of-type({i})::before {{ content: "{c}: "; font-weight: bold; }}'
                      for i, c in enumerate(status_section.COLUMNS[1:], start=1))
    return ("@media (max-width: 48rem) {\n  section.status thead { position: absolute; left: -9999px; }\n"
            "  section.status tr, section.status th[scope=row], section.status td { display: block; }\n"
            "  section.status tr { border-bottom: 1px solid #ddd; padding: .3rem 0; }\n"
            "  section.status th, section.status td { border: 0; padding: 0 .25rem; white-space: normal; }\n"
            f"  {labels}\n}}")


def esc(text: str) -> str:
    """Escaped text; a line break in the source stays a line break."""
    return "<br>\n".join(_esc(ln.strip()) for ln in text.splitlines() if ln.strip())


def _attrs(lang: str) -> str:
    return f' lang="{_esc(lang)}" dir="{direction(lang)}"'


def _block(texts: Texts, items: tuple[Texts, ...], lang: str) -> str:
    out = [f"<p>{esc(t)}</p>" for code, t in texts if code == lang]
    entries = [f"<li>{esc(t)}</li>" for item in items for code, t in item if code == lang]
    if entries:
        out.append("<ul>\n" + "\n".join(entries) + "\n</ul>")
    return "\n".join(out)


def _paras(view: View, paras: tuple[Para, ...]) -> str:
    if not view.side_by_side:
        return "\n".join(_block(p.texts, p.items, view.page_lang) for p in paras)
    rows = []
    for p in paras:
        cols = "".join(f"<div{_attrs(c)}>{_block(p.texts, p.items, c)}</div>" for c in view.langs)
        rows.append(f'<div class="cols">{cols}</div>')
    return "\n".join(rows)


def _article(view: View, art: ArticleView, level: int, prefix: str) -> str:
    heading = _esc(art.label)
    if art.heading:
        heading += ". " + " / ".join(f"<span{_attrs(c)}>{esc(t)}</span>" for c, t in art.heading)
    out = [f'<section class="article">\n<h{level} id="{prefix}{art.anchor}">{heading}</h{level}>',
           _paras(view, art.paragraphs)]
    out += [f'<p class="note"><strong>Note:</strong> {esc(n)}</p>' for n in art.notes]
    return "\n".join(x for x in out if x) + "\n</section>"


def _toc(view: View, prefix: str) -> str:
    """Articles by number and heading ("12. Entry into force"), then the sections after them."""
    if not view.articles:
        return ""
    heading_lang = view.page_lang
    links = [f'<li><a href="#{prefix}{a.anchor}"{_attrs(a.heading[0][0]) if a.heading and a.heading[0][0] != heading_lang else ""}>'
             f'{esc(publish.toc_label(a))}</a></li>' for a in view.articles]
    for shown, anchor, label in ((_has_closing(view), "closing", "Closing formula and signature"),
                                 (bool(view.signatures), "signatures", "Signatures"),
                                 (view.status_section is not None, "status", "Status"),
                                 (bool(view.instrument.sources), "sources", "Sources"),
                                 (bool(view.notes), "notes", "Notes")):
        if shown:
            links.append(f'<li lang="en" dir="ltr"><a href="#{prefix}{anchor}">{label}</a></li>')
    items = "\n".join(links)
    return f'<nav class="toc" aria-label="Contents">\n<ul>\n{items}\n</ul>\n</nav>'


def _has_closing(view: View) -> bool:
    return bool(view.closing) or (view.selected is None and publish.signed_line(view.instrument) is not None)


def _meta(view: View) -> str:
    """The metadata list; a title in another language carries its `lang`."""
    langs = {f"Title in {language_name(code)}": code for code in view.instrument.title}
    rows = []
    for key, value in view.meta:
        code = langs.get(key)
        rows.append(f"<dt>{_esc(key)}</dt><dd{_attrs(code) if code else ''}>{esc(value)}</dd>")
    return '<dl class="meta" lang="en" dir="ltr">\n' + "\n".join(rows) + "\n</dl>"


def _closing(view: View, sub: int, prefix: str) -> str:
    """The closing formula and the place and date of signature: after the last article, not inside it."""
    if not _has_closing(view):
        return ""
    out = [f'<section class="closing">\n<h{sub} id="{prefix}closing" lang="en" dir="ltr">'
           f"Closing formula and signature</h{sub}>"]
    if view.closing:
        out.append(_paras(view, (Para(view.closing, ()),)))
    line = publish.signed_line(view.instrument)
    if line:
        out.append(f'<p class="signed" lang="en" dir="ltr">{esc(line)}</p>')
    return "\n".join(out) + "\n</section>"


def _sources(view: View, sub: int, prefix: str) -> str:
    """The sources as a numbered list, with titles and links; citations point here."""
    entries = publish.sources(view.instrument)
    if not entries:
        return ""
    items = []
    for n, key, src in entries:
        bits = [f"<cite>{esc(printable(src.title, newlines=False))}</cite>"]
        if src.date:
            bits.append(_esc(src.date.isoformat()))
        url = publish.web_url(src.url)
        if url:
            bits.append(f'<a href="{_esc(url)}">{_esc(url)}</a>')
        elif src.url:
            bits.append(esc(src.url))
        if src.note:
            bits.append(esc(src.note))
        items.append(f'<li id="{prefix}source-{n}">{", ".join(bits)} <span class="key">({_esc(key)})</span></li>')
    return (f'<section class="sources" lang="en" dir="ltr">\n<h{sub} id="{prefix}sources">Sources</h{sub}>\n'
            "<ol>\n" + "\n".join(items) + "\n</ol>\n</section>")


def _cited(view: View, html_text: str, prefix: str) -> str:
    """Each "source KEY" followed by a link to its number in the Sources list."""
    return publish.cite(html_text, publish.numbers(view.instrument),
                        lambda n, key: f' <a class="cite" href="#{prefix}source-{n}">[{n}]</a>')


def body(view: View, level: int = 1, prefix: str = "") -> str:
    sub = level + 1
    title_id = f' id="{prefix.rstrip("-")}"' if prefix else ""
    out = [f'<article{title_id}{_attrs(view.page_lang)}>',
           f"<h{level}{_attrs(view.title_lang)}>{esc(view.title)}</h{level}>",
           _cited(view, _meta(view), prefix), _toc(view, prefix)]
    if view.related:
        # In a corpus page the instruments are sections of the page; elsewhere, sibling files (--out-dir).
        items = "\n".join(
            f'<li><a href="{_esc("#" + rid if prefix else rid + ".html")}">{_esc(rid)}</a>: {esc(rel)}</li>'
            for rid, rel in view.related)
        out.append(f'<section class="related" lang="en" dir="ltr">\n<p>Related instruments:</p>\n'
                   f'<ul>\n{items}\n</ul>\n</section>')
    if view.notice:
        out.append(f'<p class="notice" lang="en" dir="ltr">{esc(view.notice)}</p>')
    if view.preamble:
        out.append(f'<section class="preamble" id="{prefix}preamble">\n{_paras(view, view.preamble)}\n</section>')
    out += [_article(view, a, sub, prefix) for a in view.articles]
    out.append(_closing(view, sub, prefix))
    if view.signatures:
        items = "\n".join(f"<li>{esc(s)}</li>" for s in view.signatures)
        out.append(f'<section class="signatures" lang="en" dir="ltr">\n'
                   f'<h{sub} id="{prefix}signatures">Signatures</h{sub}>\n<ul>\n{items}\n</ul>\n</section>')
    out.append(_cited(view, status_section.html(view.status_section, sub, prefix, esc, _attrs), prefix))
    if view.notes:
        items = "\n".join(f"<li>{esc(n)}</li>" for n in view.notes)
        out.append(_cited(view, f'<section class="notes" lang="en" dir="ltr">\n'
                                f'<h{sub} id="{prefix}notes">Notes</h{sub}>\n<ul>\n{items}\n</ul>\n</section>', prefix))
    out.append(_sources(view, sub, prefix))
    out.append("</article>")
    return "\n".join(x for x in out if x)


def page(title: str, content: str, lang: str = "en", head: str = "") -> str:
    extra = head + "\n" if head else ""
    return (f'<!DOCTYPE html>\n<html{_attrs(lang)}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>\n{CSS}\n{_stacked_status()}\n</style>\n{extra}</head>\n<body>\n<main>\n"
            f"{content}\n</main>\n</body>\n</html>\n")


def document(view: View, index: str | None = None) -> str:
    """One instrument's page; in a site (`--out-dir`) it links back to the index file `index`."""
    back = (f'<nav class="site" aria-label="Site" lang="en" dir="ltr"><a href="{_esc(index)}">'
            f"← All instruments</a></nav>\n" if index else "")
    return page(view.title, back + body(view), view.page_lang, head=publish.jsonld_script(view))


def _list(entries: list[tuple[View, str]]) -> str:
    rows = "\n".join(
        f'<li><a href="{_esc(href)}"{_attrs(v.title_lang)}>{esc(v.title)}</a> '
        f"({_esc(v.instrument.type)}): {esc(v.status_summary)}</li>" for v, href in entries)
    return f"<ul>\n{rows}\n</ul>"


def corpus(views: list[View], as_of: str) -> str:
    toc = _list([(v, "#" + v.id) for v in views])
    content = "\n".join([f"<h1>Instruments</h1>\n<p>As of {_esc(as_of)}.</p>",
                         f'<nav class="toc" aria-label="Contents">\n{toc}\n</nav>']
                        + [body(v, level=2, prefix=v.id + "-") for v in views])
    return page("Instruments", content)


def index(entries, as_of: str) -> str:
    """The site's index: instruments grouped by status, newest first, each with a line that says
    what it is (type, signature, parties) and where its status stands."""
    href = {e.id: h for e, h in entries}
    parts = ["<h1>Instruments</h1>", f"<p>Status as of {_esc(as_of)}; {len(entries)} instruments.</p>"]
    for key, heading, members in publish.grouped([e for e, _ in entries]):
        items = "\n".join(
            f'<li><a href="{_esc(href[e.id])}"{_attrs(e.title_lang or "en")}>{esc(e.title)}</a>'
            f'<br><span class="what">{esc(publish.describe(e))}</span></li>' for e in members)
        parts.append(f'<section class="group" id="{key}">\n<h2>{_esc(heading)} ({len(members)})</h2>\n'
                     f'<ul class="index">\n{items}\n</ul>\n</section>')
    return page("Instruments", "\n".join(parts))
