"""Project configuration: `.cistreaty.yaml` or `[tool.cistreaty]` in `pyproject.toml`.

Found by walking up from the current directory; in each directory `.cistreaty.yaml` is looked at
before `pyproject.toml`, and the first file found wins (no merging, as with ruff), so a
subproject's file shadows its parent's entirely. Command-line options override what it says.

Errors carry `file:line:col` for YAML (cistreaty's own loader keeps node positions). tomllib
keeps none, so `pyproject.toml` errors name the file and the key path instead.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import KEY
from ..io.files import read_bytes
from ..io.positions import locate
from .output import FORMATS

YAML_NAME = ".cistreaty.yaml"
PYPROJECT = "pyproject.toml"
KEYS = ("corpus", "select", "ignore", "per-file-ignores", "output-format")
_CODE_PREFIX = re.compile(r"^[A-Z][0-9]{0,3}$")


class ConfigError(Exception):
    """The configuration file is unreadable or invalid (exit 2); the message names the place."""


@dataclass
class Config:
    path: Path | None = None
    corpus: Path | None = None
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    output_format: str | None = None

    def is_selected(self, code: str, path: str) -> bool:
        """Whether a diagnostic of `code` on `path` is reported: select, then ignore, then per-file."""
        if self.select is not None and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        for pattern, codes in self.per_file_ignores:
            if self._matches(pattern, path) and any(code.startswith(p) for p in codes):
                return False
        return True

    def _matches(self, pattern: str, path: str) -> bool:
        candidates = [path.replace(os.sep, "/")]
        if self.path is not None:
            try:
                rel = Path(os.path.abspath(path)).relative_to(self.path.parent.resolve())
                candidates.append(rel.as_posix())
            except ValueError:
                pass
        if "/" not in pattern:  # a bare name pattern matches in any folder, as in .gitignore
            candidates.append(os.path.basename(path))
        return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)


def discover(start: Path | None = None) -> Path | None:
    """The configuration file that applies in `start` (default: the current directory), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / YAML_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _mentions_tool(candidate):
            return candidate
    return None


def _mentions_tool(path: Path) -> bool:
    # Parsing every pyproject.toml up the tree would be wasted work: most have no such table.
    # Also in UTF-16 (what PowerShell 5's `>` writes): such a file is then refused by name, not skipped.
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any("tool.cistreaty".encode(codec) in data for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration in `path`, or the one discovered from `start`; an empty one when none."""
    if path is None:
        path = discover(start)
        if path is None:
            return Config()
    elif not Path(path).is_file():
        what = "a folder, not a configuration file" if Path(path).is_dir() else "no such file"
        raise ConfigError(f"{os.fsdecode(path)}: {what}")
    path = Path(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        return _from_toml(path)
    return _from_yaml(path)


def _from_toml(path: Path) -> Config:
    import tomllib

    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        from ..io.decoding import looks_utf16

        if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or looks_utf16(raw[:256]):
            kind = "UTF-8 with a byte-order mark" if raw.startswith(b"\xef") else "UTF-16"
            raise ConfigError(f"{os.fsdecode(path)}:1:1: the file is {kind}: TOML files are plain UTF-8; "
                              "re-save it as UTF-8 without a byte-order mark")
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{os.fsdecode(path)}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        # TOML is UTF-8; tomllib would let the decoding error through with no position.
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(f"{os.fsdecode(path)}:{line}:{col}: invalid UTF-8 (byte 0x{raw[exc.start]:02x}): "
                          "TOML files are UTF-8; re-save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{os.fsdecode(path)}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("cistreaty") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return Config(path=path)

    def where(loc: tuple, key: bool = False) -> str:
        dotted = "tool.cistreaty" + "".join(f"[{p}]" if isinstance(p, int) else f".{_toml_key(p)}" for p in loc)
        return f"{os.fsdecode(path)}: {dotted}"

    return _validate(table, path, where)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


def _from_yaml(path: Path) -> Config:
    from ..io import decoding, yamlio  # only with a configuration file: a lint run without one needs no parser

    display = os.fsdecode(path)
    try:
        loaded = yamlio.loads(decoding.decode(read_bytes(path, display), display), display,
                              mapping=f"a configuration is a mapping of {', '.join(KEYS)}")
    except yamlio.LoadError as exc:
        first = exc.diagnostics[0]
        if first.code == yamlio.EMPTY_FILE.code:  # an empty file configures nothing
            return Config(path=path)
        raise ConfigError(f"{first.path}:{first.line}:{first.col}: {first.message}") from None
    positions = loaded.positions

    def where(loc: tuple, key: bool = False) -> str:
        line, col = locate(positions, (*loc, KEY) if key else loc)
        return f"{display}:{line}:{col}"

    if loaded.diagnostics:  # a duplicate key: which value was meant is unknowable
        d = loaded.diagnostics[0]
        raise ConfigError(f"{d.path}:{d.line}:{d.col}: {d.message}")
    return _validate(loaded.value, path, where)


def _validate(table, path: Path, where) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{where(())}: the configuration is a mapping of {', '.join(KEYS)}")
    cfg = Config(path=path)
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where((key,), key=True)}: unknown key {key!r} (known: {', '.join(KEYS)})")
    if "corpus" in table:
        value = table["corpus"]
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where(('corpus',))}: `corpus` is a folder path (a string)")
        cfg.corpus = (path.parent / value) if not os.path.isabs(value) else Path(value)
    if "select" in table:
        cfg.select = parse_codes(table["select"], ("select",), where, empty=f"select: {table['select']!r}")
    if "ignore" in table:
        cfg.ignore = parse_codes(table["ignore"], ("ignore",), where)
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise ConfigError(f"{where(('per-file-ignores',))}: `per-file-ignores` maps a glob to a list of codes")
        for pattern, codes in value.items():
            if not isinstance(pattern, str) or not pattern:
                raise ConfigError(f"{where(('per-file-ignores',))}: the globs of `per-file-ignores` are strings")
            cfg.per_file_ignores.append((pattern, parse_codes(codes, ("per-file-ignores", pattern), where)))
    if "output-format" in table:
        value = table["output-format"]
        if value not in FORMATS:
            raise ConfigError(f"{where(('output-format',))}: `output-format` is one of {', '.join(FORMATS)}, "
                              f"not {value!r}")
        cfg.output_format = value
    return cfg


def parse_codes(value, loc: tuple, where, empty: str | None = None) -> list[str]:
    """The codes or prefixes of `value`. `empty`: how the caller's setting reads when it names none, which
    is then refused (an empty select would report nothing at all, an unset variable a clean run)."""
    if empty is not None and value in ([], ""):
        raise ConfigError(f"{where(loc)}: {empty} selects no rule: name codes or prefixes (C105, C1, Y), "
                          "or leave it out to check every rule")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{where(loc)}: `{loc[0]}` is a list of rule codes or prefixes (C105, C1, Y)")
    out = []
    for i, code in enumerate(value):
        if not isinstance(code, str) or not _CODE_PREFIX.match(code):
            raise ConfigError(f"{where(loc + (i,))}: {code!r} is not a rule code or prefix (C105, C1, Y)")
        from .registry import RULES  # every rule module: only when codes are given

        if not any(known.startswith(code) for known in RULES):
            raise ConfigError(f"{where(loc + (i,))}: {code!r} matches no rule (see `cistreaty rules`)")
        out.append(code)
    return out
