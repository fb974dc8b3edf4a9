"""What a maintainer needs next to a schema error: "did you mean", and one message per union field.

Works on pydantic's error dicts and the models' field declarations; imported only when a file
has schema errors, so its model import costs nothing on clean runs.
"""

from __future__ import annotations

import difflib
import re
import types
import typing

# Fields whose value is one of two shapes: said once, in words, instead of one line per shape.
UNION_WORDS = {
    "count": "a whole number ≥ 1 or `all`",
    "occurrence": "a whole number ≥ 1 or `all`",
    "duration": "`indefinite` or a mapping {years: N, renew_years: M}",
}
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def close(word: str, choices) -> str | None:
    """The nearest choice to a misspelt word, if one is near enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return found[0] if found else None


def expected_values(err: dict) -> list[str]:
    """The values of a Literal, from pydantic's `expected` text ("'a', 'b' or 'c'")."""
    return _QUOTED.findall((err.get("ctx") or {}).get("expected", ""))


def value_at(value, loc):
    """The YAML value at a location path, or None."""
    for part in loc:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        else:
            return None
    return value


def _members(tp):
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out.extend(_members(arg))
        return out
    return [tp]


def _step(tp, part):
    """The type found under `part` (a field, a list index, a dict key, a union tag) of type `tp`."""
    from pydantic import BaseModel

    for member in _members(tp):
        origin = typing.get_origin(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            if isinstance(part, str):
                for name, field in member.model_fields.items():
                    if part in (name, field.alias):
                        return field.annotation
                op = member.model_fields.get("op")
                if op is not None and part in typing.get_args(op.annotation):
                    return member  # a discriminated union's tag names its member
        elif origin is list and isinstance(part, int):
            return typing.get_args(member)[0]
        elif origin is dict:
            return typing.get_args(member)[1]
    return None


def allowed_keys(raw_loc) -> list[str]:
    """The keys a mapping at `raw_loc` (pydantic's location, tags included) may hold."""
    from pydantic import BaseModel

    from ..models import Instrument

    tp = Instrument
    for part in raw_loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    keys: list[str] = []
    for member in _members(tp):
        if isinstance(member, type) and issubclass(member, BaseModel):
            keys += [field.alias or name for name, field in member.model_fields.items()]
    return keys


def describe_member(tag: str) -> str:
    """A union member as pydantic names it in locations, in words."""
    if tag.startswith("literal["):
        return " or ".join(f"`{v}`" for v in _QUOTED.findall(tag)) or tag
    if tag in ("int", "constrained-int"):
        return "a whole number"
    if tag in ("str", "constrained-str"):
        return "text"
    return "a mapping"
