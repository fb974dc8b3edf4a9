"""Check one file: load it (YAML, schema), run the semantic rules, place findings, apply noqa.

`check_file` is pure apart from reading its file (and the instruments it refers to), and returns
everything the cross-file rules need, so that files can be checked in worker processes and
results are not kept.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, Finding
from ..io.loader import FileResult, load_data, load_file, load_text
from ..io.positions import locate, place
from . import suppress
from .snapshot import MISSING, NOT_A_FILE, take
from .report import FileReport, stem
from .rules import FILE_CHECKS, VALUE_CHECKS, Context, text_held


def findings(inst, ctx: Context) -> list[Finding]:
    """Every semantic rule's findings about one instrument, in rule order."""
    out: list[Finding] = []
    for check in FILE_CHECKS:
        out.extend(f if isinstance(f, Finding) else Finding(*f) for f in check(inst, ctx))
    return out


def check_file(display: str, path: str | Path, corpus: str | None = None, snap=None) -> FileReport:
    """Check one file. `corpus`: a folder where instruments this one refers to (a protocol's
    base) are looked up when they are not next to it, as `diff` and `render` find them.
    `snap`: the file as already read (lint/snapshot.py), so that it is checked as hashed."""
    if snap is None:
        snap = take(path)
    if snap.cacheable:
        result = load_data(snap.data, display, keep_text=True, keep_value=True, salvage=True)
    else:
        # Missing, not a file, too large: the loader words the diagnostic (nothing to cache).
        result = load_file(Path(path), display, keep_text=True, keep_value=True)
    report = FileReport(display, list(result.diagnostics))
    if snap.cacheable:
        report.digest, report.stat = snap.digest, snap.stat
    if result.value is not None:
        for check in VALUE_CHECKS:
            report.diagnostics += check(result.value, result.positions, display, result.text)
    folders = [Path(path).parent] + ([Path(corpus)] if corpus else [])
    inst = result.instrument
    if inst is not None:
        ctx = Context(stem(display), _sibling_lookup(folders, report.deps))
        report.diagnostics.extend(place(findings(inst, ctx), display, result.positions))
        report.id = inst.id
        report.id_pos = locate(result.positions, ("id",))
        if inst.amends:
            report.amends = inst.amends
            report.amends_pos = locate(result.positions, ("amends",))
    elif result.salvaged is not None:
        # Schema errors elsewhere in the file do not hide the semantic findings of what validated.
        saved = result.salvaged
        ctx = Context(stem(display), _sibling_lookup(folders, report.deps))
        found = saved.in_file(findings(saved.instrument, ctx))
        if saved.touches(("articles", "preamble", "closing")):
            # "No articles" rests on the whole list: with an article set aside the file has one,
            # written wrongly, and its S001 says so.
            found = [f for f in found if f.code != text_held.RULE.code]
        report.diagnostics.extend(place(found, display, result.positions))
    # Inside the cached unit: the result depends only on this file's text, like the rest.
    report.diagnostics = suppress.apply(report.diagnostics, result.text, display)
    return report


def check_text(text: str, display: str, name: str) -> list[Diagnostic]:
    """The one-file checks on text that was never written (`import -o -`); `name` is its file stem."""
    result: FileResult = load_text(text, display, keep_value=True)
    diags = list(result.diagnostics)
    if result.value is not None:
        for check in VALUE_CHECKS:
            diags += check(result.value, result.positions, display, text)
    if result.instrument is not None:
        diags.extend(place(findings(result.instrument, Context(name, lambda _id: None)), display,
                           result.positions))
    return diags


def _sibling_lookup(folders: list[Path], deps: list[list]):
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
