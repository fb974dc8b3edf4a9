"""Positions as editors count lines, where libyaml counts more line breaks.

libyaml counts NEL, LS and PS as line breaks (YAML 1.1); YAML 1.2, editors, `grep -n` and GitHub
annotations do not, so after one of them every position libyaml gives would name the wrong line.
`yamlio` recomputes the positions of the (rare) files that hold one from character offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..diagnostics import Diagnostic

_LIBYAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAK = re.compile("\r\n|[\r\n]")
_FIRST_AT = re.compile(r"\(first at line (\d+)\)")


class LineFix:
    """One text's positions: libyaml's (line, column) to an editor's, and a character index to both."""

    def __init__(self, text: str):
        self.lib_starts = [0] + [m.end() for m in _LIBYAML_BREAK.finditer(text)]
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self.length = len(text)

    def point(self, line: int, col: int) -> tuple[int, int]:
        if line > len(self.lib_starts) and col >= 1:
            # Past libyaml's last line (the end of the stream after a final LS or PS, which
            # libyaml may count more than once): the end of the text, where an editor shows it.
            return self.at(self.length)
        if not (1 <= line <= len(self.lib_starts) and col >= 1):
            return (line, col)
        return self.at(min(self.lib_starts[line - 1] + col - 1, self.length))

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return (line, index - self.starts[line - 1] + 1)

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        # A key starts on the line its libyaml line starts on: every real break is a libyaml break.
        message = _FIRST_AT.sub(lambda m: f"(first at line {self.point(int(m[1]), 1)[0]})", d.message)
        return replace(d, line=self.point(d.line, d.col)[0], col=self.point(d.line, d.col)[1], message=message)

    def tree(self, pos):
        if pos is None:
            return None
        head = self.point(pos[0], pos[1])
        if len(pos) == 2:
            return head
        if len(pos) == 3:
            return (*head, [self.tree(p) for p in pos[2]])
        return (*head, {k: self.point(*p) for k, p in pos[2].items()}, {k: self.tree(p) for k, p in pos[3].items()})
