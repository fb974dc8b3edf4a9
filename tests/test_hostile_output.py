"""Each output the second hostile round found printing raw escapes or forged CI commands, checked
in-process through the command's own boundary (test_hostile_terminal.py checks the same end to end,
on a terminal, with the stdout guard as well)."""

from __future__ import annotations

import re

import pytest

import hostile_corpus
from hostile_check import invoke

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202e\u2066-\u2069]")


def command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


@pytest.fixture
def corpus(tmp_path):
    return hostile_corpus.build(tmp_path / "agreements")


def clean(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text))
    assert command_lines(text) == []


@pytest.mark.parametrize("fmt", ["txt", "html", "md", "json"])
def test_render_notes_and_article_numbers(corpus, fmt):
    result = invoke("render", "evil", "-f", fmt, "--as-of", "2022-01-01", "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    clean(result.stdout)
    if fmt != "json":
        assert "set-output name=x" in result.stdout and "add-mask" in result.stdout  # shown, not dropped


def test_render_out_dir_pages(corpus, tmp_path):
    site = tmp_path / "site"
    assert invoke("render", "-f", "html", "--as-of", "2022-01-01", "--out-dir", site, "--corpus", corpus).exit_code == 0
    for page in site.iterdir():
        clean(page.read_text(encoding="utf-8"))


def test_calendar_table_shows_markup_as_written(corpus):
    result = invoke("--color", "always", "calendar", "--as-of", "2020-03-01", "--days", "1000", "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    plain = hostile_corpus.SGR.sub("", result.stdout)
    clean(plain)
    assert "\\x1b[2J" in plain  # the deadline's and the clause's article number, escaped


def test_calendar_rich_markup_is_not_interpreted(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "m.yaml").write_text(
        'id: m\ntype: agreement\ntitle: {en: "t"}\ntext: not-held\nsources: {s: {title: "s"}}\n'
        'entry_into_force: {article: "[bold red]9[/bold red]", general: {count: 1, delay: {days: 10}}}\n'
        "parties:\n  KG: {signed: 2020-01-01, events: [{type: notification, date: 2020-01-02, source: s}]}\n")
    result = invoke("--color", "always", "calendar", "--as-of", "2020-01-05", "--corpus", folder)
    assert result.exit_code == 0, result.stderr
    plain = hostile_corpus.SGR.sub("", result.stdout)
    assert "[bold red]9[/bold red]" in plain.replace("\n", "").replace("│", "").replace(" ", "") or \
        "[bold red]9[/bold" in plain
    assert "\x1b[1;31m" not in result.stdout


def test_calendar_ics_has_no_control_characters_or_command_lines(corpus):
    result = invoke("calendar", "--as-of", "2020-03-01", "--days", "1000", "--ics", "--corpus", corpus)
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    assert not RAW.search(text.replace("\r\n", "\n"))
    assert command_lines(text) == []
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    from icalendar import Calendar

    events = Calendar.from_ical(text).walk("VEVENT")
    assert any("\\x1b[2J" in str(e["DESCRIPTION"]) for e in events)


@pytest.mark.parametrize("args", [[], ["--format", "md"], ["--format", "unified"], ["--format", "json"],
                                  ["--from", "2020-01-01", "--to", "2022-01-01"]])
@pytest.mark.parametrize("color", ["always", "never"])
def test_diff_every_mode(corpus, args, color):
    target = "evil" if "--from" in args else "evil-protocol"
    result = invoke("--color", color, "diff", target, *args, "--corpus", corpus)
    assert result.exit_code == 0, result.stderr
    clean(hostile_corpus.SGR.sub("", result.stdout))
    clean(result.stderr)


def test_lint_github_quoting_an_article_number(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text('id: x\ntype: agreement\ntitle: {en: "t"}\narticles:\n'
                    + '  - number: "\\e]52;c;aGk=\\a\\n::error::x"\n    paragraphs: [{en: "a"}]\n' * 2)
    result = invoke("lint", "-f", "github", path)
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert any("C103" in line and "\\x1b]52;c;aGk=\\x07\\n::error::x" in line for line in annotations), annotations
    assert not RAW.search(result.stdout)


def test_broken_file_warning_names_the_file_escaped(corpus):
    result = invoke("status", "--corpus", corpus)
    assert "do not load cleanly" in result.stderr
    assert "bad\\x1b]0;t\\x07\\n::error::n.yaml" in result.stderr
    clean(result.stderr)


def test_textsafe_forms():
    from cistreaty.textsafe import safe_output

    text = "a\n::error::x\n  ::warning::y\nb ##[set-output]z\n:single"
    assert safe_output(text, "text") == "a\n\\x3a:error::x\n  \\x3a:warning::y\nb \\x23#[set-output]z\n:single"
    assert safe_output(text, "md").splitlines()[1] == "\\::error::x"
    assert safe_output(text, "html").splitlines()[1] == "&#58;:error::x"
    assert safe_output('"\u202e\x9b"', "json") == '"\\u202e\\u009b"'


def test_stdout_guard_keeps_our_annotations_and_colours():
    from cistreaty.textsafe import last_line

    assert last_line("\x1b[31m::error::x\x1b[0m\n") == "\x1b[31m\\u003a:error::x\x1b[0m\n"
    assert last_line("::error file=a::m\n", commands=True) == "::error file=a::m\n"
    assert last_line("x\x1b]52;c;YQ==\x07\n") == "x\\u001b]52;c;YQ==\\u0007\n"
