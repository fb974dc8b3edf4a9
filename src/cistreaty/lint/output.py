"""Lint output formats. Machine formats go to stdout without colour; the summary goes to stderr."""

from __future__ import annotations

import json
import sys

from ..diagnostics import Diagnostic


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    level = "error" if d.severity == "error" else "warning"
    props = [f"file={_gh_property(d.path)}"]
    if d.line:
        props.append(f"line={d.line}")
    if d.col:
        props.append(f"col={d.col}")
    props.append(f"title={_gh_property(f'cistreaty ({d.code})')}")
    return f"::{level} {','.join(props)}::{_gh_data(d.message)}"


def text_line(d: Diagnostic) -> str:
    # One line per finding, whatever the message holds.
    return d.format().replace("\r", "\\r").replace("\n", "\\n")


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    if not diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked, no problems found"
    bad = len({d.path for d in diagnostics})
    n = len(diagnostics)
    return f"{n} problem{'s' if n != 1 else ''} in {bad} of {files} file{'s' if files != 1 else ''}"


def emit(diagnostics: list[Diagnostic], fmt: str, files: int, out=None, err=None) -> None:
    out = out or sys.stdout
    err = err or sys.stderr
    if fmt == "json":
        out.write(json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n")
    else:
        lines = []
        if fmt == "github":
            lines.extend(github_line(d) for d in diagnostics)
        lines.extend(text_line(d) for d in diagnostics)
        if lines:
            out.write("\n".join(lines) + "\n")
    out.flush()
    err.write(summary(diagnostics, files) + "\n")
