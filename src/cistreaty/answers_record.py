"""Recording a run of `status` or `render` for answers.py: what it reads and what it prints.

The audit hook sees every open and directory listing; os.stat, os.lstat, os.access and os.readlink
are wrapped for the run (the audit hook does not see them). What was read is observed again at the
end, as replay() will observe it, and kept only when it did not change while the run read it.
"""

from __future__ import annotations

import os
import sys
import time

from .answers import _REAL, _VERSION, _entry_path, _kind, _today, key, observe
from .own_state import write_sealed

_READ_ONLY_OS = frozenset(("os.listdir", "os.scandir", "os.walk", "os.putenv", "os.unsetenv"))
_TAINT_PREFIXES = ("os.", "subprocess.", "socket.", "sqlite3.", "shutil.", "tempfile.", "ctypes.", "_posixsubprocess.",
                   "pty.", "fcntl.", "msvcrt.", "winreg.", "urllib.", "ftplib.", "http.", "smtplib.", "webbrowser.")


def _answered(name: str, result) -> str:
    if name in ("stat", "lstat"):
        return _kind(result.st_mode)
    if name == "readlink":
        return "to:" + os.fsdecode(result)
    return str(result)


_LARGEST = 16 << 20  # bytes of output kept at most


class Recorder:
    """What a run reads, through an audit hook (opens, listings) and wrappers of os.stat and kin."""

    def __init__(self, args: list[str]):
        self.args = args
        self.today = _today()
        # A file or folder changed less than 2 s before the run may change again within one tick of
        # a coarse file-system clock without its stat showing it (git's "racy" entries): not kept.
        self.racy = time.time_ns() - 2_000_000_000
        self.key = key(args, self.today)
        self.active = True
        self.tainted = False
        self.seen: dict[tuple[str, str], str | None] = {}
        self.before: dict[str, tuple | None] = {}
        self.events: list[list] = []
        self.size = 0
        self.skip = tuple(p.rstrip(os.sep) + os.sep for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})
        self.here = os.path.dirname(os.path.abspath(__file__)) + os.sep

    # -- recording
    def _name(self, path) -> str | None:
        # Kept as the run named it ('' and '.' are not the same question); the working directory is
        # part of the key, so a relative name asks the same thing again.
        if isinstance(path, int):
            return None
        try:
            return os.fsdecode(path)
        except (TypeError, ValueError):
            self.tainted = True
            return None

    def _note(self, kind: str, path, seen: str | None = None) -> None:
        """Note a path the run looked at; `seen` is what a stat-like call answered then."""
        if not self.active or self.tainted:
            return
        full = self._name(path)
        if full is None:
            return
        where = os.path.abspath(full) if full else ""
        if where.startswith(self.skip) or (where.startswith(self.here) and where.endswith((".py", ".pyc"))):
            return
        if (kind, full) not in self.seen:
            self.seen[(kind, full)] = seen
            if kind in ("file", "dir"):
                self.before[full] = self._stamp(full)
        elif self.seen[(kind, full)] != seen:
            self.tainted = True  # two answers for one path in one run: it changed meanwhile

    @staticmethod
    def _stamp(path: str):
        try:
            st = _REAL["stat"](path)
        except (OSError, ValueError):
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)

    def hook(self, event: str, args) -> None:
        if not self.active or self.tainted:
            return
        if event == "open":
            path, mode, flags = args
            writes = (mode is not None and any(c in mode for c in "wax+")) or (
                mode is None and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))
            if writes:
                self.tainted = True
            else:
                self._note("file", path)
        elif event in ("os.listdir", "os.scandir"):
            # The import system lists sys.path folders to find modules: code, keyed by its digest.
            if not sys._getframe(1).f_code.co_filename.startswith("<frozen importlib"):
                self._note("dir", args[0] if args and args[0] is not None else ".")
        elif event == "os.chdir" or (event.startswith(_TAINT_PREFIXES) and event not in _READ_ONLY_OS):
            self.tainted = True

    def _wrap(self, name: str, kind):
        real = _REAL[name]

        def wrapper(path, *a, **k):
            if k.get("dir_fd") is not None:
                self.tainted = True
                return real(path, *a, **k)
            what = "lstat" if name == "stat" and k.get("follow_symlinks") is False else (
                kind(a, k) if callable(kind) else kind)
            try:
                result = real(path, *a, **k)
            except OSError as exc:
                self._note(what, path, f"error:{exc.errno}")
                raise
            except ValueError:
                self._note(what, path, "invalid")
                raise
            self._note(what, path, _answered(name, result))
            return result

        return wrapper

    def start(self) -> None:
        sys.addaudithook(self.hook)
        os.stat = self._wrap("stat", "stat")
        os.lstat = self._wrap("lstat", "lstat")
        os.readlink = self._wrap("readlink", "readlink")
        os.access = self._wrap("access", lambda a, k: f"access{a[0] if a else k.get('mode')}")
        self._tee()

    def _tee(self) -> None:
        import io

        for fd, name in ((1, "stdout"), (2, "stderr")):
            stream = getattr(sys, name)
            if stream is None or not hasattr(stream, "buffer"):
                self.tainted = True
                continue
            stream.flush()
            tee = _Tee(stream.buffer, fd, self)
            wrapped = io.TextIOWrapper(tee, encoding=stream.encoding, errors=stream.errors,
                                       line_buffering=stream.line_buffering, write_through=True)
            setattr(sys, name, wrapped)

    def record(self, fd: int, chunk: bytes) -> None:
        if self.tainted:
            return
        self.size += len(chunk)
        if self.size > _LARGEST:
            self.tainted = True  # a whole corpus rendered: not worth holding a copy of in memory
            self.events.clear()
            return
        if self.events and self.events[-1][0] == fd:
            self.events[-1][1] += chunk
        else:
            self.events.append([fd, bytearray(chunk)])

    # -- keeping
    def finish(self, code) -> None:
        self.active = False
        for name in ("stat", "lstat", "readlink", "access"):
            setattr(os, name, _REAL[name])
        for name in ("stdout", "stderr"):
            try:
                getattr(sys, name).flush()
            except (OSError, ValueError, AttributeError):
                pass
        if code not in (0, None) or self.tainted or _today() != self.today:
            return
        try:
            self._keep()
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
            pass

    def _keep(self) -> None:
        import marshal

        observations = []
        for (kind, path), seen in sorted(self.seen.items()):
            if kind in ("file", "dir"):
                stamp = self._stamp(path)
                if stamp != self.before.get(path) or (stamp is not None and max(stamp[1], stamp[2]) > self.racy):
                    return  # changed while the run read it, or may have unseen (racy): not known
            now = observe(kind, path)
            if seen is not None and now != seen:
                return
            observations.append((kind, path, now))
        events = [(fd, bytes(chunk)) for fd, chunk in self.events]
        write_sealed(_entry_path(self.key), marshal.dumps((_VERSION, observations, events)))


class _Tee:
    """A binary stream writing through to the real one and keeping a copy of the bytes, in order."""

    def __init__(self, raw, fd: int, recorder: Recorder):
        self._raw, self._fd, self._recorder = raw, fd, recorder
        self.closed = False

    def write(self, data) -> int:
        data = bytes(data)
        self._raw.write(data)
        if self._recorder.active:
            self._recorder.record(self._fd, data)
        return len(data)

    def flush(self) -> None:
        self._raw.flush()

    def isatty(self) -> bool:
        return self._raw.isatty()

    def fileno(self) -> int:
        return self._raw.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def close(self) -> None:
        self.flush()
        self.closed = True

    def __getattr__(self, name):
        return getattr(self._raw, name)
