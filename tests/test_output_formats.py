"""lint --output-format sarif | json-lines | junit | github, the env default and --color."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cistreaty.diagnostics import Diagnostic
from cistreaty.lint import output

FIXTURES = Path(__file__).parent / "fixtures"
FAIL = FIXTURES / "rules" / "fail"
PASS = FIXTURES / "rules" / "pass"
SCHEMA = FIXTURES / "ecosystem" / "sarif-schema-2.1.0.json"


@pytest.fixture(autouse=True)
def _no_ambient_format(monkeypatch, tmp_path):
    for var in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CISTREATY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # no configuration file above


def _sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_validates_against_the_official_schema(cli):
    result = cli("lint", "-f", "sarif", FAIL / "c104-party-code.yaml", FAIL / "c105-event-before-signature.yaml")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    errors = sorted(_sarif_validator().iter_errors(doc), key=str)
    assert not errors, errors[0].message
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "cistreaty"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and "C104" in ids and "C115" in ids
    first = run["results"][0]
    assert first["ruleId"] == "C104" and ids[first["ruleIndex"]] == "C104"
    assert first["level"] == "error"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["region"] == {"startLine": 9, "startColumn": 3}
    rule = run["tool"]["driver"]["rules"][first["ruleIndex"]]
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]


def test_sarif_clean_run_is_valid_and_empty(cli):
    result = cli("lint", "-f", "sarif", PASS / "all-rules-pass.yaml")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert not list(_sarif_validator().iter_errors(doc))
    assert doc["runs"][0]["results"] == []


def test_sarif_whole_file_findings_point_at_line_1_and_uris_are_escaped():
    diags = [Diagnostic("agreements/a b#%.yaml", 0, 0, "Y006", "file is empty"),
             Diagnostic("agreements/ü.yaml", 3, 0, "S001", "bad")]
    doc = output.sarif(diags)
    assert not list(_sarif_validator().iter_errors(doc))
    first, second = (r["locations"][0]["physicalLocation"] for r in doc["runs"][0]["results"])
    # GitHub requires a startLine, validators a region: a whole-file finding points at line 1.
    assert first == {"artifactLocation": {"uri": "agreements/a%20b%23%25.yaml"}, "region": {"startLine": 1}}
    assert second["artifactLocation"]["uri"] == "agreements/%C3%BC.yaml"
    assert second["region"] == {"startLine": 3}


def test_sarif_is_deterministic(cli):
    args = ("lint", "-f", "sarif", "--no-cache", FAIL / "c104-party-code.yaml")
    assert cli(*args).stdout == cli(*args).stdout


def test_json_lines_one_object_per_diagnostic(cli):
    result = cli("lint", "-f", "json-lines", FAIL / "c104-party-code.yaml", FAIL / "c107-source-ref.yaml")
    lines = result.stdout.splitlines()
    objs = [json.loads(line) for line in lines]
    assert len(objs) >= 2 and all(set(o) == {"path", "line", "column", "code", "severity", "message"} for o in objs)
    assert {o["code"] for o in objs} >= {"C104", "C107"}


def test_json_lines_clean_prints_nothing(cli):
    result = cli("lint", "-f", "json-lines", PASS / "all-rules-pass.yaml")
    assert result.exit_code == 0 and result.stdout == ""


def test_junit_one_testcase_per_file_and_a_failure_per_diagnostic(cli):
    result = cli("lint", "-f", "junit", FAIL / "c104-party-code.yaml", PASS / "all-rules-pass.yaml")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 2
    by_name = {c.get("name"): c for c in cases}
    bad = by_name[str(FAIL / "c104-party-code.yaml")]
    assert [f.get("type") for f in bad.findall("failure")] == ["C104"]
    assert not by_name[str(PASS / "all-rules-pass.yaml")].findall("failure")
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_junit_survives_control_characters():
    text = output.junit([Diagnostic("x\x01.yaml", 1, 1, "S001", "bad \x00 value\x1b")], [])
    root = ET.fromstring(text)
    assert root.find("./testsuite/testcase").get("name") == "x\\x01.yaml"


def test_github_keeps_annotations_then_the_text_log(cli):
    result = cli("lint", FAIL / "c104-party-code.yaml", env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=") and "title=cistreaty (C104)" in lines[0]
    assert ": C104 " in lines[1]


def test_env_sets_the_default_and_the_option_wins(cli):
    path = FAIL / "c104-party-code.yaml"
    result = cli("lint", path, env={"CISTREATY_OUTPUT_FORMAT": "json-lines"})
    assert json.loads(result.stdout.splitlines()[0])["code"] == "C104"
    result = cli("lint", "-f", "text", path, env={"CISTREATY_OUTPUT_FORMAT": "json-lines", "GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(str(path))
    # The env default is chosen over GITHUB_ACTIONS' automatic github.
    result = cli("lint", path, env={"CISTREATY_OUTPUT_FORMAT": "text", "GITHUB_ACTIONS": "true"})
    assert not result.stdout.startswith("::")


@pytest.mark.parametrize("args,env,needle", [
    (("-f", "xml"), {}, "--output-format: 'xml' is not one of"),
    ((), {"CISTREATY_OUTPUT_FORMAT": "yaml"}, "CISTREATY_OUTPUT_FORMAT: 'yaml' is not one of"),
    (("--select", "Q"), {}, "--select: 'Q' matches no rule"),
    (("--ignore", "C1,bogus"), {}, "--ignore: 'bogus' is not a rule code"),
])
def test_bad_format_or_codes_are_one_line_usage_errors(cli, args, env, needle):
    result = cli("lint", *args, FAIL / "c104-party-code.yaml", env=env)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and needle in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_color_is_a_one_line_usage_error(cli):
    result = cli("--color", "sometimes", "rules")
    assert result.exit_code == 2
    assert result.stderr == "cistreaty: error: --color: 'sometimes' is not one of auto, always, never\n"


def test_color_precedence(monkeypatch):
    from cistreaty.cli import common

    class Tty:
        def isatty(self):
            return True

    def enabled(flag, **env):
        for var in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(var, raising=False)
        for var, value in env.items():
            monkeypatch.setenv(var, value)
        common.set_color(flag)
        try:
            return common.color_enabled(Tty())
        finally:
            common.set_color(None)

    assert enabled(None) is True  # a terminal
    assert enabled(None, NO_COLOR="1") is False
    assert enabled(None, NO_COLOR="1", FORCE_COLOR="1") is False  # NO_COLOR before FORCE_COLOR
    assert enabled(None, NO_COLOR="") is True  # empty means unset (no-color.org)
    assert enabled("always", NO_COLOR="1") is True  # the option before both
    assert enabled("never", FORCE_COLOR="1") is False
    common.set_color(None)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert common.color_enabled(object()) is True  # FORCE_COLOR before the (absent) terminal


def test_color_option_reaches_rich_tables(cli):
    # calendar prints a rich table: escape codes only when colour is asked for.
    corpus = FIXTURES / "ecosystem" / "calendar"
    args = ("calendar", "--corpus", corpus, "--as-of", "2030-03-01")
    assert "\x1b[" in cli("--color", "always", *args, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in cli("--color", "never", *args, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in cli(*args, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" in cli(*args, env={"FORCE_COLOR": "1"}).stdout


def test_console_width_without_a_terminal(monkeypatch):
    # status and calendar tables: rich's 80-column guess wraps them badly when piped.
    from cistreaty.cli import common

    monkeypatch.delenv("COLUMNS", raising=False)
    assert common.make_console().width == 120
    monkeypatch.setenv("COLUMNS", "200")
    assert common.make_console().width == 200
    monkeypatch.setenv("COLUMNS", "wide")
    assert common.make_console().width == 120


def test_sarif_rule_levels_agree_with_their_results(cli, tmp_path):
    # C118 reports warnings: its rule must not be declared an error (code scanning shows the rule's level).
    path = tmp_path / "x.yaml"
    path.write_text('id: x\ntype: agreement\ntitle: {en: "Agree\\u200bment"}\ntext: not-held\n', encoding="utf-8")
    log = json.loads(cli("lint", "-f", "sarif", path).stdout)
    run = log["runs"][0]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    seen = {(res["ruleId"], res["level"]) for res in run["results"]}
    assert ("C118", "warning") in seen, seen
    assert all(levels[code] == level for code, level in seen), (seen, levels)
