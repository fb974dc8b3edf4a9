"""What `cistreaty lint` does once its options are parsed, without typer.

`lint_cmd.lint` parses the options with typer and calls `run`; `entry.py` calls it directly for a
plain `cistreaty lint [PATH...]` (no option at all), the request pre-commit and CI make, so that a
fully cached run does not import typer (docs/performance.md, "Start-up"). Both give the same
defaults, so both print the same bytes (tests/test_lint_fast_path.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from . import shell


def run(paths: Optional[Sequence[Path]] = None, output_format: Optional[str] = None,
        select: Optional[str] = None, ignore: Optional[str] = None, config: Optional[Path] = None,
        no_config: bool = False, jobs: Optional[int] = None, no_cache: bool = False,
        cache_dir: Optional[Path] = None, corpus: Optional[Path] = None) -> int:
    """Lint and print; the exit code (0 clean, 1 findings). Usage errors exit 2 (`shell.fail`)."""
    from ..io.corpus import CorpusError, find_corpus, list_files
    from ..lint import output, session
    from ..lint.cache import default_dir

    cfg = _config(config, no_config, select, ignore)
    try:
        fmt = session.pick_format(output_format, os.environ.get(output.ENV_VAR), cfg,
                                  on_github=os.environ.get("GITHUB_ACTIONS") == "true")
    except session.UsageError as exc:
        shell.fail(str(exc))
    label = "--corpus"
    if corpus is None and not os.environ.get("CISTREATY_CORPUS"):
        corpus = cfg.corpus
        if corpus is not None:
            label = shell.config_label(cfg)
    try:
        # The configuration was read above, as --config and --no-config say: shell.corpus_dir
        # would discover it again (twice: the listing and C130's folder).
        root = None if paths else find_corpus(corpus, label=label)
        listing = list_files(list(paths) if paths else [root])
    except CorpusError as exc:
        shell.fail(str(exc))
    try:
        found = find_corpus(corpus) if paths else None
    except CorpusError:
        found = None
    shipped = Path(__file__).resolve().parent.parent / "data" / "agreements"

    def track(display: str) -> None:
        shell.CURRENT_FILE = display

    # The folder whose files must declare what the corpus requires (C130): the one linted, or the
    # user's corpus for files named by path.
    corpus_root = found if paths else root
    diagnostics = session.run(listing, cfg, jobs=jobs, cache_dir=None if no_cache else (cache_dir or default_dir()),
                              corpus=session.lookup_corpus(found, shipped), on_file=track,
                              corpus_root=corpus_root)
    shell.CURRENT_FILE = None
    # Paths the listing itself reported (named but missing, a folder that cannot be read, a link
    # refused) count in the summary's "N of M files" beside the files checked.
    checked = [d for d, _ in listing.files]
    named = len({d.path for d in listing.diagnostics} - set(checked))
    output.emit(diagnostics, fmt, files=len(checked) + named, checked=checked)
    return 1 if diagnostics else 0


def _config(path: Optional[Path], no_config: bool, select: Optional[str], ignore: Optional[str]):
    from ..lint.config import Config, ConfigError, load, parse_codes

    try:
        cfg = Config() if no_config else load(path)
        for option, value in (("--select", select), ("--ignore", ignore)):
            if value is not None:
                codes = parse_codes([c.strip() for c in value.split(",") if c.strip()], (option,),
                                    lambda loc: loc[0], empty=repr(value) if option == "--select" else None)
                if option == "--select":
                    cfg.select = codes
                else:
                    cfg.ignore = codes
    except ConfigError as exc:
        shell.fail(str(exc))
    return cfg


def plain_request(args: list[str]) -> Optional[list[Path]]:
    """The paths of `lint PATH...` when `args` is exactly that (no option, no empty word), else None:
    only then do typer's defaults need no parsing to be known."""
    if not args or args[0] != "lint" or any(not a or a.startswith("-") for a in args[1:]):
        return None
    if any(k.startswith("_CISTREATY_COMPLETE") for k in os.environ):
        return None
    return [Path(a) for a in args[1:]]
