"""The crashes and smaller findings of the second hostile round, each as a user meets it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS
from hostile_check import invoke

FAR = '''\
id: far
type: agreement
title: {en: "Far future (test fixture, not a real instrument)"}
text: not-held
sources: {s: {title: "s"}}
entry_into_force: {general: {count: 1, delay: {days: 0}}}
duration: {years: 1, renew_years: 1}
parties:
  KG: {signed: 9989-01-01, events: [{type: notification, date: 9990-01-01, source: s}]}
'''


def test_calendar_past_year_9999(tmp_path):
    (tmp_path / "far.yaml").write_text(FAR)
    result = invoke("calendar", "--corpus", tmp_path, "--as-of", "9998-01-01", "--days", "36500")
    assert result.exit_code == 0, result.stderr
    assert "9999-01-01" in result.stdout and "renewal" in result.stdout


def test_status_with_a_300_character_id(tmp_path):
    (tmp_path / "far.yaml").write_text(FAR)
    result = invoke("status", "a" * 300, "--corpus", tmp_path)
    assert result.exit_code == 2 and result.stderr.startswith("cistreaty: error: no instrument with id")


def test_diff_on_a_long_name_and_a_device(tmp_path):
    result = invoke("diff", str(tmp_path / ("a" * 300 + ".yaml")))
    assert result.exit_code == 2 and "File name too long" in result.stderr
    result = invoke("diff", "/dev/null")
    assert result.exit_code == 2 and "/dev/null is a character device" in result.stderr


@pytest.mark.parametrize("command", [["lint"], ["calendar"], ["status"]])
def test_non_utf8_pyproject(tmp_path, command):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "far.yaml").write_text(FAR)
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.cistreaty]\ncorpus = "agreements"\n# caf\xe9\n')
    result = subprocess.run([sys.executable, "-m", "cistreaty", *command], cwd=tmp_path, capture_output=True,
                            text=True, env={k: v for k, v in os.environ.items() if k != "CISTREATY_CORPUS"})
    assert result.returncode == 2, result.stderr
    assert "pyproject.toml:3:6: invalid UTF-8 (byte 0xe9)" in result.stderr and "Traceback" not in result.stderr


def test_status_uses_the_configured_corpus(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "far.yaml").write_text(FAR)
    (tmp_path / "pyproject.toml").write_text('[tool.cistreaty]\ncorpus = "mine"\n')
    env = {k: v for k, v in os.environ.items() if k != "CISTREATY_CORPUS"}
    result = subprocess.run([sys.executable, "-m", "cistreaty", "status", "far", "--json"], cwd=tmp_path,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert '"id": "far"' in result.stdout


@pytest.mark.parametrize("value", ["20260101", "2026-W01-1", "2026-001", "2026-01-01T00:00"])
@pytest.mark.parametrize("command", [["status", "heavy-machinery"], ["render", "heavy-machinery"], ["calendar"]])
def test_as_of_only_takes_yyyy_mm_dd(value, command):
    result = invoke(*command, "--as-of", value, "--corpus", CORPUS)
    assert result.exit_code == 2 and "use YYYY-MM-DD" in result.stderr, result.stderr


def test_render_party_in_lower_case_as_status_takes_it():
    lower = invoke("render", "heavy-machinery", "--party", "kg", "--as-of", "2026-06-01", "--corpus", CORPUS)
    upper = invoke("render", "heavy-machinery", "--party", "KG", "--as-of", "2026-06-01", "--corpus", CORPUS)
    assert lower.exit_code == 0 and lower.stdout == upper.stdout


def test_a_line_separator_ending_a_one_line_file_is_positioned_on_that_line():
    from cistreaty.io.line_breaks import LineFix

    fix = LineFix("id: x\u2028")
    assert fix.point(3, 1) == (1, 7) and fix.point(2, 1) == (1, 7)


def test_import_exits_1_when_lint_refuses_its_draft(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text("AGREEMENT\non Long Things\n\nArticle 1\n\n" + "word " * 50_000 + "\n")
    result = invoke("import", text, "--id", "long", "-o", tmp_path / "long.yaml")
    assert result.exit_code == 1
    assert "the draft cannot be used: lint refuses it (Y014" in result.stderr
    assert (tmp_path / "long.yaml").exists()


@pytest.mark.parametrize("codec, name", [("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R")])
def test_legacy_cyrillic_says_which_encoding_and_how_to_convert(tmp_path, codec, name):
    path = tmp_path / "x.yaml"
    path.write_bytes('id: x\ntype: agreement\ntitle: {ru: "Соглашение о сотрудничестве"}\n'.encode(codec))
    result = invoke("lint", path)
    assert result.exit_code == 1
    assert f"it looks like {name}" in result.stdout and "iconv -f" in result.stdout
    text = tmp_path / "t.txt"
    text.write_bytes("СОГЛАШЕНИЕ\nо сотрудничестве\n".encode(codec))
    result = invoke("import", text, "--id", "t", "-o", "-")
    assert result.exit_code == 2 and f"it looks like {name}" in result.stderr


def test_latin1_gets_no_cyrillic_hint(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes('id: x\ntitle: {en: "café résumé naïve"}\n'.encode("latin-1"))
    assert "looks like" not in invoke("lint", path).stdout


def test_a_symlink_out_of_the_corpus_is_not_read(tmp_path):
    private = tmp_path / "private.yaml"
    private.write_text('id: x\ntype: agreement\ntitle: {en: "t"}\ntext: not-held\nsecret_key: hunter2\n')
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "x.yaml").symlink_to(private)
    result = invoke("lint", "--no-cache", corpus)
    assert result.exit_code == 1
    assert "hunter2" not in result.stdout and "secret_key" not in result.stdout
    assert "symbolic link to a file outside" in result.stdout
    status = invoke("status", "--corpus", corpus)
    assert "x.yaml" in status.stderr and "secret_key" not in status.stdout + status.stderr
    named = invoke("lint", "--no-cache", corpus / "x.yaml")  # named explicitly: read
    assert "secret_key" in named.stdout


@pytest.mark.parametrize("end", ["\u2028", "\u2029", "\x85", "\u2028\n", "\n", ""])
@pytest.mark.parametrize(("body", "code"), [("id: [x", "Y001"), ('id: "x', "Y001"), ("title:", "S001"),
                                            ("id: [?x]", "Y016")])
def test_a_one_line_file_reports_its_end_on_a_line_it_has(tmp_path, body, code, end):
    # Positions are those an editor shows: U+2028, U+2029 and NEL are characters on the line, not
    # breaks; a finding at the end of the stream is at the end of the text (after a final line
    # feed, the start of the line it opens), whatever libyaml counts.
    path = tmp_path / "one.yaml"
    path.write_text(body + end, encoding="utf-8", newline="")
    result = invoke("lint", "--no-cache", "--output-format", "json", path)
    assert result.exit_code == 1, result.stdout + result.stderr
    found = {(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)}
    assert code in {c for c, _, _ in found}
    rows = (body + end).split("\n")  # the only line break an editor sees here is "\n"
    assert all(1 <= line <= len(rows) and 1 <= col <= len(rows[line - 1]) + 1 for _, line, col in found), found
    text = invoke("lint", "--no-cache", path)
    assert all(f"one.yaml:{line}:{col}: {c}" in text.stdout for c, line, col in found), text.stdout


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("id: [x", encoding="utf-8")
    result = invoke("lint", "--no-cache", "--output-format", "json", path)
    assert [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [("Y001", 1, 7)]
