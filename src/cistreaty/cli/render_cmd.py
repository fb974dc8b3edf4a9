"""`cistreaty render`: an instrument (or the corpus) as Markdown, HTML, plain text or JSON."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import typer

from . import common, shell

FORMATS = ("md", "html", "txt", "json", "akn")


def _write(path: Path, text: str, force: bool) -> None:
    from ..io.files import WriteError, write_atomic

    try:
        write_atomic(path, text, force=force)
    except WriteError as exc:
        common.fail(str(exc))


def _consolidated(corpus, inst, options):
    """The text in force on the date (for the party), with notes naming the protocols applied."""
    from ..engine.amend import ProtocolDoesNotApply
    from ..render.register import prepared

    try:
        return prepared(inst, corpus.protocols_of(inst.id), options)
    except ProtocolDoesNotApply as exc:
        from . import report

        report.protocol(corpus.paths.get(exc.protocol, exc.protocol), inst.id, exc.errors)


def render(
    ident: Optional[str] = typer.Argument(
        None, metavar="ID", help="Instrument id (the file's stem). Without it: the whole corpus.", show_default=False,
        autocompletion=common.complete_ids),
    fmt: str = typer.Option("md", "--format", "-f", metavar="md|html|txt|json|akn",
                            help="Output format; akn: Akoma Ntoso 3.0 XML, one document per instrument "
                                 "(docs/akn.md)."),
    lang: Optional[str] = typer.Option(
        None, "--lang", metavar="CODE|all",
        help="Language of the text (default: the first authentic language held, else English); "
             "`all` puts the languages side by side.", show_default=False),
    articles: Optional[str] = typer.Option(
        None, "--articles", metavar="1,3-5", help="Only these articles (needs an ID).", show_default=False),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status and text in force on this date (default: today): the protocols in force then are "
             "applied, and each article they changed says which and since when.", show_default=False),
    party: Optional[str] = typer.Option(
        None, "--party", metavar="CODE", autocompletion=common.complete_party,
        help="Also show the status for this party (ISO 3166-1 alpha-2); the text is the one in force for it.",
        show_default=False),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically; `-` for stdout) instead of stdout.",
        show_default=False),
    out_dir: Optional[Path] = typer.Option(
        None, "--out-dir", metavar="DIR",
        help="Whole corpus: one file per instrument plus an index, in DIR (akn: DIR/ID.xml, no index). The "
             "pages are written into a new folder beside DIR that then replaces it whole.", show_default=False),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file, or replace a DIR of pages that "
                                                      "is not empty (files the new pages lack are removed; a DIR "
                                                      "holding anything but pages is refused)."),
    corpus_opt: Optional[Path] = common.CorpusOption,
    color: Optional[str] = common.ColorOption,
    no_cache: bool = common.NoAnswerCacheOption,
) -> None:
    """Render an instrument, or the whole corpus, as Markdown, HTML, plain text, JSON or Akoma Ntoso.

    Output is deterministic: the same files and options give the same bytes.
    """
    from ..render import Options, RenderError

    party = _check_options(ident, fmt, lang, articles, party, output, out_dir)
    date = common.parse_date(as_of, "--as-of") or common.today()
    options = Options(as_of=date, lang=lang, articles=articles, party=party, lang_preference=ident is None)
    if out_dir is not None:  # streamed: the corpus is never loaded whole (render_site.py)
        from .render_site import write_site

        return write_site(common.corpus_dir(corpus_opt), fmt, options, out_dir, force)
    corpus = common.load_corpus(corpus_opt)
    if fmt == "akn":
        from .render_akn import run

        return run(corpus, ident, options, output, out_dir, force, _write)
    if ident is None:
        common.warn_broken(corpus.broken)
    try:
        text = _one(corpus, ident, fmt, options) if ident is not None else _all(corpus, fmt, options)
    except RenderError as exc:
        common.fail(str(exc))
    if output is not None and str(output) != "-":
        _write(output, text, force)
    else:
        typer.echo(text, nl=False)


def _check_options(ident, fmt, lang, articles, party, output, out_dir) -> Optional[str]:
    """Usage errors (exit 2) before anything is read; returns --party as it is used (upper case)."""
    from .. import countries

    if fmt not in FORMATS:
        common.fail(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if output is not None and out_dir is not None:
        common.fail("-o/--output and --out-dir exclude each other: give one")
    if out_dir is not None and ident is not None:
        common.fail("--out-dir renders the whole corpus: drop the ID, or use -o FILE for one instrument")
    if articles is not None and ident is None:
        common.fail("--articles selects articles of one instrument: give its ID")
    if lang is not None and lang != "all" and not re.fullmatch(r"[a-z]{2,3}", lang):
        common.fail(f"--lang: {lang!r} is not a language code (en, ru, ...) or `all`")
    if party is not None:
        party = party.strip().upper()  # as status and calendar take it
    if party is not None and not countries.is_valid(party):
        common.fail(f"--party: {party!r} is not an ISO 3166-1 alpha-2 code (e.g. KG, RU)")
    return party


def _one(corpus, ident: str, fmt: str, options) -> str:
    from ..render import render as render_one

    inst = corpus.get(ident)
    if inst is None:
        common.fail_unknown_id(corpus, ident)
    shell.CURRENT_FILE = corpus.paths.get(ident)
    inst, options = _consolidated(corpus, inst, options)
    return render_one(inst, fmt, options)


def _all(corpus, fmt: str, options) -> str:
    """The whole corpus in one document."""
    from ..render import render_corpus

    # Each instrument as in force on the date (for the party), as `render ID` gives it.
    def prepare(inst, opts):
        shell.CURRENT_FILE = corpus.paths.get(inst.id)
        return _consolidated(corpus, inst, opts)

    return render_corpus(corpus.instruments.values(), fmt, options, prepare)
