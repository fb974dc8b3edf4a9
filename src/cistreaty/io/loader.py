"""One file in, one validated Instrument (or positioned diagnostics) out."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import yamlio
from .files import read_bytes
from ..diagnostics import Diagnostic
from ..models import Instrument


@dataclass
class FileResult:
    path: str
    instrument: Instrument | None = None
    positions: object = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Comment lines, for `# cistreaty: noqa` and the schema header; kept only when asked.
    text: str | None = None
    # The plain YAML value, kept only when asked (to pass between processes cheaply).
    value: object = None


# What the contract's patterns mean, in words a maintainer reads faster than a regular expression.
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id is lowercase kebab-case: letters, digits and single hyphens "
                                 "(heavy-machinery)",
    r"^[A-Z]{2}$": "a party is an ISO 3166-1 alpha-2 code in capitals (KG, RU)",
    r"^[a-z]{2,3}$": "a language code is 2 or 3 lowercase letters (en, ru)",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "a source key is letters, digits, '.', '_' and '-', starting with a "
                                     "letter or digit",
}


def _message(err: dict) -> str:
    kind = err["type"]
    loc = err["loc"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return f"unknown key {name!r}"
    if kind == "missing":
        return f"missing required key {name!r}"
    where = ".".join(_printable(str(p)) for p in loc if not _is_tag(p))
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "string_pattern_mismatch":
        msg = _PATTERNS.get((err.get("ctx") or {}).get("pattern"), msg)
    if kind == "date_type":
        # Most often a quoted date ("2025-06-05"), which YAML reads as a string.
        msg += " (write it unquoted, as YYYY-MM-DD)"
    return f"{where}: {msg}" if where else msg


_PYDANTIC_TAG = re.compile(r"^([a-z][a-z0-9_-]*)?\[.*\]$", re.DOTALL)


def _printable(key: str) -> str:
    # Keys come from the file: an escape sequence in one must not reach the terminal or split a line.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in key)


def _is_tag(part) -> bool:
    # pydantic adds union members and validator names to locations: they are not YAML keys.
    # A YAML key may hold "[" too (a party key "\e[31m" must still be named), so only the
    # lowercase name[...] form pydantic uses counts as a tag.
    return isinstance(part, str) and (part in ("substitute", "insert", "repeal", "replace-words")
                                      or _PYDANTIC_TAG.match(part) is not None
                                      or part in ("int", "str", "constrained-str"))


def validation_diagnostics(exc: ValidationError, positions, display: str) -> list[Diagnostic]:
    out = []
    seen = set()
    for err in exc.errors(include_input=False, include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_tag(p))
        if err["type"] == "extra_forbidden" or "[key]" in err["loc"]:
            # An unknown key, or a key that breaks its pattern: point at the key, not its value.
            pos = yamlio.key_position(positions, loc)
            line, col = pos if pos else yamlio.resolve(positions, loc)[:2]
        elif err["type"] == "missing":
            line, col, _ = yamlio.resolve(positions, loc[:-1])
        else:
            line, col, _ = yamlio.resolve(positions, loc)
        d = Diagnostic(display, line, col, "S001", _message({**err, "loc": loc}))
        if (d.line, d.col, d.message) not in seen:
            seen.add((d.line, d.col, d.message))
            out.append(d)
    return out


def load_text(text: str, display: str, keep_text: bool = False, keep_value: bool = False) -> FileResult:
    result = FileResult(display, text=text if keep_text else None)
    try:
        loaded = yamlio.loads(text, display)
    except yamlio.LoadError as exc:
        result.diagnostics.extend(exc.diagnostics)
        return result
    result.positions = loaded.positions
    result.diagnostics.extend(loaded.diagnostics)
    if keep_value:
        result.value = loaded.value
    try:
        result.instrument = Instrument.model_validate(loaded.value)
    except ValidationError as exc:
        result.diagnostics.extend(validation_diagnostics(exc, loaded.positions, display))
    return result


def load_file(path: Path, display: str | None = None, keep_text: bool = False,
              keep_value: bool = False) -> FileResult:
    display = display if display is not None else os.fsdecode(path)
    try:
        data = read_bytes(path, display)
    except yamlio.LoadError as exc:
        return FileResult(display, diagnostics=list(exc.diagnostics))
    return load_data(data, display, keep_text, keep_value)


def load_data(data: bytes, display: str, keep_text: bool = False, keep_value: bool = False) -> FileResult:
    """Like load_file, for bytes already read (lint checks exactly the bytes its cache hashed)."""
    try:
        text = yamlio.decode(data, display)
    except yamlio.LoadError as exc:
        return FileResult(display, diagnostics=list(exc.diagnostics))
    return load_text(text, display, keep_text, keep_value)
