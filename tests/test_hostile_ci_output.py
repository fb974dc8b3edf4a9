"""No CI-facing lint output carries a control character or starts a workflow command.

File names and values come from pull requests. The GitHub Actions runner trims leading white space
from each line of a log and runs a line that then starts with `::` (`::add-mask::`,
`::stop-commands::`, a forged `::error`); a raw ESC recolours or rewrites a terminal. Each format is
run over files with hostile names and hostile data; each must still parse to the exact text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from hostile_check import invoke

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # everything but the line feed
NAMES = ["\x1b[31mred\x1b[0m.yaml", "new\nline.yaml", "::notice title=x::y.yaml", " ::warning::sp.yaml",
         "tab\t::error::t.yaml", "cr\r::error::r.yaml", "c1\x9b31m.yaml"]
# A key quoting C1 controls, LS/PS and a forged command after a line break: findings quote it.
DATA = ('id: x\ntype: agreement\ntitle: {en: "t"}\ntext: not-held\n'
        'parties:\n  "K\\x9b31m\\u2028\\n::error::forged\\x1b]0;t\\x07": {signed: 0}\n')


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_text(DATA)
    return folder


def _lint(folder, fmt):
    result = invoke("lint", "-f", fmt, folder)
    assert result.exit_code == 1, result.stdout + result.stderr
    return result.stdout


def _no_command_lines(out: str, own: int = 0):
    commands = [line for line in out.split("\n") if line.lstrip().startswith("::")]
    # Only the annotations cistreaty writes itself, one per finding, each of the documented form.
    assert len(commands) == own, commands
    assert all(re.match(r"::(error|warning) file=[^:]*,line=\d+,col=\d+,title=cistreaty \([A-Z]\d{3}\)::",
                        line) for line in commands), commands


@pytest.mark.parametrize("fmt", ["text", "github", "json", "json-lines", "junit", "sarif"])
def test_no_control_character_and_no_workflow_command(hostile, fmt):
    out = _lint(hostile, fmt)
    assert not CONTROL.search(out), [m.group() for m in CONTROL.finditer(out)][:5]
    findings = len(json.loads(invoke("lint", "-f", "json", hostile).stdout))
    assert findings >= 2 * len(NAMES)
    _no_command_lines(out, own=findings if fmt == "github" else 0)


def test_text_format_shows_the_names_with_escapes(hostile):
    out = _lint(hostile, "text")
    assert f"{hostile}/\\x1b[31mred\\x1b[0m.yaml:" in out
    assert f"{hostile}/new\\nline.yaml:" in out
    assert f"{hostile}/c1\\x9b31m.yaml:" in out


def test_relative_names_that_would_be_commands_are_defused(hostile, monkeypatch):
    monkeypatch.chdir(hostile)
    for fmt in ("text", "github"):
        result = invoke("lint", "-f", fmt, "::notice title=x::y.yaml", " ::warning::sp.yaml")
        assert result.exit_code == 1
        _no_command_lines(result.stdout, own=result.stdout.count("\n::error ") + result.stdout.startswith("::error ")
                          if fmt == "github" else 0)
        if fmt == "text":
            lines = result.stdout.splitlines()
            assert any(line.startswith("\\x3a:notice title=x::y.yaml:6:3: S001") for line in lines), lines
            assert any(line.startswith(" \\x3a:warning::sp.yaml:6:3: S001") for line in lines), lines


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif"])
def test_json_formats_still_decode_to_the_exact_names(hostile, fmt):
    out = _lint(hostile, fmt)
    if fmt == "json":
        paths = {d["path"] for d in json.loads(out)}
    elif fmt == "json-lines":
        paths = {json.loads(line)["path"] for line in out.splitlines()}
    else:
        from urllib.parse import unquote
        runs = json.loads(out)["runs"]
        locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in runs[0]["results"]]
        assert runs[0]["originalUriBaseIds"] == {"FILESYSTEM_ROOT": {"uri": "file:///"}}
        assert all(loc["uriBaseId"] == "FILESYSTEM_ROOT" for loc in locations)
        paths = {"/" + unquote(loc["uri"]) for loc in locations}
    assert paths == {str(hostile / name) for name in NAMES}
    if fmt != "sarif":
        messages = [d["message"] for d in (json.loads(out) if fmt == "json" else map(json.loads, out.splitlines()))]
        assert any("\x9b" in m or "\\x9b" in m for m in messages)


def test_junit_parses_and_names_each_file_on_one_line(hostile):
    root = ET.fromstring(_lint(hostile, "junit"))
    names = {case.get("name") for case in root.iter("testcase")}
    assert f"{hostile}/new\\nline.yaml" in names and f"{hostile}/\\x1b[31mred\\x1b[0m.yaml" in names
    for case in root.iter("testcase"):
        failures = case.findall("failure")
        assert len(failures) == 1  # one failure per testcase, listing each finding on its line
        lines = failures[0].text.split("\n")
        assert len(lines) >= 2 and all(line.startswith(case.get("name") + ":") for line in lines), lines
        assert not CONTROL.search(failures[0].get("message"))


def test_ci_line_defuses_every_leading_command():
    from cistreaty.textsafe import ci_line

    assert ci_line("::add-mask::x") == "\\x3a:add-mask::x"
    assert ci_line("  \u00a0::stop-commands::t") == "  \u00a0\\x3a:stop-commands::t"
    assert ci_line("a\n::error::x") == "a\\n::error::x"
    assert ci_line("a ::b") == "a ::b"
    assert ci_line(":x") == ":x"
