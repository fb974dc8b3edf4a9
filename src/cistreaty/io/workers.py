"""Worker processes for the commands that parse many files (lint, the status overview, loading).

Parsing is nearly all of the cost, so above a few hundred files the work is split into chunks and
spread over the cores; below that, starting workers costs more than it saves (DESIGN.md).
"""

from __future__ import annotations

import os

PARALLEL_THRESHOLD = 200
CHUNK = 64
# Set when a pool was left by an exception: its threads may never end (Pool.__exit__).
ABANDONED = False


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def chunks(items: list, size: int = CHUNK) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def run_chunks(func, parts: list, jobs: int) -> list:
    """[func(part) for part in parts], in `jobs` worker processes when there is more than one part:
    `Pool` with every part in flight at once, so lint and loading get its guarantees (a dead worker
    loses only its parts, which are then done here; workers end with the main process).
    """
    with Pool(jobs if len(parts) > 1 else 1) as pool:
        return list(pool.map(func, parts, ahead=len(parts)))


class Pool:
    """Worker processes kept for several passes, whose results come back in order and a few at a time.

        with Pool(jobs) as pool:
            for result in pool.map(func, parts): ...

    `map` keeps at most `ahead` parts in flight, so a caller that handles each result as it comes
    (`render --out-dir` writes pages) never holds more than those, however large the corpus. With
    one job, or once a worker has died, the parts are done in this process. Leaving the block by an
    exception (Ctrl-C, SIGTERM) ends the workers at once, before the caller cleans up after them.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool = None
        self._live = False

    def __enter__(self) -> "Pool":
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_die_with_parent,
                                             initargs=(os.getpid(),))
            self._live = True
        return self

    def map(self, func, parts, ahead: int | None = None):
        from collections import deque

        flight: deque = deque()
        for part in parts:
            flight.append((part, self._submit(func, part)))
            if len(flight) >= (ahead or 2 * self.jobs):
                yield self._result(func, *flight.popleft())
        while flight:
            yield self._result(func, *flight.popleft())

    def _submit(self, func, part):
        from concurrent.futures.process import BrokenProcessPool

        if not self._live:
            return None
        try:
            return self._pool.submit(func, part)
        except BrokenProcessPool:
            self._live = False
            return None

    def _result(self, func, part, future):
        from concurrent.futures.process import BrokenProcessPool

        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self._live = False  # a worker died: this part and the rest are done here
        return func(part)

    def __exit__(self, kind, exc, tb) -> None:
        pool = self._pool
        if pool is None:
            return
        if kind is None:
            pool.shutdown(wait=True)
            return
        global ABANDONED
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.join(timeout=2)
        # A worker ended while writing a result leaves half a message in the result pipe: the
        # executor's thread then waits for the rest forever, and so does Python's exit, which joins
        # it (seen as a hang after "interrupted"; else, now and then, a traceback from the same
        # thread's wake-up pipe). The process must end without that join: `shell.guard` sees this.
        ABANDONED = True


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the main process ends, even by SIGKILL, instead of waiting forever for
    work with the caller's stdout and stderr held open (a pipeline would never finish). Linux only.

    Ctrl-C in a terminal reaches the whole process group: a worker ignores it and the main process,
    which says "interrupted", ends the workers (`Pool.__exit__`); they end by SIGTERM's default
    action, not through the handler they inherited, so no worker prints a traceback."""
    import ctypes
    import ctypes.util
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not on Linux
        return
    if os.getppid() != parent:  # the main process ended before the line above
        os._exit(1)
