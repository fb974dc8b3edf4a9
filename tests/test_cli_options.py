"""One spelling per idea: --format/-f everywhere, --color before or after the command, readable help."""

import json
import re
import subprocess
import sys

import pytest

from conftest import CORPUS

COMMANDS = ("status", "render", "diff", "lint", "calendar", "rules", "schema", "import")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_what_each_argument_is(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    # typer's defaults were `[[ID]]`, `{file}`, `<str>`, `<list[Path]>`, `<int range>`, `<path>`.
    assert not re.search(r"\[\[|\{[a-z]|<[a-z]", result.stdout), result.stdout
    usage = result.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: cistreaty {command} [OPTIONS]")


def test_usage_lines_read_like_a_man_page(cli):
    assert cli("status", "--help").stdout.startswith("Usage: cistreaty status [OPTIONS] [ID]\n")
    assert cli("import", "--help").stdout.startswith("Usage: cistreaty import [OPTIONS] FILE\n")
    assert cli("lint", "--help").stdout.startswith("Usage: cistreaty lint [OPTIONS] [PATH]...\n")
    assert "-j, --jobs N" in cli("lint", "--help").stdout


@pytest.mark.parametrize("command", ("status", "render", "diff", "lint", "calendar"))
def test_every_command_with_formats_takes_dash_f(cli, command):
    out = cli(command, "--help").stdout
    assert "-f, --format" in out


def test_status_format_json_is_the_same_as_dash_dash_json(cli):
    a = cli("status", "heavy-machinery", "--as-of", "2026-12-01", "-f", "json", "--corpus", CORPUS)
    b = cli("status", "heavy-machinery", "--as-of", "2026-12-01", "--json", "--corpus", CORPUS)
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout
    assert json.loads(a.stdout)["id"] == "heavy-machinery"


def test_calendar_format_ics_is_the_same_as_dash_dash_ics(cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    args = ("calendar", "--as-of", "2015-01-01", "--days", "3650", "--corpus", CORPUS)
    a, b = cli(*args, "--format", "ics"), cli(*args, "--ics")
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout and a.stdout.startswith("BEGIN:VCALENDAR")


def test_lint_format_and_output_format_are_one_option(cli, tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("id: x\n")
    a = cli("lint", "--format", "json", bad)
    b = cli("lint", "--output-format", "json", bad)
    c = cli("lint", "-f", "json", bad)
    assert a.exit_code == b.exit_code == c.exit_code == 1
    assert a.stdout == b.stdout == c.stdout and json.loads(a.stdout)


@pytest.mark.parametrize("args, needle", [
    (("status", "heavy-machinery", "--json", "-f", "text"), "--json and --format text: choose one output format"),
    (("calendar", "--json", "--ics"), "--json and --ics: choose one output format"),
    (("calendar", "-f", "xml"), "--format: 'xml' is not one of table, json, ics"),
    (("status", "heavy-machinery", "-f", "yaml"), "--format: 'yaml' is not one of text, json"),
])
def test_format_conflicts_are_usage_errors(cli, args, needle):
    result = cli(*args, "--corpus", CORPUS)
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.stderr


def test_color_after_the_command_wins_over_the_one_before(cli, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    args = ("status", "heavy-machinery", "--as-of", "2026-12-01", "--corpus", CORPUS)
    never = cli(*args, "--color", "never")
    assert never.exit_code == 0 and "\x1b[" not in never.stdout
    always = cli("--color", "never", *args, "--color", "always")
    assert always.exit_code == 0 and "\x1b[" in always.stdout
    before = cli("--color", "never", *args)
    assert before.exit_code == 0 and "\x1b[" not in before.stdout


def test_bad_color_after_the_command_is_a_usage_error(cli):
    result = cli("lint", "--color", "sometimes", CORPUS)
    assert result.exit_code == 2 and "--color: 'sometimes' is not one of auto, always, never" in result.stderr


def test_schema_never_creates_a_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("schema")
    assert result.exit_code == 2 and "schemas is not a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "out").mkdir()
    result = cli("schema", "--out-dir", "out")
    assert result.exit_code == 0 and (tmp_path / "out" / "instrument.schema.json").is_file()
    assert "wrote out/instrument.schema.json" in result.stderr
    both = cli("schema", "--stdout", "--check")
    assert both.exit_code == 2 and both.stdout == "" and "--stdout and --check do not go together" in both.stderr


def test_a_deleted_working_directory_is_a_usage_error(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    for args in (["lint", str(CORPUS)], ["lint", "-f", "json", str(CORPUS)], ["status", "heavy-machinery"]):
        script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m cistreaty "$@"'
        gone.mkdir(exist_ok=True)
        out = subprocess.run(["sh", "-c", script, "sh", *args], capture_output=True, text=True, timeout=120)
        assert out.returncode == 2, (args, out.stderr)
        assert out.stderr == ("cistreaty: error: the current directory no longer exists (deleted or moved away): "
                              "change to another one\n"), (args, out.stderr)


@pytest.mark.parametrize("args,message", [
    (["status", "--explain"], "--explain needs an instrument ID or --party"),
    (["status", "--json", "--explain"], "--explain needs an instrument ID or --party"),
    (["calendar", "--from", "2017-01-01", "--to", "2017-12-31", "--days", "10"], "--from/--to and --days: choose one"),
])
def test_an_option_the_request_would_ignore_is_a_usage_error(cli, args, message):
    result = cli(*args, "--corpus", CORPUS)
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert message in result.stderr
