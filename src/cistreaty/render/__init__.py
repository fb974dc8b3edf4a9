"""Render instruments as documents people read (md, html, txt) or programs read (json).

Pure functions: models and options in, a string out. The caller supplies the date (`Options.as_of`),
so the same input always gives the same bytes.
"""

from __future__ import annotations

from types import ModuleType

from ..textsafe import safe_output
from .view import Options, RenderError, View, build, default_language, select_articles, text_languages

FORMATS = ("md", "html", "txt", "json")
EXTENSIONS = {"md": "md", "html": "html", "txt": "txt", "json": "json"}

__all__ = ["FORMATS", "EXTENSIONS", "Options", "RenderError", "View", "build", "default_language",
           "select_articles", "text_languages", "render", "render_corpus", "formatter"]


def formatter(fmt: str) -> ModuleType:
    # Imported on first use, not with the package: `status` imports render/ for its tables and
    # summary line and never needs a document format.
    from . import html, jsondoc, markdown, text

    modules = {"md": markdown, "html": html, "txt": text, "json": jsondoc}
    if fmt not in modules:
        raise RenderError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return modules[fmt]


def safe(fmt: str, text: str) -> str:
    """A finished document as it may be written: no control character, no workflow-command line."""
    return safe_output(text, fmt if fmt != "txt" else "text")


def render(instrument, fmt: str, options: Options) -> str:
    """One instrument as one document."""
    return safe(fmt, formatter(fmt).document(build(instrument, options)))


def views_of(instruments, options: Options, prepare=None) -> list[View]:
    """The views of every instrument, sorted by id.

    `prepare(instrument, options) -> (instrument, options)` lets the caller substitute the text in
    force (protocols applied, with their notes) for each instrument, as `render ID` does for one.
    """
    out = []
    for inst in sorted(instruments, key=lambda i: i.id):
        inst_options = options
        if prepare is not None:
            inst, inst_options = prepare(inst, options)
        out.append(build(inst, inst_options))
    return out


def render_corpus(instruments, fmt: str, options: Options, prepare=None) -> str:
    """Every instrument, sorted by id, in one document with a table of contents."""
    return safe(fmt, formatter(fmt).corpus(views_of(instruments, options, prepare), options.as_of.isoformat()))
