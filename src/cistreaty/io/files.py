"""Reading files within the size limit, and writing them so that a failure half-way never leaves a
broken or truncated file behind."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..diagnostics import Diagnostic
from . import yamlio


class WriteError(Exception):
    """The file was not written (it exists and --force was not given, or the OS refused)."""


def write_atomic(path: Path, data: str | bytes, force: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename it over `path`.

    With force=False an existing file is refused. The old file stays intact if anything fails.
    """
    path = Path(path)
    if not force and os.path.lexists(path):
        raise WriteError(f"{path} exists: pass --force to overwrite it")
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not force and os.path.lexists(path):
            raise WriteError(f"{path} exists: pass --force to overwrite it")
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def read_bytes(path: Path, display: str) -> bytes:
    """Read a file within the size limit, turning every OS failure into a LoadError."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise yamlio.LoadError([Diagnostic(display, 0, 0, "Y012", "is a directory, not an instrument file")])
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO blocks until someone writes to it; a device may never end.
            raise yamlio.LoadError([Diagnostic(display, 0, 0, "Y012", "is not a regular file (a pipe, socket "
                                               "or device), not an instrument file")])
        size = info.st_size
        if size > yamlio.MAX_FILE_BYTES:
            raise yamlio.LoadError([Diagnostic(
                display, 0, 0, "Y010",
                f"file of {size} bytes exceeds the limit of {yamlio.MAX_FILE_BYTES} bytes")])
        with open(path, "rb") as fh:
            data = fh.read(yamlio.MAX_FILE_BYTES + 1)
    except yamlio.LoadError:
        raise
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise yamlio.LoadError([Diagnostic(display, 0, 0, "Y011", f"cannot read the file: {reason}")]) from None
    if len(data) > yamlio.MAX_FILE_BYTES:  # grew between stat and read
        raise yamlio.LoadError([Diagnostic(
            display, 0, 0, "Y010", f"file exceeds the limit of {yamlio.MAX_FILE_BYTES} bytes")])
    return data
