"""Lint results keyed by file content, in one SQLite file.

A result is reused only when the file's bytes, its displayed path (C101 compares the id with
it), the files its checks looked up (a protocol's base text), the fingerprint of cistreaty's
own code and the versions of Python, PyYAML, libyaml, pydantic and pydantic-core are all unchanged. SQLite in WAL mode with a busy timeout makes two runs sharing the
cache at once (as pre-commit does) safe; any cache failure degrades to linting without it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

from ..diagnostics import Diagnostic
from ..io.yamlio import MAX_FILE_BYTES as _LIMIT
from .report import FileReport

ENV_VAR = "CISTREATY_CACHE_DIR"
_FINGERPRINT: str | None = None


def default_dir() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cistreaty"


def library_versions() -> str:
    """The versions of what decides the findings besides cistreaty: the YAML parser and pydantic.

    PyYAML 6.0.3 (libyaml 0.2.5) and 6.0.4 (libyaml 0.2.6) answer some files differently, and a
    pydantic release can word or place a validation error differently: a result one of them
    stored is not the other's."""
    import platform

    import pydantic.version
    import pydantic_core
    import yaml

    from ..io import yamlio

    try:
        from yaml import _yaml

        libyaml = _yaml.get_version_string() if yamlio.LIBYAML else "not used"
    except ImportError:  # pragma: no cover - a PyYAML built without libyaml
        libyaml = "not built"
    return (f"python={platform.python_version()} pyyaml={yaml.__version__} libyaml={libyaml} "
            f"pydantic={pydantic.version.VERSION} pydantic-core={pydantic_core.__version__}")


def fingerprint() -> str:
    """Version, the libraries' versions and a hash of every module of the package: any change to
    a rule or to a library that decides a finding invalidates."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        from .. import __version__

        root = Path(__file__).resolve().parent.parent
        h = hashlib.blake2b(__version__.encode(), digest_size=16)
        h.update(library_versions().encode())
        for path in sorted(root.rglob("*.py")):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
        _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


def _digest(path) -> str:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "not-a-file"
        with open(path, "rb") as fh:
            data = fh.read(_LIMIT + 1)
    except OSError:
        return "missing"
    if len(data) > _LIMIT:
        return "too-large"  # never cached: the loader refuses it by size anyway
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.pending: list[tuple[str, str, str]] = []
        self.keys: dict[str, str] = {}  # display -> content key, computed once per run
        self.db: sqlite3.Connection | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.folder / "lint-v2.sqlite3", timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS results "
                            "(key TEXT PRIMARY KEY, fp TEXT NOT NULL, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error):
            self.db = None  # an unusable cache is no cache
        self.prefix = fingerprint()

    def _key(self, display: str, path) -> str | None:
        try:
            # Only regular files: opening a FIFO named *.yaml would block forever.
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None
            with open(path, "rb") as fh:
                data = fh.read(_LIMIT + 1)
        except OSError:
            return None  # unreadable files are always checked afresh
        if len(data) > _LIMIT:
            return None  # reading a 50 MB file whole to hash it would undo the loader's size limit
        h = hashlib.blake2b(digest_size=20)
        h.update(self.prefix.encode())
        h.update(display.encode("utf-8", "backslashreplace"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def get_many(self, files: list[tuple[str, object]]) -> dict[int, object]:
        """Cached reports by index into `files`; the keys are kept for `put`.

        One query per 500 files: a query per file was a third of a fully cached run.
        """
        if self.db is None:
            return {}
        wanted: dict[str, int] = {}
        for i, (display, path) in enumerate(files):
            key = self._key(display, path)
            if key is not None:
                self.keys[display] = key
                wanted[key] = i
        rows = []
        keys = list(wanted)
        try:
            for start in range(0, len(keys), 500):
                part = keys[start:start + 500]
                marks = ",".join("?" * len(part))
                rows.extend(self.db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", part))
        except sqlite3.Error:
            return {}
        out = {}
        for key, raw in rows:
            value = json.loads(raw)
            if any(_digest(dep) != digest for dep, digest in value["deps"]):
                continue
            i = wanted[key]
            out[i] = FileReport(
                path=files[i][0],
                diagnostics=[Diagnostic(**d) for d in value["diagnostics"]],
                id=value["id"], id_pos=tuple(value["id_pos"]),
                amends=value["amends"], amends_pos=tuple(value["amends_pos"]),
                deps=[dep for dep, _ in value["deps"]],
            )
        return out

    def get(self, display: str, path):
        return self.get_many([(display, path)]).get(0)

    def put(self, display: str, path, report) -> None:
        if self.db is None:
            return
        key = self.keys.get(display) or self._key(display, path)
        if key is None:
            return
        value = {
            "diagnostics": [{"path": d.path, "line": d.line, "col": d.col, "code": d.code,
                             "message": d.message, "severity": d.severity} for d in report.diagnostics],
            "id": report.id, "id_pos": list(report.id_pos),
            "amends": report.amends, "amends_pos": list(report.amends_pos),
            "deps": [[dep, _digest(dep)] for dep in report.deps],
        }
        self.pending.append((key, self.prefix, json.dumps(value, ensure_ascii=False)))

    def commit(self) -> None:
        if self.db is None or not self.pending:
            return
        try:
            with self.db:
                # Results of other cistreaty code can never be used again: drop them.
                self.db.execute("DELETE FROM results WHERE fp != ?", (self.prefix,))
                self.db.executemany("INSERT OR REPLACE INTO results (key, fp, value) VALUES (?, ?, ?)",
                                    self.pending)
        except sqlite3.Error:
            pass  # another run holds the lock too long: its results are as good as ours
        self.pending = []

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
