"""One self-contained HTML page: no external assets, every piece of text through html.escape."""

from __future__ import annotations

from html import escape as _esc

from .labels import direction
from . import status_section
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
nav.toc ol { columns: 2; padding-left: 1.2rem; }
.notice { font-style: italic; }
.note { font-size: .9rem; border-left: 3px solid #999; padding-left: .75rem; color: #333; }
.cols { display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; gap: 1.5rem; }
a { color: #0645ad; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; color: #000; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
}
""".strip()


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
    if not view.articles:
        return ""
    links = "\n".join(f'<li><a href="#{prefix}{a.anchor}">{_esc(a.label)}</a></li>' for a in view.articles)
    return f'<nav class="toc" aria-label="Contents">\n<ol>\n{links}\n</ol>\n</nav>'


def body(view: View, level: int = 1, prefix: str = "") -> str:
    sub = level + 1
    meta = "\n".join(f"<dt>{_esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in view.meta)
    title_id = f' id="{prefix.rstrip("-")}"' if prefix else ""
    out = [f'<article{title_id}{_attrs(view.page_lang)}>',
           f"<h{level}{_attrs(view.title_lang)}>{esc(view.title)}</h{level}>",
           f'<dl class="meta" lang="en" dir="ltr">\n{meta}\n</dl>', _toc(view, prefix)]
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
    if view.closing:
        out.append(f'<section class="closing">\n{_paras(view, (Para(view.closing, ()),))}\n</section>')
    if view.signatures:
        items = "\n".join(f"<li>{esc(s)}</li>" for s in view.signatures)
        out.append(f'<section class="signatures" lang="en" dir="ltr">\n'
                   f'<h{sub} id="{prefix}signatures">Signatures</h{sub}>\n<ul>\n{items}\n</ul>\n</section>')
    out.append(status_section.html(view.status_section, sub, prefix, esc, _attrs))
    if view.notes:
        items = "\n".join(f"<li>{esc(n)}</li>" for n in view.notes)
        out.append(f'<section class="notes" lang="en" dir="ltr">\n'
                   f'<h{sub} id="{prefix}notes">Notes</h{sub}>\n<ul>\n{items}\n</ul>\n</section>')
    out.append("</article>")
    return "\n".join(x for x in out if x)


def page(title: str, content: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html>\n<html{_attrs(lang)}>\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
            f"{content}\n</main>\n</body>\n</html>\n")


def document(view: View) -> str:
    return page(view.title, body(view), view.page_lang)


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


def index(entries: list[tuple[View, str]], as_of: str) -> str:
    return page("Instruments", f"<h1>Instruments</h1>\n<p>As of {_esc(as_of)}.</p>\n{_list(entries)}")
