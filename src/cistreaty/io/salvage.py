"""Check what validated even when part of a file did not: every independent mistake in one run.

A schema error hides nothing else: the parts with errors are set aside (a party, an article, a
source, an operation, or a top-level key), the rest is validated again, and the semantic rules run
on that. Their findings about the parts set aside are dropped, since those parts were not read as
written; findings elsewhere are reported at their place in the original file. The set-aside
instrument is never used for status or render: only the linter reads it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from pydantic import ValidationError

from ..models import Instrument

# Top-level keys whose entries stand alone: an error inside one sets aside only that entry.
_ENTRIES = ("parties", "sources", "articles", "amendments", "preamble", "related")
# Without these there is no instrument to check.
_REQUIRED = ("id", "type", "title")
_ROUNDS = 4


@dataclass
class Salvaged:
    instrument: Instrument
    set_aside: list[tuple] = field(default_factory=list)  # units, in original coordinates
    kept: dict[str, list[int]] = field(default_factory=dict)  # list key -> original index of each kept item

    def original(self, loc: tuple) -> tuple:
        """A finding's location in the file as written."""
        if len(loc) > 1 and loc[0] in self.kept and isinstance(loc[1], int):
            kept = self.kept[loc[0]]
            if 0 <= loc[1] < len(kept):
                return (loc[0], kept[loc[1]], *loc[2:])
        return loc

    def touches(self, keys: tuple[str, ...]) -> bool:
        """Whether a part of one of these top-level keys was set aside."""
        return any(unit[0] in keys for unit in self.set_aside)

    def hides(self, loc: tuple) -> bool:
        return any(loc[:len(unit)] == unit for unit in self.set_aside)

    def in_file(self, findings) -> list:
        """Findings about the salvaged instrument, placed in the file as written; those about a
        part set aside are dropped."""
        out = []
        for f in findings:
            f = f._replace(loc=self.original(f.loc), first=self.original(f.first) if f.first else None)
            if not self.hides(f.loc):
                out.append(f)
        return out


def _unit(loc: tuple) -> tuple | None:
    if not loc:
        return None
    if loc[0] in _ENTRIES and len(loc) > 1:
        return loc[:2]
    return loc[:1]


def salvage(value, exc: ValidationError, strip) -> Salvaged | None:
    """The instrument without the parts that have schema errors, or None when nothing useful is left.
    `strip` turns pydantic's location into the file's (without union tags)."""
    if not isinstance(value, dict):
        return None
    data = copy.deepcopy(value)
    units: list[tuple] = []
    lists = {k: list(range(len(v))) for k, v in data.items() if k in _ENTRIES and isinstance(v, list)}
    for _ in range(_ROUNDS):
        new = set()
        for err in exc.errors(include_input=False, include_url=False):
            unit = _unit(tuple(strip(err["loc"])))
            if unit is None or unit[0] in _REQUIRED:
                return None
            new.add(unit)
        # Last index first, so that deleting one list item does not move the next one to delete.
        for unit in sorted(new, key=_order, reverse=True):
            _drop(data, lists, unit, units)
        try:
            return Salvaged(Instrument.model_validate(data), units, lists)
        except ValidationError as again:
            exc = again
    return None


def _order(unit: tuple):
    return (str(unit[0]), unit[1] if len(unit) > 1 and isinstance(unit[1], int) else -1)


def _drop(data: dict, lists: dict[str, list[int]], unit: tuple, units: list[tuple]) -> None:
    key = unit[0]
    if len(unit) == 1:
        if key in data:
            data.pop(key)
            units.append(unit)
        return
    entries = data.get(key)
    if isinstance(entries, dict) and unit[1] in entries:
        entries.pop(unit[1])
        units.append(unit)
    elif isinstance(entries, list) and isinstance(unit[1], int) and 0 <= unit[1] < len(entries):
        # Indices here are those of the list as it now is: record the original one.
        units.append((key, lists[key][unit[1]]))
        del entries[unit[1]]
        del lists[key][unit[1]]
