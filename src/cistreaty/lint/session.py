"""One `cistreaty lint` run, from the list of files to the sorted diagnostics it prints.

The order matters and lives here: the per-file checks (cached, in worker processes), then the
rules that need every file, their `noqa` comments, and last the configuration's select/ignore,
after the cache, so that changing the configuration never invalidates it. The CLI parses the
options and the environment and prints; nothing here does either.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, sort_diagnostics
from ..io.corpus import FileList, sibling_ids
from . import suppress
from .cache import Cache
from .config import Config
from .output import ENV_VAR, FORMATS
from .runner import check_files, cross_file


class UsageError(Exception):
    """An option or setting the run cannot use (exit 2)."""


def pick_format(option: str | None, environ_value: str | None, cfg: Config, on_github: bool) -> str:
    """--output-format, then $CISTREATY_OUTPUT_FORMAT, then the configuration, then github on
    GitHub Actions, else text."""
    fmt = option or environ_value or cfg.output_format or ("github" if on_github else "text")
    if fmt not in FORMATS:
        where = "--output-format" if option else ENV_VAR if environ_value else "configuration"
        raise UsageError(f"{where}: {fmt!r} is not one of {', '.join(FORMATS)}")
    return fmt


def lookup_corpus(found: Path | None, shipped: Path) -> str | None:
    """Where files given by path (an example protocol, a draft) resolve `amends:`: the user's
    corpus, never the one shipped with cistreaty, which would hide a base missing from theirs."""
    if found is None or found.resolve() == shipped.resolve():
        return None
    return os.fspath(found)


def run(listing: FileList, cfg: Config, *, jobs: int | None = None, cache_dir: Path | None = None,
        corpus: str | None = None, on_file=None, corpus_root: Path | None = None) -> list[Diagnostic]:
    """Every diagnostic of the run, selected by the configuration and sorted. `cache_dir` None: no cache."""
    cache = Cache(cache_dir) if cache_dir is not None else None
    try:
        reports = check_files(listing.files, jobs=jobs, cache=cache, on_file=on_file, corpus=corpus)
    finally:
        if cache is not None:
            cache.close()
    diagnostics = list(listing.diagnostics)
    for report in reports:
        diagnostics.extend(report.diagnostics)
    real = dict(listing.files)
    displays = [d for d, _ in listing.files]
    diagnostics.extend(suppress.apply_cross_file(
        cross_file(reports, sibling_ids(displays, corpus)), lambda display, n: read_line(real.get(display), n)))
    diagnostics = corpus_only(diagnostics, real, corpus_root, listing.not_links)
    return sort_diagnostics([d for d in diagnostics if cfg.is_selected(d.code, d.path)])


def corpus_only(diagnostics: list[Diagnostic], real: dict, corpus_root: Path | None,
                not_links: set[str] = frozenset()) -> list[Diagnostic]:
    """Keep what only a corpus file must declare (C130) for files inside `corpus_root`: examples and
    tests elsewhere are exempt. After the cache, which keys results by file and not by folder."""
    from .rules.record import CORPUS_ONLY

    if not any(d.code in CORPUS_ONLY for d in diagnostics):
        return diagnostics
    root = Path(corpus_root).resolve() if corpus_root is not None else None
    folders: dict[str, bool] = {}

    def resolved_inside(path) -> bool:
        try:
            return Path(path).resolve().is_relative_to(root)
        except OSError:
            return False

    def inside(display: str) -> bool:
        # Resolved per folder, not per file (thousands of findings, a handful of folders): a file's
        # resolved path is its folder's joined with its name, unless the name is itself a link.
        path = real.get(display)
        if root is None or path is None:
            return False
        folder, name = os.path.split(os.fspath(path))
        if not name or name in (".", "..") or (display not in not_links and os.path.islink(path)):
            return resolved_inside(path)
        if folder not in folders:
            folders[folder] = resolved_inside(folder or ".")
        return folders[folder]

    return [d for d in diagnostics if d.code not in CORPUS_ONLY or inside(d.path)]


def read_line(path: Path | None, n: int) -> str | None:
    """Line n of a file (for the noqa comment of a cross-file finding), or None."""
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
