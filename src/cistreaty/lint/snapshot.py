"""One read of a file: its bytes, their digest and the stat that says whether they can be trusted later.

The lint cache is only exact if a result is stored under the digest of the very bytes that were
checked, so every file lint looks at (the file itself, a protocol's base) is read once into a
`Snapshot`, hashed, and the check parses `Snapshot.data` instead of opening the file again.

`Snapshot.stat` is what a later run may compare instead of reading the file (docs/performance.md,
"The cache"): size, mtime_ns, ctime_ns, inode, mode and device, as git's index keeps them. It is
None ("racy") when the file changed so close to the read that a change made just after it could
leave every one of those fields as they were; such a file is hashed again next time.
"""

from __future__ import annotations

import os
import stat as _stat
import time
from dataclasses import dataclass

from ..own_state import blake2b

# Timestamps are set from a clock that ticks coarser than time.time_ns(): a few milliseconds on
# Linux, a second on ext3 or HFS+, two on FAT. A file whose mtime or ctime is within this window
# of the read (or after it) may still change without either moving.
RACY_NS = 2_000_000_000

# Markers in place of a digest for a path that holds no readable regular file. A check that met
# one depends on the file staying absent or unreadable, so the marker is compared like a digest.
MISSING, NOT_A_FILE, UNREADABLE, TOO_LARGE = "missing", "not-a-file", "unreadable", "too-large"


@dataclass
class Snapshot:
    digest: str  # blake2b of `data`, or one of the markers above
    data: bytes | None = None  # None for a marker
    stat: str | None = None  # stat_key of the file as read, None when racy or not read

    @property
    def cacheable(self) -> bool:
        return self.data is not None


def stat_key(st: os.stat_result) -> str:
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino} {st.st_mode} {st.st_dev}"


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def _stat_or_marker(path) -> tuple[os.stat_result | None, str | None]:
    """The stat of `path`, or the marker when stat alone says it holds no regular file."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None, MISSING
    except (OSError, ValueError):
        return None, UNREADABLE
    return (st, None) if _stat.S_ISREG(st.st_mode) else (None, NOT_A_FILE)


def _nonblocking(path, flags):
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _read_upto(fh, limit: int) -> bytes:
    parts, left = [], limit
    while left > 0:
        part = fh.read(min(left, 1 << 20))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def take(path) -> Snapshot:
    """Read `path` once. Opens only regular files: opening a FIFO named *.yaml would block."""
    from ..io.yamlio import MAX_FILE_BYTES

    _, marker = _stat_or_marker(path)
    if marker is not None:
        return Snapshot(marker)
    now = time.time_ns()
    try:
        # O_NONBLOCK: should the path turn into a FIFO after the stat, opening it must not hang.
        with open(path, "rb", buffering=0, opener=_nonblocking) as fh:
            # The stat of the open file, not of the path: it describes exactly the bytes read
            # below, even if the path is renamed over in between.
            st = os.fstat(fh.fileno())
            if not _stat.S_ISREG(st.st_mode):
                return Snapshot(NOT_A_FILE)
            if st.st_size > MAX_FILE_BYTES:
                return Snapshot(TOO_LARGE)
            data = _read_upto(fh, MAX_FILE_BYTES + 1)
    except OSError:
        return Snapshot(UNREADABLE)
    if len(data) > MAX_FILE_BYTES:
        return Snapshot(TOO_LARGE)  # grew while read: the loader refuses it by size anyway
    trusted = max(st.st_mtime_ns, st.st_ctime_ns) < now - RACY_NS
    return Snapshot(digest(data), data, stat_key(st) if trusted else None)


def current(path, stat: str | None, known: str) -> str:
    """The digest (or marker) of `path` now, trusting `known` when its stat is `stat` unchanged."""
    st, marker = _stat_or_marker(path)
    if marker is not None:
        return marker
    if stat is not None and stat_key(st) == stat:
        return known
    return take(path).digest
