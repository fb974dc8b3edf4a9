"""Worker processes for the commands that parse many files (lint, the status overview, loading).

Parsing is nearly all of the cost, so above a few hundred files the work is split into chunks and
spread over the cores; below that, starting workers costs more than it saves (DESIGN.md).
"""

from __future__ import annotations

import os

PARALLEL_THRESHOLD = 200
CHUNK = 64


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_chunks(func, parts: list, jobs: int) -> list:
    """[func(part) for part in parts], in `jobs` worker processes when there is more than one.

    A worker that dies (it should not: the loader never uses libyaml's recursive composer) loses
    only its chunks, which are then done in this process rather than losing the run.
    """
    if jobs <= 1 or len(parts) <= 1:
        return [func(part) for part in parts]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: list = [None] * len(parts)
    done = [False] * len(parts)
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        for n, result in enumerate(pool.map(func, parts)):
            results[n], done[n] = result, True
    except BrokenProcessPool:
        pass
    except BaseException:
        # Ctrl-C or SIGTERM: stop now, rather than wait for every chunk still queued.
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        raise
    pool.shutdown(wait=True)
    return [results[n] if done[n] else func(part) for n, part in enumerate(parts)]
