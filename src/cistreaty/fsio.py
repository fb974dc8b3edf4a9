"""Writing files so that a failure half-way never leaves a broken or truncated file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
