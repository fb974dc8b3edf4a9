"""Each CI format accepted by its reference consumer, run for real.

SARIF: Microsoft's `sarif-multitool validate` (npm @microsoft/sarif-multitool, installed by .ci/run
into .ci/tools), with its default rules and with GitHub's, must report no error and no warning, for
relative and absolute paths and for findings about a whole file. The GitHub rules take two switches:
`--rule-kind "Sarif;Gh"` adds the rules of kind Gh (GH2012, for one, runs by default once selected),
and GH1001-GH1007 are off by default even then, so a configuration (`-c`, the same form as the
sarif-sdk's own GitHub policy) turns each on as an error. JUnit: valid against junit-10.xsd
(from pytest's source distribution, MIT, in tests/schemas/junit/), and its counts as `junitparser`
recounts them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


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


# sarif-multitool 5.7.0's GitHub rules that are disabled by default, by id and name (the key its
# configuration uses).
GITHUB_RULES = {"GH1001": "ProvideRequiredLocationProperties", "GH1002": "InlineThreadFlowLocations",
                "GH1003": "ProvideRequiredRegionProperties", "GH1004": "ReviewArraysThatExceedConfigurableDefaults",
                "GH1005": "LocationsMustBeRelativeUrisOrFilePaths", "GH1006": "ProvideCheckoutPath",
                "GH1007": "ProvideFullyFormattedMessageStrings"}


def _github_config(folder: Path) -> Path:
    config = folder / "github-rules.config.xml"
    config.write_text('<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n' + "".join(
        f"  <Properties Key='{rule}.{name}.Options'>\n    <Property Key='RuleEnabled' Value='Error' />\n"
        "  </Properties>\n" for rule, name in GITHUB_RULES.items()) + "</Properties>\n")
    return config


def _multitool(*sarif: Path, kinds: str = "Sarif;Gh", github_config: bool = True) -> list[dict]:
    if not MULTITOOL.is_file():
        missing("sarif-multitool", "npm ci --prefix .ci/tools")
    report = sarif[0].with_name("validation.sarif")
    # The native binary, not npm's wrapper: the wrapper runs through a shell, which splits "Sarif;Gh".
    # "Sarif;Gh" is the default rule set plus GitHub's; one run for both files (the tool starts slowly).
    config = ["-c", str(_github_config(sarif[0].parent))] if github_config else []
    done = subprocess.run([str(MULTITOOL), "validate", *map(str, sarif), "-o", str(report), "--log", "ForceOverwrite",
                           "--rule-kind", kinds, *config], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    runs = json.loads(report.read_text(encoding="utf-8-sig"))["runs"]
    assert runs and kinds not in done.stdout  # the rule kinds were understood
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


def test_the_github_rules_run_and_flag_what_github_refuses(tmp_path):
    # The old output's absolute file:// URIs (GH1006) and a rule without `help` (GH2012): GitHub's
    # rules flag both as errors with the switches the zero-finding test uses, and neither without them.
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps({"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                               "runs": [{"tool": {"driver": {"name": "x", "version": "1", "informationUri": "https://x.org",
                                                             "rules": [{"id": "X1", "shortDescription": {"text": "D."},
                                                                        "fullDescription": {"text": "D."}}]}},
                                         "results": [{"ruleId": "X1", "message": {"text": "M."}, "locations": [{
                                             "physicalLocation": {"artifactLocation": {"uri": "file:///abs/a.yaml"},
                                                                  "region": {"startLine": 1}}}]}]}]}))
    flagged = {p["ruleId"]: p["level"] for p in _multitool(bad)}
    assert flagged.get("GH1006") == "error" and flagged.get("GH2012") == "error", flagged
    assert not any(rule.startswith("GH") for rule in {p["ruleId"] for p in _multitool(bad, kinds="Sarif")})
    assert "GH1006" not in {p["ruleId"] for p in _multitool(bad, github_config=False)}


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
