"""What every hostile-input test asserts about a run, in one place (used by test_hostile*/test_fuzz*).

A run is acceptable when the command returned through its own exit path (no exception escaped to
the top-level guard), the exit code is one the command documents, and every diagnostic points
inside the file it names.
"""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

WHOLE_FILE_CODES = {"Y010", "Y011", "Y012"}
# YAML 1.2 line breaks. NEL, LS and PS are YAML 1.1 breaks only: editors, `grep -n` and GitHub
# count lines without them, so a position that counted them would point at the wrong line.
_BREAK = re.compile(rb"\r\n|\r|\n")


def commands() -> set[str]:
    """The commands the CLI has now: the suite grows with the CLI instead of being edited for it."""
    import typer.main

    from cistreaty.cli import app

    return set(typer.main.get_command(app).commands)


def invoke(*args, **kwargs):
    if args and args[0] == "lint":
        # The content-keyed cache would answer a repeated (derandomized) example without loading it.
        args = ("lint", "--no-cache", *args[1:])
    from cistreaty.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], **kwargs)
    assert_no_crash(result, args)
    return result


def assert_no_crash(result, args=()):
    exc = result.exception
    # CliRunner catches what escapes the command; in a real run that is the guard's "internal error".
    assert exc is None or isinstance(exc, SystemExit), f"{args}: {type(exc).__name__}: {exc}"
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, (args, out[-2000:])


def lines_of(data: bytes) -> list[bytes]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return _BREAK.split(data)


def assert_position_inside(diag: dict, data: bytes | None) -> None:
    """1 <= line <= lines + 1 and col <= that line's length + 1; 0:0 only for whole-file codes."""
    line, col, code = diag["line"], diag["column"], diag["code"]
    if (line, col) == (0, 0):
        assert code in WHOLE_FILE_CODES or data is None, diag
        return
    assert data is not None, diag
    rows = lines_of(data)
    assert 1 <= line <= len(rows) + 1, (diag, len(rows))
    row = rows[line - 1].decode("utf-8", "replace") if line <= len(rows) else ""
    assert 1 <= col <= len(row) + 1, (diag, row[:200])


def lint_json(path, data: bytes | None = None, expect=(0, 1)) -> list[dict]:
    """lint -f json on one file; returns the diagnostics after checking exit code and positions."""
    result = invoke("lint", "-f", "json", path)
    assert result.exit_code in expect, (result.exit_code, result.stdout[-2000:], result.stderr[-2000:])
    diags = json.loads(result.stdout)
    assert (result.exit_code == 1) == bool(diags)
    if data is None:
        try:
            data = open(path, "rb").read()
        except OSError:
            data = None
    for d in diags:
        if d["path"] == str(path):
            assert_position_inside(d, data)
    return diags
