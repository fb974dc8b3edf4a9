"""`cistreaty lint`: check instrument files; exit 0 clean, 1 findings, 2 usage error."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from . import common

FORMAT_HELP = (
    "text (path:line:col: CODE message), json (a list of diagnostics), json-lines (one JSON object per "
    "line), github (workflow annotations, then the text log), sarif (SARIF 2.1.0 for code scanning) or "
    "junit (one testcase per file). Default: $CISTREATY_OUTPUT_FORMAT, else the configuration's "
    "output-format, else github when GITHUB_ACTIONS=true, else text.")


def lint(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Files or folders to check. Default: the corpus.", show_default=False),
    output_format: Optional[str] = typer.Option(
        None, "--output-format", "-f", metavar="FORMAT", help=FORMAT_HELP, show_default=False),
    select: Optional[str] = typer.Option(
        None, "--select", metavar="CODES",
        help="Report only these codes or prefixes, comma-separated (C1,Y). Overrides the configuration's select.",
        show_default=False),
    ignore: Optional[str] = typer.Option(
        None, "--ignore", metavar="CODES",
        help="Do not report these codes or prefixes, comma-separated. Overrides the configuration's ignore.",
        show_default=False),
    config: Optional[Path] = typer.Option(
        None, "--config", metavar="FILE",
        help="Read this .cistreaty.yaml or pyproject.toml. Default: the first found from the current "
             "directory upwards (see docs/ecosystem.md).", show_default=False),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore every configuration file."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes. Default: the number of usable cores.",
        show_default=False),
    no_cache: bool = typer.Option(False, "--no-cache", help="Check every file afresh and store nothing."),
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", metavar="DIR",
        help="Where results are cached by file content. Default: $CISTREATY_CACHE_DIR, else "
             "$XDG_CACHE_HOME/cistreaty, else ~/.cache/cistreaty.", show_default=False),
    corpus: Optional[Path] = common.CorpusOption,
) -> None:
    """Check instrument files: YAML, schema and semantic rules (see `cistreaty rules`)."""
    from ..io.corpus import CorpusError, list_files
    from ..io.corpus import sibling_ids
    from ..diagnostics import sort_diagnostics
    from ..lint import output, suppress
    from ..lint.runner import check_files, cross_file

    cfg = _config(config, no_config, select, ignore)
    fmt = output_format or os.environ.get(output.ENV_VAR) or cfg.output_format
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in output.FORMATS:
        where = ("--output-format" if output_format else
                 output.ENV_VAR if os.environ.get(output.ENV_VAR) else "configuration")
        common.fail(f"{where}: {fmt!r} is not one of {', '.join(output.FORMATS)}")
    if corpus is None and not os.environ.get("CISTREATY_CORPUS"):
        corpus = cfg.corpus
    targets = list(paths) if paths else [common.corpus_dir(corpus)]
    try:
        listing = list_files(targets)
    except CorpusError as exc:
        common.fail(str(exc))
    # Files given by path (an example protocol, a draft) still resolve `amends:` in the user's
    # corpus (--corpus, $CISTREATY_CORPUS, ./agreements) — never in the one shipped with cistreaty,
    # which would hide a base missing from the user's own corpus.
    lookup_corpus = None
    if paths:
        from ..io.corpus import find_corpus

        try:
            found = find_corpus(corpus)
        except CorpusError:
            found = None
        shipped = Path(__file__).resolve().parent.parent / "data" / "agreements"
        if found is not None and found.resolve() != shipped:
            lookup_corpus = os.fspath(found)
    cache = None
    if not no_cache:
        from ..lint.cache import Cache, default_dir

        cache = Cache(cache_dir or default_dir())

    def track(display: str) -> None:
        common.CURRENT_FILE = display

    try:
        reports = check_files(listing.files, jobs=jobs, cache=cache, on_file=track, corpus=lookup_corpus)
    finally:
        if cache is not None:
            cache.close()
    common.CURRENT_FILE = None
    diagnostics = list(listing.diagnostics)
    for report in reports:
        diagnostics.extend(report.diagnostics)
    real = dict(listing.files)
    diagnostics.extend(suppress.apply_cross_file(
        cross_file(reports, sibling_ids([d for d, _ in listing.files], lookup_corpus)),
        lambda display, n: _line(real.get(display), n)))
    # After the cache, so that changing the configuration never invalidates it.
    diagnostics = sort_diagnostics([d for d in diagnostics if cfg.is_selected(d.code, d.path)])
    output.emit(diagnostics, fmt, files=len(listing.files), checked=[d for d, _ in listing.files])
    if diagnostics:
        raise typer.Exit(1)


def _config(path: Optional[Path], no_config: bool, select: Optional[str], ignore: Optional[str]):
    from ..lint.config import Config, ConfigError, load, parse_codes

    try:
        cfg = Config() if no_config else load(path)
        for option, value in (("--select", select), ("--ignore", ignore)):
            if value is not None:
                codes = parse_codes([c.strip() for c in value.split(",") if c.strip()], (option,),
                               lambda loc: loc[0])
                if option == "--select":
                    cfg.select = codes
                else:
                    cfg.ignore = codes
    except ConfigError as exc:
        common.fail(str(exc))
    return cfg


def _line(path: Optional[Path], n: int) -> Optional[str]:
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh, start=1):
                if i == n:
                    return line.rstrip("\r\n")
    except OSError:
        return None
    return None
