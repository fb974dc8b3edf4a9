"""Schema errors: from pydantic's error list to positioned messages a maintainer reads.

pydantic validates (`models.py`); this module says where in the file each error is and what it
means. It works on `ValidationError.errors()` and imports no pydantic itself, so the registry of
codes can read S001 without loading the models.
"""

from __future__ import annotations

import re

from ..diagnostics import KEY, Diagnostic, Rule
from .positions import locate

SCHEMA = Rule(
    "S001", "schema", "The value does not match the instrument file format.",
    "Unknown keys, missing required keys, wrong types and values outside the vocabulary. The position "
    "is that of the offending key or value, or of the mapping that lacks a required key. The format is "
    "described in docs/format.md and in schemas/instrument.schema.json.",
    passes="type: agreement", fails="type: agreemnt")


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
        # Most often a quoted date ("2025-06-05") or one not zero-padded (2025-6-5): both strings.
        msg += " (write it unquoted, as YYYY-MM-DD)"
    if kind == "bool_type":
        # yes/no/on/off, True, 'true' and 1 are not booleans in an instrument file.
        msg += " (write true or false)"
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


def validation_diagnostics(exc, positions, display: str) -> list[Diagnostic]:
    """Positioned schema diagnostics for a pydantic ValidationError, one per distinct place and message."""
    out = []
    seen = set()
    for err in exc.errors(include_input=False, include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_tag(p))
        if err["type"] == "extra_forbidden" or "[key]" in err["loc"]:
            # An unknown key, or a key that breaks its pattern: point at the key, not its value.
            line, col = locate(positions, (*loc, KEY))
        elif err["type"] == "missing":
            line, col = locate(positions, loc[:-1])
        else:
            line, col = locate(positions, loc)
        d = SCHEMA.at(display, line, col, _message({**err, "loc": loc}))
        if (d.line, d.col, d.message) not in seen:
            seen.add((d.line, d.col, d.message))
            out.append(d)
    return out
