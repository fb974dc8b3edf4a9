"""Reading files within the size limit, and writing them so that a failure half-way never leaves a
broken or truncated file behind."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, Rule

# The codes reading a file reports (`cistreaty rules`); the linter's registry collects them.
TOO_LARGE = Rule(
    "Y010", "too-large", "The file is larger than the limit (2 MiB).",
    "The largest real agreements are a few hundred kilobytes. Split the instrument or report your case.")
UNREADABLE = Rule(
    "Y011", "unreadable", "The file or directory cannot be read.",
    "The operating system refused to read it (permissions, a broken or looping symlink, a file that "
    "vanished while the run was listing the folder).")
NOT_A_FILE = Rule(
    "Y012", "not-a-file", "A directory is named like an instrument file.",
    "Paths ending in .yaml or .yml are read as instrument files; this one is a directory.")


class WriteError(Exception):
    """The file was not written (it exists and --force was not given, or the OS refused)."""


# Temporary files and folders of writes under way: an interrupt handler removes what is left.
PENDING: set[str] = set()


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM while a temporary file is created and recorded, so that an interrupt
    cannot land between the two and leave a file nobody removes. A held signal arrives on exit."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no sigmask here, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def remove_pending() -> None:
    """Remove the temporary files and folders of interrupted writes."""
    import shutil

    for name in sorted(PENDING, reverse=True):
        if os.path.isdir(name) and not os.path.islink(name):
            shutil.rmtree(name, ignore_errors=True)
        else:
            try:
                os.unlink(name)
            except OSError:
                pass
    PENDING.clear()


def new_file_mode() -> int:
    """The mode a new file gets from open(): 0666 less the umask (mkstemp would give 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def file_kind(mode: int) -> str:
    """'a character device', 'a named pipe'...: what a path that is not a regular file is."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def write_atomic(path: Path, data: str | bytes, force: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename it over `path`.

    With force=False an existing file is refused; a device, pipe, socket or directory is always
    refused (--force replaces files, never /dev/null). A symlink to a file is written through: the
    file it names is replaced and the link kept. A new file gets the umask's mode; a replaced file
    keeps its mode (and owner, where the OS lets us). The old file stays intact if anything fails.
    """
    path = Path(path)
    old = None
    try:
        old = os.stat(path)  # follows a symlink: what matters is what it names
        if os.path.islink(path):
            path = Path(os.path.realpath(path))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise WriteError(f"{path} is {file_kind(old.st_mode)}: refusing to replace it with a file")
    if not force and os.path.lexists(path):
        raise WriteError(f"{path} exists: pass --force to overwrite it")
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A short name: an id of 250 characters is a legal file name, its own name plus a suffix is not.
        with signals_held():
            import tempfile  # not at the top: lint of a cached corpus writes nothing

            fd, tmp = tempfile.mkstemp(prefix=".cistreaty-", suffix=".tmp", dir=folder)
            PENDING.add(tmp)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if old is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode))
                try:
                    os.fchown(fh.fileno(), old.st_uid, old.st_gid)
                except OSError:
                    pass  # only root may give a file away; the mode is kept regardless
            else:
                os.fchmod(fh.fileno(), new_file_mode())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not force and os.path.lexists(path):
            raise WriteError(f"{path} exists: pass --force to overwrite it")
        os.replace(tmp, path)
        PENDING.discard(tmp)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        PENDING.discard(tmp)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def read_bytes(path: Path, display: str) -> bytes:
    """Read a file within the size limit, turning every OS failure into a LoadError."""
    from . import yamlio  # here: listing a corpus answered from the cache needs no YAML parser

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise yamlio.LoadError([Diagnostic(display, 0, 0, NOT_A_FILE.code, "is a directory, not an instrument file")])
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO blocks until someone writes to it; a device may never end.
            raise yamlio.LoadError([Diagnostic(display, 0, 0, NOT_A_FILE.code, "is not a regular file (a pipe, socket "
                                               "or device), not an instrument file")])
        size = info.st_size
        if size > yamlio.MAX_FILE_BYTES:
            raise yamlio.LoadError([Diagnostic(
                display, 0, 0, TOO_LARGE.code,
                f"file of {size} bytes exceeds the limit of {yamlio.MAX_FILE_BYTES} bytes")])
        with open(path, "rb") as fh:
            data = fh.read(yamlio.MAX_FILE_BYTES + 1)
    except yamlio.LoadError:
        raise
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise yamlio.LoadError([Diagnostic(display, 0, 0, UNREADABLE.code, f"cannot read the file: {reason}")]) from None
    if len(data) > yamlio.MAX_FILE_BYTES:  # grew between stat and read
        raise yamlio.LoadError([Diagnostic(
            display, 0, 0, TOO_LARGE.code, f"file exceeds the limit of {yamlio.MAX_FILE_BYTES} bytes")])
    return data
