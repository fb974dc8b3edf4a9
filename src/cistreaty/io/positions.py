"""The position index of a YAML file, and the one function that turns findings into positions.

`io.yamlio` builds the index beside the value, in parallel to it:
  scalar  -> (line, col)
  seq     -> (line, col, [child positions])
  mapping -> (line, col, {key: (line, col)}, {key: child position})
Lines and columns are 1-based.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import KEY, Diagnostic, Finding


def resolve(positions, loc) -> tuple[int, int, bool]:
    """The (line, col) of a location path such as ('parties', 'KG', 'events', 0, 'date').

    Elements not present in the tree (pydantic's union tags, a missing field) are skipped;
    the last bool says whether the whole path was found.
    """
    pos = positions
    complete = True
    for part in loc:
        if pos is None:
            break
        if len(pos) == 4 and part in pos[3]:
            pos = pos[3][part]
        elif len(pos) == 3 and isinstance(part, int) and 0 <= part < len(pos[2]):
            pos = pos[2][part]
        else:
            complete = False
            continue
    if pos is None:
        return (0, 0, False)
    return (pos[0], pos[1], complete)


def key_position(positions, loc) -> tuple[int, int] | None:
    """The (line, col) of the last key in loc, if loc names a mapping key."""
    if not loc:
        return None
    pos = positions
    for part in loc[:-1]:
        if len(pos) == 4 and part in pos[3]:
            pos = pos[3][part]
        elif len(pos) == 3 and isinstance(part, int) and 0 <= part < len(pos[2]):
            pos = pos[2][part]
        else:
            continue
    last = loc[-1]
    if len(pos) == 4 and last in pos[2]:
        return pos[2][last]
    return None


def locate(positions, loc) -> tuple[int, int]:
    """Where a loc points: its value, or its key when the loc ends with KEY; (0, 0) without an index."""
    if positions is None:
        return (0, 0)
    if loc and loc[-1] == KEY:
        return key_position(positions, loc[:-1]) or resolve(positions, loc[:-1])[:2]
    return resolve(positions, loc)[:2]


def place(findings: Iterable[Finding], path: str, positions) -> list[Diagnostic]:
    """Positioned diagnostics for findings about the file at `path`."""
    out = []
    for f in findings:
        f = f if isinstance(f, Finding) else Finding(*f)  # a rule may yield a plain (loc, code, message)
        message = f.message
        if f.first is not None:
            line = locate(positions, f.first)[0]
            message += f" (first at line {line})" if line else ""
        out.append(Diagnostic(path, *locate(positions, f.loc), f.code, message))
    return out
