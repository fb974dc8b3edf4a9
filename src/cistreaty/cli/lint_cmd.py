"""`cistreaty lint`: check instrument files; exit 0 clean, 1 findings, 2 usage error."""

from __future__ import annotations

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
        None, metavar="PATH", help="Files or folders to check. Default: the corpus.", show_default=False),
    # --format as on every other command; --output-format stays, as ruff spells it.
    output_format: Optional[str] = typer.Option(
        None, "--format", "--output-format", "-f", metavar="FORMAT", help=FORMAT_HELP, show_default=False),
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
        None, "--jobs", "-j", min=1, metavar="N", help="Worker processes. Default: the number of usable cores.",
        show_default=False),
    no_cache: bool = typer.Option(False, "--no-cache", help="Check every file afresh and store nothing."),
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", metavar="DIR",
        help="Where results are cached by file content. Default: $CISTREATY_CACHE_DIR, else "
             "$XDG_CACHE_HOME/cistreaty, else ~/.cache/cistreaty.", show_default=False),
    corpus: Optional[Path] = common.CorpusOption,
    color: Optional[str] = common.ColorOption,
) -> None:
    """Check instrument files: YAML, schema and semantic rules (see `cistreaty rules`)."""
    from .lint_run import run

    code = run(paths, output_format, select, ignore, config, no_config, jobs, no_cache, cache_dir, corpus)
    if code:
        raise typer.Exit(code)
