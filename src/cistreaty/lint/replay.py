"""A whole run's reports, kept under the list of files it checked, so that running it again over
unchanged files costs one `stat` per file and one small read: no query, no row decoded, no SQLite.

An entry is found by the cache's fingerprint (cistreaty's code, Python and the libraries), the
working directory, the corpus a protocol's base is looked up in, and every file of the run in
order, by displayed and given path. It holds each file's stat as the rows of `cache.py` hold it and
the reports. It answers only when every file's stat is the stored one and every other file a check
read (a protocol's base) is unchanged, as a row would; anything else, or an entry that does not
read back exactly as written, and the run goes on to the rows. An entry is written only when every
file's stat can be trusted (none was changed within the racy window, snapshot.RACY_NS).

Kept for runs of at least MIN_FILES files, the case where the rows' per-file work shows (pre-commit
names a few changed files, each commit another list); at most KEEP entries, those used last.
"""

from __future__ import annotations

import marshal
import os

from ..diagnostics import Diagnostic
from ..own_state import blake2b, read_sealed, write_sealed
from . import snapshot
from .report import FileReport

MIN_FILES = 200
KEEP = 8
_VERSION = "cistreaty-lint-run-1"
_FOLDER = "lint-runs-v1"


def _key(prefix: str, files: list[tuple[str, object]], corpus: str | None) -> str:
    h = blake2b(f"{_VERSION}\0{prefix}\0{os.getcwd()}\0{os.path.abspath(corpus) if corpus else ''}\0"
                .encode("utf-8", "surrogateescape"), digest_size=20)
    h.update("\0".join(f"{display}\0{os.fspath(path)}" for display, path in files)
             .encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _entry(folder, prefix: str, files, corpus) -> str:
    return os.path.join(folder, _FOLDER, _key(prefix, files, corpus))


def _report(display: str, item) -> FileReport:
    diagnostics, ident, id_pos, amends, amends_pos, deps = item
    return FileReport(path=display, diagnostics=[Diagnostic(*d) for d in diagnostics], id=ident,
                      id_pos=id_pos, amends=amends, amends_pos=amends_pos, deps=[list(d) for d in deps])


def load(folder, prefix: str, files: list[tuple[str, object]], corpus: str | None) -> list[FileReport] | None:
    """The reports of this very run when nothing it read changed, else None."""
    try:
        entry = _entry(folder, prefix, files, corpus)
    except OSError:
        return None
    body = read_sealed(entry)
    if body is None:
        return None
    try:
        version, stats, items = marshal.loads(body)
        if version != _VERSION or len(stats) != len(files) or len(items) != len(files):
            return None
        stat, key = os.stat, snapshot.stat_key
        for (_, path), known in zip(files, stats):
            if key(stat(path)) != known:
                return None
        reports = [_report(display, item) for (display, _), item in zip(files, items)]
        for report in reports:
            for dep, dep_digest, dep_stat in report.deps:
                if snapshot.current(dep, dep_stat, dep_digest) != dep_digest:
                    return None
    except (OSError, ValueError, TypeError, EOFError):
        return None
    try:
        os.utime(entry)  # used now: _prune keeps the entries used last
    except OSError:
        pass
    return reports


def keep(folder, prefix: str, files: list[tuple[str, object]], corpus: str | None,
         stats: list[str | None], reports: list[FileReport]) -> None:
    """Write this run's entry when every file's stat is trusted; never fails the run."""
    if len(files) < MIN_FILES or any(s is None for s in stats):
        return
    try:
        items = [([(d.path, d.line, d.col, d.code, d.message, d.severity) for d in r.diagnostics], r.id,
                  tuple(r.id_pos), r.amends, tuple(r.amends_pos), [tuple(d) for d in r.deps]) for r in reports]
        body = marshal.dumps((_VERSION, list(stats), items))
        target = _entry(folder, prefix, files, corpus)  # os.getcwd() fails in a deleted folder
        write_sealed(target, body)
        _prune(os.path.dirname(target), target)
    except (OSError, ValueError):
        pass  # a run that cannot be kept is only slower next time


_STALE_NS = 3600 * 10**9  # a temporary file this old was left by a run killed while writing it


def _prune(where: str, kept: str) -> None:
    """Keep the KEEP entries used last (a replay touches its entry), `kept` among them."""
    import time

    now = time.time_ns()
    entries = []
    with os.scandir(where) as it:
        for entry in it:
            try:
                mtime = entry.stat().st_mtime_ns
            except OSError:
                continue
            if entry.name.startswith(".tmp-"):
                if mtime < now - _STALE_NS:
                    _unlink(entry.path)
                continue  # else another run's entry being written
            if entry.path != kept:
                # Dated ahead of the clock (written before it was set back): the oldest, not the newest.
                entries.append((mtime if mtime <= now else -1, entry.path))
    for _, path in sorted(entries, reverse=True)[KEEP - 1:]:
        _unlink(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
