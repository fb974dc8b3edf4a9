"""Schema errors: from pydantic's error list to positioned messages a maintainer reads.

pydantic validates (`models.py`); this module says where in the file each error is and what it
means. It works on `ValidationError.errors()` and imports no pydantic itself, so the registry of
codes can read S001 without loading the models.
"""

from __future__ import annotations

import datetime as dt

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
        return f"unknown key {_part(name)!r}"
    if kind == "missing":
        return f"missing required key {name!r}"
    where = ".".join(_part(p) for p in loc if not _is_tag(p))
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind == "string_pattern_mismatch":
        msg = _PATTERNS.get((err.get("ctx") or {}).get("pattern"), msg)
    if kind == "date_type":
        # Most often a quoted date ("2025-06-05") or one not zero-padded (2025-6-5): both strings.
        msg += " (write it unquoted, as YYYY-MM-DD)"
    if kind == "invalid_key" or (kind == "string_type" and "[key]" in err.get("raw_loc", ())):
        # YAML reads 2020-01-01, null, true and 5 as a date, nothing, a boolean, a number.
        msg = f"keys are strings: quote it ('{_part(name)}':)"
    if kind == "bool_type":
        # yes/no/on/off, True, 'true' and 1 are not booleans in an instrument file.
        msg += " (write true or false)"
    return f"{where}: {msg}" if where else msg


_PYDANTIC_TAG = re.compile(r"^([a-z][a-z0-9_-]*)?\[.*\]$", re.DOTALL)


def _part(part) -> str:
    """A key or index of a location as the file writes it: `2020-01-01`, `null`, `true`."""
    if part is None:
        return "null"
    if isinstance(part, bool):
        return "true" if part else "false"
    return _printable(str(part))


_NONE = object()  # no such key (None is one: `null:`)


def _original(loc: tuple, value) -> tuple:
    """pydantic's location with the file's own keys. A key that is not a string (a date, null, true)
    comes back as its repr ('datetime.date(2020, 1, 1)'), which neither names it as written nor
    finds its position; the value walked beside the location gives the key itself."""
    out, node = [], value
    for part in loc:
        if isinstance(node, dict):
            if isinstance(part, str) and part in node:
                key = part
            else:
                key = next((k for k in node if not isinstance(k, str) and (repr(k) == part or k == part)), _NONE)
                if key is _NONE:
                    out.append(part)  # a union member's name, or a key the file lacks
                    continue
            out.append(key)
            node = node[key]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        else:
            out.append(part)
    return tuple(out)


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


def _union_member(err: dict, positions) -> bool:
    """An error about one shape of a union field: its location ends in a name pydantic gave the
    shape, which the file does not hold."""
    from .positions import resolve

    raw = err["loc"]
    if err["type"] == "missing" or not raw or not isinstance(raw[-1], str) or positions is None:
        return False
    return not resolve(positions, raw)[2] and resolve(positions, raw[:-1])[2]


def _hinted(err: dict, loc: tuple, value) -> str:
    """The message, with "did you mean" where a misspelt key or word has a near match."""
    from . import schema_hints

    message = _message({**err, "loc": loc})
    if err["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
        near = schema_hints.close(loc[-1], schema_hints.allowed_keys(err["loc"][:-1]))
        if near:
            message += f"; did you mean {near!r}?"
    elif err["type"] == "string_type" and "[key]" not in err.get("raw_loc", ()):
        given = schema_hints.value_at(value, loc)
        if isinstance(given, (bool, int, float, dt.date)) or given is None:
            written = _part(given)
            what = ("a boolean" if isinstance(given, bool) else "nothing (null)" if given is None
                    else "a date" if isinstance(given, dt.date) else "a number")
            message += f" (YAML reads {written} as {what}: quote it, \"{written}\")"
    elif err["type"] == "literal_error":
        given = schema_hints.value_at(value, loc)
        choices = schema_hints.expected_values(err)
        near = schema_hints.close(given, choices) if isinstance(given, str) else None
        if near:
            where = ".".join(_part(p) for p in loc)
            message = f"{where}: {_printable(given)!r} is not one of the {len(choices)} values allowed here; " \
                      f"did you mean {near!r}?"
    return message


def _union_message(loc: tuple, errs: list[dict]) -> str:
    from . import schema_hints

    where = ".".join(_part(p) for p in loc)
    name = loc[-1] if loc else ""
    words = schema_hints.UNION_WORDS.get(name) if isinstance(name, str) else None
    if words is None:
        words = " or ".join(dict.fromkeys(schema_hints.describe_member(e["loc"][-1]) for e in errs))
    return f"`{where}` must be {words}"


def file_loc(loc) -> tuple:
    """pydantic's location as a path in the file: without the names it gives union members."""
    return tuple(p for p in loc if not _is_tag(p))


def validation_diagnostics(exc, positions, display: str, value=None) -> list[Diagnostic]:
    """Positioned schema diagnostics for a pydantic ValidationError, one per distinct place and message.

    A value that fits none of a union's shapes gets one message saying what it may be, not one per
    shape; a misspelt key or word gets "did you mean". `value` is the YAML value (for the word given)."""
    out = []
    seen = set()
    errors = exc.errors(include_input=False, include_url=False)
    if value is not None:
        errors = [{**err, "loc": _original(tuple(err["loc"]), value)} for err in errors]
    unions: dict[tuple, list[dict]] = {}
    for err in errors:
        if _union_member(err, positions):
            unions.setdefault(tuple(err["loc"][:-1]), []).append(err)
    for err in errors:
        raw = tuple(err["loc"][:-1])
        if len(unions.get(raw, ())) > 1:
            if raw in seen:
                continue
            seen.add(raw)
            loc = tuple(p for p in raw if not _is_tag(p))
            out.append(SCHEMA.at(display, *locate(positions, loc), _union_message(loc, unions[raw])))
            continue
        loc = tuple(p for p in err["loc"] if not _is_tag(p))
        if err["type"] in ("extra_forbidden", "invalid_key") or "[key]" in err["loc"]:
            # An unknown key, or a key that breaks its pattern: point at the key, not its value.
            line, col = locate(positions, (*loc, KEY))
        elif err["type"] == "missing":
            line, col = locate(positions, loc[:-1])
        else:
            line, col = locate(positions, loc)
        d = SCHEMA.at(display, line, col, _hinted({**err, "raw_loc": tuple(err["loc"])}, loc, value))
        if (d.line, d.col, d.message) not in seen:
            seen.add((d.line, d.col, d.message))
            out.append(d)
    return out
