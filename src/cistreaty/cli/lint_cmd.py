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
    # Imported here rather than at the top: `cistreaty --help` loads no command's code.
    from ..io.corpus import CorpusError, find_corpus, list_files
    from ..lint import output, session
    from ..lint.cache import default_dir

    cfg = _config(config, no_config, select, ignore)
    try:
        fmt = session.pick_format(output_format, os.environ.get(output.ENV_VAR), cfg,
                                  on_github=os.environ.get("GITHUB_ACTIONS") == "true")
    except session.UsageError as exc:
        common.fail(str(exc))
    if corpus is None and not os.environ.get("CISTREATY_CORPUS"):
        corpus = cfg.corpus
    try:
        listing = list_files(list(paths) if paths else [common.corpus_dir(corpus)])
    except CorpusError as exc:
        common.fail(str(exc))
    try:
        found = find_corpus(corpus) if paths else None
    except CorpusError:
        found = None
    shipped = Path(__file__).resolve().parent.parent / "data" / "agreements"

    def track(display: str) -> None:
        common.CURRENT_FILE = display

    # The folder whose files must declare what the corpus requires (C130): the one linted, or the
    # user's corpus for files named by path.
    corpus_root = found if paths else common.corpus_dir(corpus)
    diagnostics = session.run(listing, cfg, jobs=jobs, cache_dir=None if no_cache else (cache_dir or default_dir()),
                              corpus=session.lookup_corpus(found, shipped), on_file=track,
                              corpus_root=corpus_root)
    common.CURRENT_FILE = None
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
