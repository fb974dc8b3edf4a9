"""The linter: load each file, map schema errors to positions, run the semantic rules.

`check_file` is pure apart from reading its one file, and returns everything the cross-file
rules need, so that files can be checked in worker processes and results are not kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, sort_key



def _corpus_checks() -> list:
    """Checks that live beside the engines they use (status, amend), imported only for lint.

    Each takes (instrument, lookup) and yields (loc, code, message); lookup(id) returns the
    instrument of that id from the file's own folder, or None.
    """
    from . import amendments, published

    return [amendments.check, published.check]


@dataclass
class FileReport:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    id: str | None = None
    id_pos: tuple[int, int] = (0, 0)
    amends: str | None = None
    amends_pos: tuple[int, int] = (0, 0)
    # Files the checks looked up besides this one (a protocol's base), as [absolute path, digest
    # or marker, stat or None] of the very snapshot the check used: the cache watches them too.
    deps: list[list] = field(default_factory=list)
    # The file as checked (lint/snapshot.py): the cache stores the report under `digest` only
    # when it is set, i.e. when the report came from exactly those bytes.
    digest: str | None = None
    stat: str | None = None


def _stem(display: str) -> str:
    name = os.path.basename(display)
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def check_file(display: str, path: str | Path, corpus: str | None = None, snap=None) -> FileReport:
    """Check one file. `corpus`: a folder where instruments this one refers to (a protocol's
    base) are looked up when they are not next to it, as `diff` and `render` find them.
    `snap`: the file as already read (lint/snapshot.py), so that it is checked as hashed."""
    from ..io import yamlio
    from ..io.loader import load_data, load_file
    from . import file_rules, suppress
    from .snapshot import take

    from . import hidden

    if snap is None:
        snap = take(path)
    if snap.cacheable:
        result = load_data(snap.data, display, keep_text=True, keep_value=True)
    else:
        # Missing, not a file, too large: the loader words the diagnostic (nothing to cache).
        result = load_file(Path(path), display, keep_text=True, keep_value=True)
    report = FileReport(display, list(result.diagnostics))
    if snap.cacheable:
        report.digest, report.stat = snap.digest, snap.stat
    if result.value is not None:
        report.diagnostics += [Diagnostic(display, line, col, code, message, severity)
                               for line, col, code, message, severity in hidden.check(result.value, result.positions)]
    inst = result.instrument
    if inst is None:
        report.diagnostics = suppress.apply(report.diagnostics, result.text, display)
        return report
    positions = result.positions
    findings = file_rules.run(inst, _stem(display))
    folders = [Path(path).parent] + ([Path(corpus)] if corpus else [])
    lookup = _sibling_lookup(folders, report.deps)
    for check in _corpus_checks():
        findings.extend(check(inst, lookup))
    for loc, code, message in findings:
        if loc and loc[-1] == file_rules.KEY:
            line, col = yamlio.key_position(positions, loc[:-1]) or yamlio.resolve(positions, loc[:-1])[:2]
        else:
            line, col, _ = yamlio.resolve(positions, loc)
        report.diagnostics.append(Diagnostic(display, line, col, code, message))
    # Inside the cached unit: the result depends only on this file's text, like the rest.
    report.diagnostics = suppress.apply(report.diagnostics, result.text, display)
    report.id = inst.id
    report.id_pos = yamlio.resolve(positions, ("id",))[:2]
    if inst.amends:
        report.amends = inst.amends
        report.amends_pos = yamlio.resolve(positions, ("amends",))[:2]
    return report


def _sibling_lookup(folders: list[Path], deps: list[list]):
    from ..io.loader import load_data
    from .snapshot import MISSING, NOT_A_FILE, take

    cache: dict = {}

    def lookup(ident: str):
        if ident not in cache:
            cache[ident] = None
            for folder in folders:
                path = folder / f"{ident}.yaml"
                snap = take(path)
                # The cache must notice it appear or change: recorded as read, not re-read later.
                deps.append([os.path.abspath(path), snap.digest, snap.stat])
                if snap.digest in (MISSING, NOT_A_FILE):
                    continue
                if snap.cacheable:
                    cache[ident] = load_data(snap.data, os.fsdecode(path)).instrument
                break
        return cache[ident]

    return lookup


def cross_file(reports: list[FileReport], known_ids: set[str]) -> list[Diagnostic]:
    """Rules that need more than one file: unique ids, `amends` targets."""
    out = []
    first: dict[str, str] = {}
    for rep in reports:
        if rep.id is None:
            continue
        if rep.id in first:
            out.append(Diagnostic(rep.path, *rep.id_pos, "C102", f"id {rep.id!r} is also declared by {first[rep.id]}"))
        else:
            first[rep.id] = rep.path
    ids = known_ids | set(first)
    for rep in reports:
        if rep.amends and rep.amends not in ids:
            out.append(Diagnostic(rep.path, *rep.amends_pos, "C108",
                                  f"amends {rep.amends!r}, which is not an instrument of the corpus"))
    return out


def sibling_ids(paths: list[str], corpus: str | None = None) -> set[str]:
    """Ids of the instrument files next to the linted ones (and in `corpus`), so that linting one
    changed file (as pre-commit does) still resolves `amends:` against the rest of its corpus."""
    ids = set()
    folders = {os.path.dirname(p) or "." for p in paths} | ({corpus} if corpus else set())
    for folder in sorted(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        ids.update(_stem(n) for n in names if n.endswith((".yaml", ".yml")))
    return ids


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=sort_key)
