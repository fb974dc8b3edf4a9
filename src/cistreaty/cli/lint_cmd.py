"""`cistreaty lint`: check instrument files; exit 0 clean, 1 findings, 2 usage error."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import common


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def lint(
    paths: Optional[List[Path]] = typer.Argument(
        None, help="Files or folders to check. Default: the corpus.", show_default=False),
    output_format: Optional[OutputFormat] = typer.Option(
        None, "--output-format", "-f",
        help="text (path:line:col: CODE message), json (a list of diagnostics) or github (workflow "
             "annotations, then the text log). Default: github when GITHUB_ACTIONS=true, else text.",
        show_default=False),
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
    from ..corpus import CorpusError, list_files
    from ..lint import cross_file, sibling_ids, sort_diagnostics
    from ..lint import output
    from ..lint.runner import check_files

    if output_format is None:
        output_format = OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text
    targets = list(paths) if paths else [common.corpus_dir(corpus)]
    try:
        listing = list_files(targets)
    except CorpusError as exc:
        common.fail(str(exc))
    cache = None
    if not no_cache:
        from ..lint.cache import Cache, default_dir

        cache = Cache(cache_dir or default_dir())

    def track(display: str) -> None:
        common.CURRENT_FILE = display

    try:
        reports = check_files(listing.files, jobs=jobs, cache=cache, on_file=track)
    finally:
        if cache is not None:
            cache.close()
    common.CURRENT_FILE = None
    diagnostics = list(listing.diagnostics)
    for report in reports:
        diagnostics.extend(report.diagnostics)
    diagnostics.extend(cross_file(reports, sibling_ids([d for d, _ in listing.files])))
    diagnostics = sort_diagnostics(diagnostics)
    output.emit(diagnostics, output_format.value, files=len(listing.files))
    if diagnostics:
        raise typer.Exit(1)
