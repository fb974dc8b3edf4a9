"""Lint results keyed by exactly what they depend on, in one SQLite file.

A row is found by the file's absolute path, its displayed path (C101 compares the id with it),
the corpus a protocol's base was looked up in and the fingerprint of cistreaty's code and of
Python, PyYAML, libyaml, pydantic and pydantic-core (`fingerprint`). It holds the digest of the bytes that were
checked, the stat those bytes were read with, and the digest and stat of every other file the
check read (a protocol's base). A row answers only when those digests are still the files'
digests; a file whose stat is unchanged is trusted without reading it, as git's index does
(docs/performance.md, "The cache"). Rows are verified on read: one that does not decode to the
expected shape is a miss. SQLite in WAL mode with a busy timeout makes two runs sharing the cache
at once (as pre-commit does) safe; any cache failure degrades to linting without it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..diagnostics import Diagnostic
from ..own_state import blake2b, cache_home, code_digest
from . import snapshot
from .report import FileReport

_FINGERPRINT: str | None = None
_DB = "lint-v3.sqlite3"


def default_dir() -> Path:
    return Path(cache_home())


def library_versions() -> str:
    """What decides the findings besides cistreaty: Python, the YAML parser and pydantic.

    PyYAML 6.0.3 (libyaml 0.2.5) and 6.0.4 (libyaml 0.2.6) answer some files differently, and a
    pydantic release can word or place a validation error differently: a result one of them
    stored is not the other's. Read without importing them (PyYAML, pydantic-core and the loader
    cost about 30 ms, more than the rest of a fully cached run): PyYAML's and pydantic's versions
    from their own source files, and the compiled parts, whose versions (libyaml's,
    pydantic-core's) are inside the binary, by the stat of the extension file, as the cache knows
    an unchanged file (docs/performance.md): another build or a reinstall is another key."""
    yaml_dir, pydantic_dir, core_dir = (_package_dir(name) for name in ("yaml", "pydantic", "pydantic_core"))
    return (f"python={sys.version.split()[0]} "
            f"pyyaml={_version_in(yaml_dir, '__init__.py', '__version__', 'yaml')} "
            f"libyaml={_extension(yaml_dir, '_yaml')}{_shared_libyaml(yaml_dir)} "
            f"pydantic={_version_in(pydantic_dir, 'version.py', 'VERSION', 'pydantic.version')} "
            f"pydantic-core={_extension(core_dir, '_pydantic_core')}")


def _package_dir(name: str) -> str | None:
    """The folder the package `name` is imported from, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    return locations[0] if locations else None


def _version_in(folder: str | None, file: str, name: str, module: str) -> str:
    """`name = "X.Y.Z"` as the package's source file states it; imported when the file does not."""
    if folder is None:
        return "missing"
    try:
        with open(os.path.join(folder, file), encoding="utf-8") as fh:
            found = re.search(rf"^{name} = ['\"]([^'\"]+)['\"]$", fh.read(), re.M)
        if found:
            return found.group(1)
    except (OSError, UnicodeDecodeError):
        pass
    import importlib

    return str(getattr(importlib.import_module(module), name, "unknown"))


def _extension(folder: str | None, stem: str) -> str:
    """The stat of the extension module `stem` the package imports (the first suffix the import
    system tries), or `missing`."""
    from importlib.machinery import EXTENSION_SUFFIXES

    for suffix in EXTENSION_SUFFIXES if folder is not None else ():
        try:
            return snapshot.stat_key(os.stat(os.path.join(folder, stem + suffix)))
        except OSError:
            continue
    return "missing"


# Where the dynamic linker finds a shared libyaml when PyYAML was built against one (a distribution's
# package, or pip building from source where libyaml-dev is installed): PyPI's wheels carry libyaml
# inside `_yaml` itself, and then the extension's stat above already is libyaml's version.
LIB_DIRS = ("/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
            "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64", "/lib")
_SONAME = b"libyaml-0.so"


def _shared_libyaml(folder: str | None, lib_dirs: tuple[str, ...] = LIB_DIRS) -> str:
    """`+` the stat of the shared libyaml the extension links to, or "" when it links none: a system
    libyaml upgrade changes no file of PyYAML's, and would otherwise keep results libyaml 0.2.5
    gave for 0.2.6. The extension is searched for the library's name, about 1 ms for PyPI's 2.6 MB."""
    import mmap
    from importlib.machinery import EXTENSION_SUFFIXES

    for suffix in EXTENSION_SUFFIXES if folder is not None else ():
        try:
            with open(os.path.join(folder, "_yaml" + suffix), "rb") as fh, \
                    mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                at = data.find(_SONAME)
                if at < 0:
                    return ""
                end = at + len(_SONAME)
                while end < len(data) and data[end] in b"0123456789.":
                    end += 1
                soname = data[at:end].decode("ascii")
        except (OSError, ValueError):
            continue
        for lib_dir in lib_dirs:
            try:
                return f"+{soname}:{snapshot.stat_key(os.stat(os.path.join(lib_dir, soname)))}"
            except OSError:
                continue
        return f"+{soname}:not-found"
    return ""


def fingerprint() -> str:
    """Version, the libraries' versions and a hash of every module of the package: any change to
    a rule or to a library that decides a finding invalidates."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        from .. import __version__

        h = blake2b(__version__.encode(), digest_size=16)
        h.update(library_versions().encode())
        h.update(code_digest())
        _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


def _pos(value) -> tuple[int, int]:
    line, col = value
    if type(line) is not int or type(col) is not int:
        raise ValueError("position")
    return line, col


def _opt_str(value):
    if value is not None and type(value) is not str:
        raise ValueError("string")
    return value


def _diagnostic(d: dict) -> Diagnostic:
    fields = (d["path"], d["line"], d["col"], d["code"], d["message"], d["severity"])
    if tuple(map(type, fields)) != (str, int, int, str, str, str) or len(d) != 6:
        raise ValueError("diagnostic")
    return Diagnostic(*fields)


def _dep(dep) -> tuple[str, str, str | None]:
    path, digest, stat = dep
    if type(path) is not str or type(digest) is not str or _opt_str(stat) is not stat:
        raise ValueError("dep")
    return path, digest, stat


def _decode(raw, display: str):
    """(FileReport, deps) from a stored value, or ValueError/TypeError/KeyError when it is damaged."""
    import json  # here: a run replay.py answers reads no row

    value = json.loads(raw)
    report = FileReport(
        path=display,
        diagnostics=[_diagnostic(d) for d in value["diagnostics"]],
        id=_opt_str(value["id"]), id_pos=_pos(value["id_pos"]),
        amends=_opt_str(value["amends"]), amends_pos=_pos(value["amends_pos"]),
    )
    if any(d.path != display for d in report.diagnostics):
        raise ValueError("path")
    report.deps = [list(_dep(dep)) for dep in value["deps"]]
    return report


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.pending: list[tuple] = []
        self.restat: list[tuple[str, str, str]] = []
        self.idents: dict[int, str] = {}
        # The stat each hit of the last lookup was trusted by, or None: what replay.keep stores.
        self.trusted: dict[int, str | None] = {}
        self.db = None
        self._connected = False
        self.prefix = fingerprint()

    def _connect(self):
        """The database, opened on first use: a run replay.py answers never imports sqlite3."""
        if not self._connected:
            self._connected = True
            import sqlite3

            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.folder / _DB, timeout=10)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("CREATE TABLE IF NOT EXISTS entries (ident TEXT PRIMARY KEY, fp TEXT NOT NULL, "
                                "stat TEXT, digest TEXT NOT NULL, value TEXT NOT NULL)")
            except (OSError, sqlite3.Error):
                self.db = None  # an unusable cache is no cache
        return self.db

    def _idents(self, files: list[tuple[str, object]], corpus: str | None) -> dict[int, str]:
        """Each row's key: the hash of the fingerprint, the absolute and the displayed path and the
        corpus, each followed by a NUL. The parts every file shares are hashed once."""
        base = blake2b(os.fsencode(self.prefix) + b"\0", digest_size=20)
        tail = os.fsencode(os.path.abspath(corpus) if corpus else "") + b"\0"
        encode, absolute, split, join = os.fsencode, os.path.abspath, os.path.split, os.path.join
        folders: dict[str, str] = {}
        out = {}
        for i, (display, path) in enumerate(files):
            # abspath per folder, not per file: for a plain name, abspath(join(d, n)) is
            # join(abspath(d), n); 10,000 abspath calls were a tenth of a fully cached run.
            folder, name = split(os.fspath(path))
            if name and name not in (".", ".."):
                if folder not in folders:
                    folders[folder] = absolute(folder or ".")
                full = join(folders[folder], name)
            else:
                full = absolute(path)
            h = base.copy()
            h.update(encode(full) + b"\0" + encode(display) + b"\0" + tail)
            out[i] = h.hexdigest()
        return out

    def lookup(self, files: list[tuple[str, object]], corpus: str | None = None):
        """(reports found, snapshots read) by index into `files`.

        One stat per file and one query: a file whose stat is as stored is not read. A file
        read here because its stat changed and whose digest no longer matches is returned as
        a snapshot, so that the check parses exactly the bytes hashed here.
        """
        import json
        import sqlite3

        if self._connect() is None:
            return {}, {}
        self.idents = self._idents(files, corpus)
        try:
            rows = {ident: (stat, digest, value) for ident, stat, digest, value in self.db.execute(
                "SELECT e.ident, e.stat, e.digest, e.value FROM json_each(?) AS j "
                "JOIN entries AS e ON e.ident = j.value WHERE e.fp = ?",
                (json.dumps(list(self.idents.values())), self.prefix))}
        except sqlite3.Error:
            return {}, {}
        hits, snaps = {}, {}
        for i, (display, path) in enumerate(files):
            row = rows.get(self.idents[i])
            if row is None:
                continue  # never seen: the check reads it (in a worker when there are many)
            stat, digest, raw = row
            try:
                now = snapshot.stat_key(os.stat(path))
            except (OSError, ValueError):
                continue  # the check words the problem
            snap = None
            trusted = stat
            if stat is None or now != stat:
                snap = snapshot.take(path)
                if snap.digest != digest:
                    if snap.cacheable:
                        snaps[i] = snap
                    continue
                trusted = snap.stat
            try:
                report = _decode(raw, display)
                fresh = all(snapshot.current(dep, dep_stat, dep_digest) == dep_digest
                            for dep, dep_digest, dep_stat in report.deps)
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
                fresh = False  # a damaged row is a miss, and the check's result replaces it
            if not fresh:
                if snap is not None and snap.cacheable:
                    snaps[i] = snap
                continue
            if snap is not None and snap.stat is not None:
                self.restat.append((snap.stat, self.idents[i], digest))
            hits[i] = report
            self.trusted[i] = trusted
        return hits, snaps

    def put(self, index: int, report) -> None:
        """Store the report of file `index` of the last lookup, under the digest it was checked with."""
        if self.db is None or report.digest is None or index not in self.idents:
            return
        import json

        value = {
            "diagnostics": [{"path": d.path, "line": d.line, "col": d.col, "code": d.code,
                             "message": d.message, "severity": d.severity} for d in report.diagnostics],
            "id": report.id, "id_pos": list(report.id_pos),
            "amends": report.amends, "amends_pos": list(report.amends_pos),
            "deps": report.deps,
        }
        self.pending.append((self.idents[index], self.prefix, report.stat, report.digest,
                             json.dumps(value, ensure_ascii=False)))

    def commit(self) -> None:
        import sqlite3

        if self.db is None or not (self.pending or self.restat):
            return
        try:
            with self.db:
                if self.pending:
                    # Results of other cistreaty code can never be used again: drop them.
                    self.db.execute("DELETE FROM entries WHERE fp != ?", (self.prefix,))
                    self.db.executemany("INSERT OR REPLACE INTO entries (ident, fp, stat, digest, value) "
                                        "VALUES (?, ?, ?, ?, ?)", self.pending)
                # Files touched but not changed (a checkout): trusted by stat from now on.
                self.db.executemany("UPDATE entries SET stat = ? WHERE ident = ? AND digest = ?", self.restat)
        except sqlite3.Error:
            pass  # another run holds the lock too long: its results are as good as ours
        self.pending, self.restat = [], []

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
