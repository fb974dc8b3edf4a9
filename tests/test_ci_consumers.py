"""Each CI format accepted by its reference consumer, run for real.

SARIF: Microsoft's `sarif-multitool validate` (npm @microsoft/sarif-multitool, installed by .ci/run
into .ci/tools), with its default rules and with GitHub's, must report no error and no warning, for
relative and absolute paths and for findings about a whole file. JUnit: valid against junit-10.xsd
(from pytest's source distribution, MIT, in tests/schemas/junit/), and its counts as `junitparser`
recounts them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tooling import NODE_MODULES, missing

XSD = Path(__file__).resolve().parent / "schemas" / "junit" / "junit-10.xsd"
MULTITOOL = NODE_MODULES / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"


def _files(folder: Path) -> list[Path]:
    """A clean file, files with findings (several in one), an empty file, and whole-file findings."""
    folder.mkdir()
    (folder / "clean.yaml").write_text('id: clean\ntype: agreement\ntitle: {en: "Clean"}\ntext: not-held\n')
    (folder / "two problems.yaml").write_text('id: two-problems\ntype: agreemnt\ntitle: {en: "X"}\ntext: not-held\ncolour: red\n')
    (folder / "empty.yaml").write_text("")
    (folder / "big.yaml").write_text("a" * (3 * 1024 * 1024))  # Y010, about the file as a whole
    (folder / "dir.yaml").mkdir()  # Y012
    return sorted(folder.iterdir())


def _lint(cli, fmt, paths):
    result = cli("lint", "--no-cache", "-f", fmt, *paths)
    assert result.exit_code == 1, result.stdout + result.stderr
    return result.stdout


def _multitool(*sarif: Path) -> list[dict]:
    if not MULTITOOL.is_file():
        missing("sarif-multitool", "npm ci --prefix .ci/tools")
    report = sarif[0].with_name("validation.sarif")
    # The native binary, not npm's wrapper: the wrapper runs through a shell, which splits "Sarif;Gh".
    # "Sarif;Gh" is the default rule set plus GitHub's; one run for both files (the tool starts slowly).
    done = subprocess.run([str(MULTITOOL), "validate", *map(str, sarif), "-o", str(report), "--log", "ForceOverwrite",
                           "--rule-kind", "Sarif;Gh"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    runs = json.loads(report.read_text(encoding="utf-8-sig"))["runs"]
    assert runs and "Sarif;Gh" not in done.stdout  # the rule kinds were understood
    return [r for run in runs for r in run.get("results", []) if r.get("level", "warning") in ("error", "warning")]


def test_sarif_has_no_error_or_warning_under_default_and_github_rules(cli, tmp_path, monkeypatch):
    files = _files(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for absolute in (False, True):
        paths = [p if absolute else p.relative_to(tmp_path) for p in files]
        out = tmp_path / f"{'absolute' if absolute else 'relative'}.sarif"
        out.write_text(_lint(cli, "sarif", paths))
        doc = json.loads(out.read_text())
        codes = {r["ruleId"] for r in doc["runs"][0]["results"]}
        assert {"Y006", "Y010", "Y012", "S001"} <= codes, codes
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in doc["runs"][0]["results"]]
        assert all(("uriBaseId" in u) == absolute and not u["uri"].startswith(("file:", "/")) for u in uris), uris
        outputs.append(out)
    problems = _multitool(*outputs)
    assert problems == [], [(p["ruleId"], p["message"].get("text", "")[:200]) for p in problems]


def test_the_validator_reports_what_it_should(tmp_path):
    # A check that could not fail would prove nothing: the output before this fix had warnings.
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps({"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                               "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
                                   {"ruleId": "X1", "message": {"text": "m"}, "locations": [{"physicalLocation": {
                                       "artifactLocation": {"uri": "file:///abs/a.yaml"}}}]}]}]}))
    assert {p["ruleId"] for p in _multitool(bad)} >= {"SARIF2005", "SARIF2017"}


def test_junit_is_valid_against_junit_10_xsd_and_recounts(cli, tmp_path):
    from junitparser import Failure, JUnitXml
    from lxml import etree

    files = _files(tmp_path / "corpus")
    out = tmp_path / "out.xml"
    out.write_bytes(_lint(cli, "junit", files).encode("utf-8"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.parse(str(out))
    assert schema.validate(document), [str(e) for e in schema.error_log]

    xml = JUnitXml.fromfile(str(out))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    cases = list(suite)
    failed = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    assert (suite.tests, suite.failures, suite.errors) == (len(cases), len(failed), 0)
    assert len(cases) == len(files) and len(failed) == len(files) - 1  # only clean.yaml passes
    # What junitparser recomputes from the elements matches what the file declares.
    declared = (suite.tests, suite.failures, suite.errors, suite.skipped)
    suite.update_statistics()
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == declared
    two = next(c for c in cases if c.name.endswith("two problems.yaml"))
    assert len(two.result) == 1 and len(two.result[0].text.splitlines()) == 2
