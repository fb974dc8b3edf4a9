"""A folder of pages written as a whole: `render --out-dir`.

The pages are written, one at a time as they are built, into a new folder beside the target
(`.NAME.cistreaty-XXXXXXXX`), which then takes the target's place in one step. On Linux the step is
renameat2(RENAME_EXCHANGE): a reader of the site sees either every old page or every new one,
never a mix, and never a missing folder. Where that call is missing (other systems, some network
file systems) the old folder is renamed aside and the new one renamed in: for the moment between
the two renames the folder does not exist (a web server answers 404), and never holds a mix.
The old folder is then removed. A failure, Ctrl-C or SIGTERM before the step leaves the old site as
it was and removes the new folder; SIGKILL leaves the old site as it was and the new folder beside it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .files import PENDING, WriteError, new_file_mode, signals_held

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _not_pages(folder: Path, pages: tuple[str, ...]) -> list[str]:
    """What in `folder` is no page: folders (a .git, a corpus), links, files of other suffixes."""
    out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink() or not entry.is_file() or not entry.name.endswith(pages):
                out.append(entry.name + ("/" if entry.is_dir() else ""))
    return sorted(out)


def _exchange(a: str, b: str) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system or kernel cannot
        return False
    raise OSError(err, os.strerror(err), b)


class Site:
    """with Site(target, force) as site: site.write(name, text) ...; the swap happens on a clean exit."""

    def __init__(self, target: Path, force: bool, pages: tuple[str, ...] = ()):
        """`pages`: the suffixes of the files a site holds; with `force`, a target holding anything
        else (a folder, a YAML file, a .git) is refused: replacing it would delete what is no page."""
        self.target = Path(target)
        self.force = force
        self.pages = pages
        self.count = 0

    def __enter__(self) -> "Site":
        target = self.target
        try:
            if os.path.islink(target) and os.path.isdir(target):
                target = self.target = Path(os.path.realpath(target))  # replace what the link names
            info = os.stat(target) if os.path.lexists(target) else None
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise WriteError(f"{target} exists and is not a folder")
        if info is not None and not self.force and os.listdir(target):
            raise WriteError(f"{target} is not empty: pass --force to replace it with the new pages "
                             "(files the new pages do not include are removed)")
        if info is not None and self.force:
            strangers = _not_pages(target, self.pages)
            if strangers:
                shown = ", ".join(strangers[:3]) + (f" and {len(strangers) - 3} more" if len(strangers) > 3 else "")
                raise WriteError(f"{target} holds {shown}, which are not pages: --force replaces a folder of "
                                 "pages only, and would delete them (name a new or empty folder)")
        self.old_mode = stat.S_IMODE(info.st_mode) if info is not None else (new_file_mode() | 0o111) & 0o777
        parent = target.parent if str(target.parent) else Path(".")
        try:
            parent.mkdir(parents=True, exist_ok=True)
            with signals_held():
                self.tmp = tempfile.mkdtemp(prefix=f".{target.name[:40]}.cistreaty-", dir=parent)
                PENDING.add(self.tmp)
            os.chmod(self.tmp, self.old_mode)
        except OSError as exc:
            raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None
        self.mode = new_file_mode()
        return self

    def write(self, name: str, text: str, again: bool = False) -> None:
        """Add a page; `again`: replace the page of that name written before (not counted twice)."""
        path = os.path.join(self.tmp, name)
        flags = os.O_WRONLY | os.O_TRUNC if again else os.O_WRONLY | os.O_CREAT | os.O_EXCL
        try:
            fd = os.open(path, flags, self.mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
        except OSError as exc:
            raise WriteError(f"cannot write {self.target / name}: {exc.strerror or exc}") from None
        self.count += 0 if again else 1

    def remove(self, name: str) -> None:
        """Take back a page written before."""
        try:
            os.unlink(os.path.join(self.tmp, name))
        except OSError as exc:
            raise WriteError(f"cannot write {self.target / name}: {exc.strerror or exc}") from None
        self.count -= 1

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            PENDING.discard(self.tmp)
            return
        try:
            self._swap()
        except OSError as error:
            shutil.rmtree(self.tmp, ignore_errors=True)
            PENDING.discard(self.tmp)
            raise WriteError(f"cannot write {self.target}: {error.strerror or error}") from None

    def _swap(self) -> None:
        target, tmp = str(self.target), self.tmp
        _sync_folder(tmp)
        # Signals are held so that an interrupt cannot land between a rename and its bookkeeping.
        with signals_held():
            if not os.path.lexists(target):
                os.rename(tmp, target)
                PENDING.discard(tmp)
                return
            if _exchange(tmp, target):
                aside = tmp  # which now holds the old site
            else:
                aside = tmp + ".old"
                os.rename(target, aside)
                os.rename(tmp, target)
                PENDING.discard(tmp)
            PENDING.add(aside)
        shutil.rmtree(aside, ignore_errors=True)
        PENDING.discard(aside)
        _sync_folder(os.path.dirname(os.path.abspath(target)))


def _sync_folder(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
