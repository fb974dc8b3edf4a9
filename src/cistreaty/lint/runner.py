"""Run the linter over many files: the cache first, then worker processes for the misses.

The cache lets a second run over an unchanged corpus skip parsing entirely (and never import
pydantic); the pool spreads the misses over the cores, since parsing is nearly all of the cost.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic
from ..io.workers import CHUNK, PARALLEL_THRESHOLD, chunks, default_jobs, run_chunks
from . import replay
from .cache import Cache
from .report import FileReport
from .rules import CORPUS_CHECKS


def _check_chunk(job: tuple[list[tuple], str | None]) -> list[FileReport]:
    from .check import check_file

    chunk, corpus = job
    return [check_file(display, path, corpus, snap) for display, path, snap in chunk]


def check_files(files: list[tuple[str, Path]], jobs: int | None = None, cache: Cache | None = None,
                on_file=None, corpus: str | None = None) -> list[FileReport]:
    """Reports for every file, in the order given. `on_file(display)` is told which file is next;
    `corpus` is where referenced instruments not next to a file are looked up."""
    jobs = default_jobs() if jobs is None else jobs
    if cache is not None and len(files) >= replay.MIN_FILES:
        kept = replay.load(cache.folder, cache.prefix, files, corpus)
        if kept is not None:
            return kept
    reports: list[FileReport | None] = [None] * len(files)
    hits, snaps = cache.lookup(files, corpus) if cache is not None else ({}, {})
    misses = [i for i in range(len(files)) if i not in hits]
    for i, report in hits.items():
        reports[i] = report
    # A file the cache had to read is checked from those bytes, so its result is stored under
    # their digest; the others are read (once) by whoever checks them.
    todo = [(files[i][0], os.fspath(files[i][1]), snaps.get(i)) for i in misses]
    if todo:
        # Imported only for files the cache does not answer: checking loads the YAML loader and the
        # pydantic models, which a fully cached run never needs (docs/performance.md).
        from .check import check_file
    if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD:
        fresh = _parallel(todo, jobs, corpus)
    else:
        fresh = []
        for display, path, snap in todo:
            if on_file is not None:
                on_file(display)
            fresh.append(check_file(display, path, corpus, snap))
    for i, report in zip(misses, fresh):
        reports[i] = report
        if cache is not None:
            cache.put(i, report)
    if cache is not None:
        cache.commit()
        stats = [cache.trusted.get(i) if i in hits else reports[i].stat for i in range(len(files))]
        replay.keep(cache.folder, cache.prefix, files, corpus, stats, reports)
    return reports  # type: ignore[return-value]


def _parallel(todo: list[tuple], jobs: int, corpus: str | None) -> list[FileReport]:
    parts = run_chunks(_check_chunk, [(chunk, corpus) for chunk in chunks(todo, CHUNK)], jobs)
    return [report for part in parts for report in part]


def cross_file(reports: list[FileReport], known_ids: set[str]) -> list[Diagnostic]:
    """The rules that need every file (unique ids, `amends` targets), after the per-file pass."""
    return [d for check in CORPUS_CHECKS for d in check(reports, known_ids)]
