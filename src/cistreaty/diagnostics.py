"""A finding about a file, with its position: the unit every check produces."""

from __future__ import annotations

from dataclasses import dataclass, field


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
