"""What every check produces: a finding with its position, and the rule that explains its code.

A check that works on the YAML value (the semantic rules) yields `Finding`s: a loc path into the
file ('parties', 'KG', 'events', 0, 'date'), a code and a message; `io.positions.place` turns them
into positioned `Diagnostic`s. Checks that see the text itself (the YAML reader) make Diagnostics
directly. Each code is declared once, as a `Rule`, beside the check that reports it; the linter's
registry (`lint/registry.py`) collects them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import NamedTuple

# Ending a loc with KEY points the finding at the mapping key rather than its value.
KEY = "<key>"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int  # 1-based; 0 when the finding is about the file as a whole
    col: int  # 1-based; 0 likewise
    code: str
    message: str = field(compare=False)
    severity: str = field(default="error", compare=False)  # "error" | "warning"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


def sort_key(d: Diagnostic):
    return (d.path, d.line, d.col, d.code, d.message)


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=sort_key)


class Finding(NamedTuple):
    loc: tuple
    code: str
    message: str
    # A second place the message is about ("appears twice"): placing the finding adds its line,
    # which a pure rule cannot know.
    first: tuple | None = None


@dataclass(frozen=True)
class Rule:
    """A stable diagnostic code and what it means (`cistreaty rules CODE` prints it).

    `explanation` is one paragraph (its whitespace is normalised); `passes` and `fails` are short
    YAML excerpts, shown as written, that the check accepts and reports.
    """

    code: str
    name: str
    summary: str
    explanation: str
    passes: str = ""
    fails: str = ""
    severity: str = "error"  # what its findings are: "error", or "warning" (SARIF's defaultConfiguration)

    def __post_init__(self):
        object.__setattr__(self, "explanation", " ".join(self.explanation.split()))
        object.__setattr__(self, "passes", textwrap.dedent(self.passes).strip("\n"))
        object.__setattr__(self, "fails", textwrap.dedent(self.fails).strip("\n"))

    def finding(self, loc: tuple, message: str, first: tuple | None = None) -> Finding:
        return Finding(loc, self.code, message, first)

    def at(self, path: str, line: int, col: int, message: str, severity: str = "error") -> Diagnostic:
        return Diagnostic(path, line, col, self.code, message, severity)
