"""Escaping: text from a YAML file reaches each medium as text, never as markup or control.

GitHub workflow commands (% and line breaks in data; : and , too in properties), JSON, the
terminal (rich markup such as [bold], ANSI/OSC escape sequences, line breaks inside a finding),
Markdown and HTML.
"""

from __future__ import annotations

import json
import re

import pytest

from hostile_check import invoke, lint_json

# ESC [31m colours; ESC ] 0 ; ... BEL sets the terminal's window title; LS and a newline split lines.
EVIL = r'\e]0;pwned\a\e[31mRED\e[0m [bold]B[/bold] <script>alert(1)</script> *x* %0A::error::y\u2028z'
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def corpus(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "evil.yaml").write_text(
        f'id: evil\ntype: agreement\ntitle: {{en: "{EVIL}"}}\ntext: not-held\n'
        'parties:\n  KG: {signed: 2020-01-01}\n')
    return folder


def keys_file(tmp_path):
    path = tmp_path / "a%b,c:d.yaml"
    path.write_text(f'id: x\ntype: agreement\ntitle: {{en: "t"}}\ntext: not-held\n'
                    f'parties:\n  "{EVIL}\\nsecond": {{signed: 0}}\n')
    return path


def test_lint_text_is_one_line_per_finding_without_control_characters(tmp_path):
    path = keys_file(tmp_path)
    result = invoke("lint", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # Two schema findings, plus C101 (the id is not the file name): semantic rules run beside S001.
    assert all(l.startswith(f"{path}:") for l in lines), lines
    assert [l.split(": ")[1].split()[0] for l in lines].count("S001") == 2 and len(lines) == 3, lines
    assert not CONTROL.search(result.stdout), repr(result.stdout)
    assert "\\x1b]0;pwned\\x07" in result.stdout and "\\u2028" in result.stdout


def test_lint_github_escapes_data_and_properties(tmp_path):
    path = keys_file(tmp_path)
    out = invoke("lint", "-f", "github", path).stdout
    annotations = [l for l in out.splitlines() if l.startswith("::") and ",line=6," in l]
    assert len(annotations) == 2
    escaped = str(path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    for line in annotations:
        props, _, data = line[len("::error "):].partition("::")
        assert props.startswith(f"file={escaped},line=6,col=")
        assert "%0A::error::y" not in data or "%250A" in data  # a literal %0A stays literal
        assert "%250A%3A%3Aerror" not in data and "%250A::error::y" in data
        assert not CONTROL.search(line)


def test_github_line_escapes_a_message_with_real_line_breaks():
    from cistreaty.diagnostics import Diagnostic
    from cistreaty.lint import output

    d = Diagnostic("p%,:q.yaml", 3, 4, "S001", "one\ntwo\rthree 100%")
    assert output.github_line(d) == (
        "::error file=p%25%2C%3Aq.yaml,line=3,col=4,title=cistreaty (S001)::one%0Atwo%0Dthree 100%25")
    assert output.text_line(d) == "p%,:q.yaml:3:4: S001 one\\ntwo\\rthree 100%"


def test_lint_json_round_trips(tmp_path):
    path = keys_file(tmp_path)
    diags = lint_json(path, expect=(1,))
    assert any("[bold]B[/bold]" in d["message"] for d in diags)
    raw = invoke("lint", "-f", "json", path).stdout
    assert "\x1b" not in raw and "\x07" not in raw  # json.dumps escapes every C0 control character


@pytest.mark.parametrize("args", [["status", "--json"], ["status", "evil", "--json"],
                                  ["render", "evil", "-f", "json", "--as-of", "2026-01-01"]])
def test_json_commands_keep_the_text_exactly(tmp_path, args):
    result = invoke(*args, "--corpus", corpus(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    json.loads(result.stdout)


def test_status_table_prints_markup_literally(tmp_path):
    result = invoke("status", "--corpus", corpus(tmp_path), env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "evil" in result.stdout and not CONTROL.search(result.stdout)


def test_status_of_one_instrument_neutralises_escape_sequences(tmp_path):
    result = invoke("status", "evil", "--corpus", corpus(tmp_path), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "[bold]B[/bold]" in result.stdout  # rich markup stays text
    assert not CONTROL.search(result.stdout), repr(result.stdout[:300])


def test_html_escapes_markup(tmp_path):
    result = invoke("render", "evil", "-f", "html", "--as-of", "2026-01-01", "--corpus", corpus(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_markdown_escapes_markup(tmp_path):
    result = invoke("render", "evil", "-f", "md", "--as-of", "2026-01-01", "--corpus", corpus(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "<script>" not in result.stdout and "[bold]B[/bold]" not in result.stdout


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_rendered_text_has_no_escape_sequences(tmp_path, fmt):
    result = invoke("render", "evil", "-f", fmt, "--as-of", "2026-01-01", "--corpus", corpus(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout, repr(result.stdout[:200])
