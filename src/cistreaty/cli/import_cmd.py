"""`cistreaty import`: the first draft of an instrument file from a published plain-text treaty."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import common, shell


class Lang(str, Enum):
    en = "en"
    ru = "ru"


class Kind(str, Enum):
    agreement = "agreement"
    convention = "convention"
    treaty = "treaty"
    protocol = "protocol"
    decision = "decision"
    concept = "concept"
    other = "other"


def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="The treaty text: a UTF-8 plain-text file (CRLF and a BOM are fine), "
                                "or an Akoma Ntoso act or doc (FILE.xml, docs/akn.md).", show_default=False),
    ident: Optional[str] = typer.Option(None, "--id", metavar="ID",
                                        help="The instrument id, lowercase kebab-case (e.g. heavy-machinery). "
                                             "Required for a text; an AKN file's default is its FRBRnumber.",
                                        show_default=False),
    lang: Optional[Lang] = typer.Option(None, "--lang", metavar="en|ru", help="Language of the text. Default: guessed from "
                                        "its script (Cyrillic: ru, else en).", show_default=False),
    kind: Optional[Kind] = typer.Option(None, "--type", metavar="TYPE", help="Instrument type: agreement, convention, "
                                        "treaty, protocol, decision, concept or other. Default: from the title's "
                                        "first word (Agreement, Соглашение... ), else agreement.",
                                        show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH",
                                         help="Where to write; '-' for stdout. Default: agreements/ID.yaml "
                                              "when ./agreements exists, else ./ID.yaml.", show_default=False),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    color: Optional[str] = common.ColorOption,
) -> None:
    """Draft an instrument file from a plain-text treaty: title, place and date, preamble, articles,
    list items, closing formula and signature block. Lines it leaves out or cannot place are
    reported on stderr as FILE:LINE: warning|note: ...; clauses it cannot turn into data become
    TODO comments; the result is linted and the remaining findings listed. See docs/import.md.

    An Akoma Ntoso act or doc (FILE.xml, or any file starting with '<') is read instead: what it
    cannot map is listed as FILE:LINE: note: ... with its XPath. See docs/akn.md."""
    import re

    if ident is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        common.fail(f"--id: {ident!r} is not a lowercase kebab-case id (e.g. heavy-machinery)")
    display = os.fsdecode(file)
    shell.CURRENT_FILE = display
    raw, text, is_xml = _read(file, display)
    if is_xml:
        from .import_akn import draft

        if lang is not None:
            common.fail("--lang: an Akoma Ntoso file names its language itself (FRBRlanguage)")
        yaml_text, ident = draft(raw, display, file.name, ident, kind.value if kind else None)
    else:
        if ident is None:
            common.fail("--id is required for a plain-text file: the instrument id, e.g. --id heavy-machinery")
        yaml_text = _from_text(text, display, file.name, ident, lang, kind)
    _write_and_lint(yaml_text, output, ident, force)
    shell.CURRENT_FILE = None


def _read(file: Path, display: str):
    """(bytes, text or None for XML, whether it is XML); an unreadable or non-UTF-8 file is exit 2."""
    from ..io import decoding, yamlio
    from ..io.files import read_bytes

    try:
        raw = read_bytes(file, display)
        is_xml = _looks_like_xml(file, raw)
        return raw, None if is_xml else decoding.decode(raw, display), is_xml
    except yamlio.LoadError as exc:
        d = exc.diagnostics[0]
        where = f"{d.path}:{d.line}:{d.col}" if d.line else d.path
        common.fail(f"{where}: {d.message}")


def _write_and_lint(yaml_text: str, output: Optional[str], ident: str, force: bool) -> None:
    """The draft to stdout (-o -) or to its file, then the lint findings left to resolve by hand."""
    from ..io import files

    if output == "-":
        sys.stdout.write(yaml_text)
        sys.stdout.flush()
        diags = _lint_text(yaml_text, "<stdout>", ident)
        _report(diags)
        shell.CURRENT_FILE = None
        _refused(diags)
        return
    if output:
        target = Path(output)
    else:
        target = (Path("agreements") if Path("agreements").is_dir() else Path(".")) / f"{ident}.yaml"
    try:
        files.write_atomic(target, yaml_text, force=force)
    except files.WriteError as exc:
        common.fail(str(exc))
    typer.echo(f"cistreaty: wrote {os.fsdecode(target)}", err=True)
    from ..lint.check import check_file

    diags = check_file(os.fsdecode(target), target).diagnostics
    _report(diags)
    shell.CURRENT_FILE = None
    _refused(diags)


def _refused(diags: list) -> None:
    """Exit 1 when lint cannot even read the draft (too large, too many nodes...): findings to
    resolve by hand are normal in a draft, a file no command can load is not."""
    refused = [d for d in diags if d.code.startswith("Y") and d.severity == "error"]
    if refused:
        typer.echo(f"cistreaty: the draft cannot be used: lint refuses it ({refused[0].code} "
                   f"{refused[0].message}); split the text or shorten it", err=True)
        raise typer.Exit(1)


def _looks_like_xml(file: Path, raw: bytes) -> bool:
    """FILE.xml, or a file whose first character is '<' (a treaty's text never starts with one)."""
    head = raw[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return file.suffix.lower() == ".xml" or head.startswith(b"<") or head.startswith(b"\xff\xfe<") \
        or head.startswith(b"\xfe\xff\x00<")


def _from_text(text: str, display: str, name: str, ident: str, lang, kind) -> str:
    from ..importer import clauses, emit, parse

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = parse.parse(text, lang.value if lang else None)
    # What the text left out, and which final clauses were read into data and which were not.
    notes = sorted([(m.line, m.kind, m.text) for m in parsed.messages]
                   + [(n.line, n.kind, n.text) for n in clauses.draft(parsed).notes])
    for line, kind_, message in notes:
        typer.echo(f"{display}:{line}: {kind_}: {message}", err=True)
    if parsed.title is None:
        common.fail(f"{display}: no title found (a line naming the instrument, such as 'Agreement on ...' "
                    "or «Соглашение о ...», before the first article)")
    type_ = kind.value if kind else (parse.instrument_type(parsed.title) or "agreement")
    return emit.emit(parsed, ident=ident, type_=type_, lang=parsed.lang, source_name=name)


def _lint_text(text: str, display: str, stem: str) -> list:
    """The file rules on text that was never written (for -o -)."""
    from ..lint.check import check_text

    return check_text(text, display, stem)


def _report(diags: list) -> None:
    from ..diagnostics import sort_diagnostics
    from ..lint.rules.record import CORPUS_ONLY

    # A draft is not yet a corpus file: what only the corpus requires (C130) is lint's to ask later.
    diags = [d for d in diags if d.code not in CORPUS_ONLY]
    if not diags:
        typer.echo("cistreaty: the draft passes lint", err=True)
        return
    typer.echo(f"cistreaty: the draft has {len(diags)} lint finding(s) to resolve by hand:", err=True)
    for d in sort_diagnostics(diags):
        typer.echo(d.format(), err=True)
