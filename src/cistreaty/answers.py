"""Exact answers of `status` and `render` (to stdout) kept and replayed, so that asking again costs
no import of typer, pydantic or rich.

An answer is the bytes written to stdout and stderr, in order, of a run that exited 0. It is kept
under a key of everything the run could depend on besides the files it read: the arguments as
typed, the working directory, the whole environment (NO_COLOR, COLUMNS, TERM, CISTREATY_CORPUS...),
for stdin/stdout/stderr whether each is a terminal and its size, the streams' encodings, today's
date, Python (version, flags, executable, uid), cistreaty's code (a hash of every module) and the
installed distributions (their dist-info names carry the versions). What the run read is recorded
while it runs, and checked before an answer is replayed: each file opened (its digest, or that it
was missing), each directory listed (its entries and their kinds), each path stat'ed or checked
for access (its kind). A run that writes, renames or deletes a file, starts a process, opens a
socket or a database, or changes directory, is not kept; nor one whose date or files changed
while it ran. Anything wrong with a kept answer (unreadable, damaged, another shape) is a miss:
the command computes as if there were none. Rules and limits: docs/performance.md, "Answer cache".
"""

from __future__ import annotations

import os
import sys

from .own_state import blake2b, cache_home, code_digest, read_sealed

COMMANDS = ("status", "render")
OPT_OUT = "--no-cache"
_VERSION = b"cistreaty-answers-1\n"
_SKIP_ARGS = ("-h", "--help", "--version", OPT_OUT)
# render -o/--output and --out-dir write files: such a run is never kept, so none is looked for.
_WRITES = ("-o", "--o")


def applies(args: list[str]) -> bool:
    words = [a for a in args if not a.startswith("-")]
    if not words or not any(w in COMMANDS for w in words[:3]):
        return False
    if any(a in _SKIP_ARGS or a.startswith("--install-completion") or a.startswith("--show-completion")
           for a in args):
        return False
    if "render" in words[:3] and any(a.startswith(_WRITES) for a in args):
        return False
    return not any(k.startswith("_CISTREATY_COMPLETE") for k in os.environ)


def _terminal(fd: int) -> str:
    try:
        tty = os.isatty(fd)
    except OSError:
        tty = None
    try:
        size = tuple(os.get_terminal_size(fd))
    except (OSError, ValueError):
        size = None
    return f"{fd}:{tty}:{size}"


def _stream(stream) -> str:
    return f"{getattr(stream, 'encoding', None)}:{getattr(stream, 'errors', None)}"


def _distributions() -> list[str]:
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.append(entry)
        found += sorted(n for n in names if n.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")))
    return found


def key(args: list[str], today: str) -> str:
    parts = [repr(args), os.getcwd(), repr(sorted(os.environ.items())), today,
             _terminal(0), _terminal(1), _terminal(2), _stream(sys.stdin), _stream(sys.stdout), _stream(sys.stderr),
             sys.version, repr(sys.flags), sys.executable, str(os.getuid() if hasattr(os, "getuid") else ""),
             repr(_distributions())]
    h = blake2b(_VERSION, digest_size=20)
    h.update(code_digest())
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape") + b"\0\1")
    return h.hexdigest()


def _today() -> str:
    # datetime.date.today() is this local date; the time module is built in, datetime is not.
    import time

    year, month, day = time.localtime()[:3]
    return f"{year:04d}-{month:02d}-{day:02d}"


# What a run saw, as checked again before a replay. Each observation is (kind, path, value).

def _kind(mode: int) -> str:
    import stat

    return stat.filemode(mode)[0]


def _stat_sig(func, path) -> str:
    try:
        return _kind(func(path).st_mode)
    except OSError as exc:
        return f"error:{exc.errno}"
    except ValueError:
        return "invalid"


def _file_sig(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return "blake2b:" + blake2b(f.read(), digest_size=20).hexdigest()
    except OSError as exc:
        return f"error:{exc.errno}"
    except ValueError:
        return "invalid"


def _listing_sig(path: str) -> str:
    try:
        with os.scandir(path) as it:
            entries = sorted((e.name, e.is_dir(), e.is_file(), e.is_symlink()) for e in it)
    except OSError as exc:
        return f"error:{exc.errno}"
    except ValueError:
        return "invalid"
    return repr(entries)


def _readlink_sig(path) -> str:
    try:
        return "to:" + os.fsdecode(_REAL["readlink"](path))
    except OSError as exc:
        return f"error:{exc.errno}"
    except ValueError:
        return "invalid"


def _access_sig(path, mode) -> str:
    try:
        return str(_REAL["access"](path, mode))
    except ValueError:
        return "invalid"


_REAL = {"stat": os.stat, "lstat": os.lstat, "access": os.access, "readlink": os.readlink}


def observe(kind: str, path: str) -> str:
    if kind == "file":
        return _file_sig(path)
    if kind == "dir":
        return _listing_sig(path)
    if kind == "stat":
        return _stat_sig(_REAL["stat"], path)
    if kind == "lstat":
        return _stat_sig(_REAL["lstat"], path)
    if kind == "readlink":
        return _readlink_sig(path)
    if kind.startswith("access"):
        return _access_sig(path, int(kind[6:]))
    raise ValueError(kind)


def _entry_path(digest: str) -> str:
    return os.path.join(cache_home(), "answers-v1", digest[:2], digest)


def _load(path: str):
    """(observations, events) of a kept answer, or None: a damaged entry is a miss."""
    import marshal

    body = read_sealed(path)
    if body is None:
        return None
    try:
        version, observations, events = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if version != _VERSION or type(observations) is not list or type(events) is not list:
        return None
    for item in observations:
        if type(item) is not tuple or len(item) != 3 or not all(type(x) is str for x in item):
            return None
    for item in events:
        if type(item) is not tuple or len(item) != 2 or item[0] not in (1, 2) or type(item[1]) is not bytes:
            return None
    return observations, events


def replay(args: list[str]) -> bool:
    """Write the kept answer for this very request and return True, or return False (compute it)."""
    try:
        digest = key(args, _today())
        found = _load(_entry_path(digest))
        if found is None:
            return False
        observations, events = found
        for kind, path, value in observations:
            if observe(kind, path) != value:
                return False
    except Exception:  # noqa: BLE001 - any trouble with the cache means: compute the answer
        return False
    streams = {1: sys.stdout, 2: sys.stderr}
    for fd, chunk in events:
        out = streams[fd]
        out.flush()
        out.buffer.write(chunk)
        out.buffer.flush()
    return True
