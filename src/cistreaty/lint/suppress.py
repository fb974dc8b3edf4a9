"""Inline suppression: `# cistreaty: noqa: CODE` (or `CODE, CODE`, or bare for every code), with any
reason written after the codes (`# cistreaty: noqa: C105 -- late notification, see the record`).

The comment stands at the end of the line whose diagnostics it suppresses. A directive, or a
code in one, that suppresses nothing is reported (UNUSED_NOQA), so stale suppressions do not
outlive the problem they hid.

Comments are found with a line scan, not the YAML parser (which drops comments): a `#` counts
when it starts the line or follows whitespace, as YAML requires of comments. A scalar that spans
lines and contains such text would be misread; no instrument text holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Rule
from .rules.event_order import BEFORE_SIGNATURE
from .rules.ids import ID_UNIQUE
from .rules.protocols import AMENDS_TARGET

# Produced after the per-file pass (the rules' check_corpus): they are suppressed by
# `apply_cross_file`, and a per-file check cannot tell whether a directive for them is used.
CROSS_FILE = frozenset({ID_UNIQUE.code, AMENDS_TARGET.code})

_EXAMPLE = BEFORE_SIGNATURE.code
UNUSED_NOQA = Rule(
    "C115", "unused-noqa", "A `# cistreaty: noqa` comment suppresses nothing.",
    "`# cistreaty: noqa: CODE` at the end of a line hides that line's findings of CODE (several codes "
    "separated by commas or spaces, or no code for all; a reason may follow the codes). Codes are whole "
    "codes (C105), not prefixes. When the line no longer has such a finding the comment is stale: remove it, or the "
    f"code that no longer applies. To suppress {' or '.join(sorted(CROSS_FILE))} (found across files) name "
    "the code: a bare comment cannot tell whether it is used for them.",
    passes=f"    - {{type: notification, date: 2025-01-15}}  # cistreaty: noqa: {_EXAMPLE} -- notified before the "
           "signature (the line has that finding)",
    fails=f"    - {{type: notification, date: 2026-01-15}}  # cistreaty: noqa: {_EXAMPLE} -- the line has no such finding")
UNUSED = UNUSED_NOQA.code

# `noqa` alone, or `noqa:` and codes (letters then digits) separated by commas or spaces; after either,
# whitespace and a reason. A comment that starts like one but reads otherwise (`noqa: because`,
# `noqa:C105x`) is reported as not understood (C115) rather than silently doing nothing.
_STARTS = re.compile(r"(?:^|(?<=\s))#\s*cistreaty:\s*noqa", re.I)
_DIRECTIVE = re.compile(
    r"(?:^|(?<=\s))#\s*(?i:cistreaty):\s*(?i:noqa)"
    r"(?P<rest>:\s*[A-Za-z]+[0-9]+(?:(?:\s*,\s*|\s+)[A-Za-z]+[0-9]+)*\b)?(?=\s|$)")


@dataclass
class Directive:
    line: int
    col: int
    codes: tuple[str, ...]  # empty: every code
    understood: bool = True  # False: a comment that starts like a directive but is none; covers nothing

    def covers(self, code: str) -> bool:
        return self.understood and (not self.codes or code in self.codes)


def directives(text: str) -> dict[int, Directive]:
    """The directives of a file, by 1-based line (line breaks counted as the YAML loader does)."""
    found: dict[int, Directive] = {}
    if "noqa" not in text.lower():
        return found
    for n, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if "noqa" not in line.lower():
            continue
        m = _DIRECTIVE.search(line)
        if m is None:
            start = _STARTS.search(line)
            if start is not None:
                found[n] = Directive(n, start.start() + 1, (), understood=False)
            continue
        rest = (m.group("rest") or "").lstrip(":").strip()
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", rest)) if rest else ()
        found[n] = Directive(n, m.start() + 1, codes)
    return found


def apply(diagnostics: list[Diagnostic], text: str | None, path: str) -> list[Diagnostic]:
    """Drop the diagnostics a directive covers; report the directives (or codes) left unused."""
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
        if not directive.understood:
            kept.append(UNUSED_NOQA.at(path, n, directive.col,
                                       "`# cistreaty: noqa` not understood, so it suppresses nothing: write "
                                       "`# cistreaty: noqa: CODE` (codes separated by commas or spaces, a reason "
                                       "after them) or a bare `# cistreaty: noqa`"))
            continue
        if not directive.codes:
            if not hits:
                kept.append(UNUSED_NOQA.at(path, n, directive.col,
                                       "`# cistreaty: noqa` suppresses nothing on this line: remove it"))
            continue
        unused = [c for c in directive.codes if c not in hits and c not in CROSS_FILE]
        if unused:
            from .registry import RULES  # only for a stale or wrong code

            unknown = [c for c in unused if c not in RULES]
            if unknown:
                kept.append(UNUSED_NOQA.at(path, n, directive.col,
                                           f"`# cistreaty: noqa` for {', '.join(unknown)}: not a rule code (a "
                                           "directive names whole codes such as C105, see `cistreaty rules`)"))
                unused = [c for c in unused if c in RULES]
        if unused:
            kept.append(UNUSED_NOQA.at(path, n, directive.col,
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
