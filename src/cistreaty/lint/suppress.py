"""Inline suppression: `# cistreaty: noqa: C105` (or `C105, C109`, or bare for every code).

The comment stands at the end of the line whose diagnostics it suppresses. A directive, or a
code in one, that suppresses nothing is reported as C115, so stale suppressions do not outlive
the problem they hid.

Comments are found with a line scan, not the YAML parser (which drops comments): a `#` counts
when it starts the line or follows whitespace, as YAML requires of comments. A scalar that spans
lines and contains such text would be misread; no instrument text holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic

UNUSED = "C115"
# Produced after the per-file pass (lint.cross_file): they are suppressed by
# `apply_cross_file`, and a per-file check cannot tell whether a directive for them is used.
CROSS_FILE = frozenset({"C102", "C108"})

_DIRECTIVE = re.compile(
    r"(?:^|(?<=\s))#\s*cistreaty:\s*noqa(?P<rest>(?::\s*[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)?)\s*$")


@dataclass
class Directive:
    line: int
    col: int
    codes: tuple[str, ...]  # empty: every code

    def covers(self, code: str) -> bool:
        return not self.codes or code in self.codes


def directives(text: str) -> dict[int, Directive]:
    """The directives of a file, by 1-based line (line breaks counted as the YAML loader does)."""
    found: dict[int, Directive] = {}
    if "noqa" not in text:
        return found
    for n, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if "noqa" not in line:
            continue
        m = _DIRECTIVE.search(line)
        if m is None:
            continue
        rest = m.group("rest").lstrip(":").strip()
        codes = tuple(c.strip().upper() for c in rest.split(",")) if rest else ()
        found[n] = Directive(n, m.start() + 1, codes)
    return found


def apply(diagnostics: list[Diagnostic], text: str | None, path: str) -> list[Diagnostic]:
    """Drop the diagnostics a directive covers; add C115 for the directives (or codes) left unused."""
    if not text:
        return diagnostics
    found = directives(text)
    if not found:
        return diagnostics
    kept = []
    used: dict[int, set[str]] = {}
    for d in diagnostics:
        directive = found.get(d.line) if d.line else None
        if directive is not None and d.code != UNUSED and directive.covers(d.code):
            used.setdefault(d.line, set()).add(d.code)
        else:
            kept.append(d)
    for n, directive in sorted(found.items()):
        hits = used.get(n, set())
        if not directive.codes:
            if not hits:
                kept.append(Diagnostic(path, n, directive.col, UNUSED,
                                       "`# cistreaty: noqa` suppresses nothing on this line: remove it"))
            continue
        unused = [c for c in directive.codes if c not in hits and c not in CROSS_FILE]
        if unused:
            kept.append(Diagnostic(path, n, directive.col, UNUSED,
                                   f"`# cistreaty: noqa` for {', '.join(unused)}: no such finding on this "
                                   "line, remove the code"))
    return kept


def apply_cross_file(diagnostics: list[Diagnostic], read_line) -> list[Diagnostic]:
    """Suppress cross-file findings by the directive on their line; `read_line(path, n)` gives it."""
    out = []
    for d in diagnostics:
        if d.line and d.code in CROSS_FILE:
            line = read_line(d.path, d.line) or ""
            found = directives(line).get(1) if "noqa" in line else None
            if found is not None and found.covers(d.code):
                continue
        out.append(d)
    return out
