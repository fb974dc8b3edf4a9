"""`# cistreaty: noqa` suppression and C115 (unused-noqa), through the linter and its cache."""

from pathlib import Path

import pytest

from cistreaty.diagnostics import Diagnostic
from cistreaty.lint import suppress

FAIL = Path(__file__).parent / "fixtures" / "rules" / "fail"
C105 = (FAIL / "c105-event-before-signature.yaml").read_text(encoding="utf-8")
C105_LINE = "      - {type: notification, date: 2020-05-31}"


@pytest.fixture(autouse=True)
def _env(monkeypatch, tmp_path):
    for var in ("GITHUB_ACTIONS", "CISTREATY_OUTPUT_FORMAT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("CISTREATY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def _file(tmp_path, text, name="c105-event-before-signature.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("comment", ["# cistreaty: noqa: C105", "#cistreaty: noqa:C105,C104",
                                     "# cistreaty: noqa"])
def test_directive_suppresses_its_line(cli, tmp_path, comment):
    path = _file(tmp_path, C105.replace(C105_LINE, f"{C105_LINE}  {comment}"))
    result = cli("lint", path)
    assert ": C105 " not in result.stdout
    if comment.endswith("C104"):
        # The C104 in the list suppresses nothing: reported, and the run fails for it alone.
        assert result.exit_code == 1 and ":11:" in result.stdout and "C115" in result.stdout
        assert "for C104" in result.stdout
    else:
        assert result.exit_code == 0, result.stdout


def test_directive_for_another_code_suppresses_nothing(cli, tmp_path):
    path = _file(tmp_path, C105.replace(C105_LINE, f"{C105_LINE}  # cistreaty: noqa: C109"))
    result = cli("lint", path)
    assert ": C105 " in result.stdout and ": C115 " in result.stdout


def test_stale_bare_directive_is_reported_where_it_stands(cli, tmp_path):
    text = C105.replace("type: agreement", "type: agreement  # cistreaty: noqa")
    path = _file(tmp_path, text)
    result = cli("lint", path)
    assert f"{path}:4:18: C115 " in result.stdout


def test_c115_can_be_ignored_by_configuration(cli, tmp_path):
    text = C105.replace("type: agreement", "type: agreement  # cistreaty: noqa")
    path = _file(tmp_path, text)
    result = cli("lint", "--ignore", "C115", path)
    assert ": C115 " not in result.stdout and ": C105 " in result.stdout


def test_hash_inside_a_value_is_not_a_directive(cli, tmp_path):
    text = C105.replace('title: {en: "Event before signature"}',
                        'title: {en: "Event before signature#cistreaty: noqa"}')
    result = cli("lint", _file(tmp_path, text))
    assert ": C115 " not in result.stdout


def test_suppression_is_cached_with_the_file(cli, tmp_path):
    # The cache keys on the file's bytes: adding or removing the comment changes the result.
    path = _file(tmp_path, C105)
    assert cli("lint", path).exit_code == 1
    path.write_text(C105.replace(C105_LINE, f"{C105_LINE}  # cistreaty: noqa: C105"), encoding="utf-8")
    assert cli("lint", path).exit_code == 0
    assert cli("lint", path).exit_code == 0  # from the cache
    path.write_text(C105, encoding="utf-8")
    assert cli("lint", path).exit_code == 1


def test_yaml_errors_can_be_suppressed_too(cli, tmp_path):
    path = _file(tmp_path, "id: x\nid: y  # cistreaty: noqa: Y002\ntype: agreement\ntitle: {en: X}\n"
                           "text: not-held\n", name="y.yaml")
    result = cli("lint", path)
    assert ": Y002 " not in result.stdout


def test_cross_file_findings_are_suppressed_by_code(cli, tmp_path):
    text = (FAIL / "c108-amends-target.yaml").read_text(encoding="utf-8")
    plain = _file(tmp_path, text, name="c108-amends-target.yaml")
    assert ": C108 " in cli("lint", plain).stdout
    plain.write_text(text.replace("amends: no-such-instrument",
                                  "amends: no-such-instrument  # cistreaty: noqa: C108"), encoding="utf-8")
    result = cli("lint", plain)
    assert result.exit_code == 0, result.stdout


def test_directives_parse_lines_as_the_loader_counts_them():
    found = suppress.directives("a: 1\r\nb: 2 # cistreaty: noqa: c105 , Y002\rc: 3\n# cistreaty: noqa\n")
    assert sorted(found) == [2, 4]
    assert found[2].codes == ("C105", "Y002") and found[2].col == 6
    assert found[4].codes == ()


def test_whole_file_findings_are_never_suppressed():
    diags = [Diagnostic("f.yaml", 0, 0, "Y006", "empty")]
    assert suppress.apply(diags, "# cistreaty: noqa\n", "f.yaml")[0].code == "Y006"


@pytest.mark.parametrize("comment", ["# cistreaty: noqa: C105 -- notified early, see the record",
                                     "# cistreaty: noqa: C105 (late)", "# CISTREATY: NOQA: c105",
                                     "# cistreaty: noqa: C104 C105", "# cistreaty: noqa: C105, C104 reason"])
def test_codes_by_commas_or_spaces_and_a_reason_after_them(cli, tmp_path, comment):
    path = _file(tmp_path, C105.replace(C105_LINE, f"{C105_LINE}  {comment}"))
    result = cli("lint", path)
    assert ": C105 " not in result.stdout, result.stdout
    if "C104" in comment:
        assert result.exit_code == 1 and "for C104: no such finding" in result.stdout
    else:
        assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("comment", ["# cistreaty: noqa: because", "# cistreaty: noqa:C105x",
                                     "# cistreaty: noqa; C105"])
def test_a_directive_not_understood_is_reported_not_ignored(cli, tmp_path, comment):
    path = _file(tmp_path, C105.replace(C105_LINE, f"{C105_LINE}  {comment}"))
    result = cli("lint", path)
    assert ": C105 " in result.stdout, "it suppresses nothing"
    assert "C115 `# cistreaty: noqa` not understood" in result.stdout, result.stdout


def test_a_prefix_or_unknown_code_is_named_as_such(cli, tmp_path):
    path = _file(tmp_path, C105.replace(C105_LINE, f"{C105_LINE}  # cistreaty: noqa: C1, C999"))
    result = cli("lint", path)
    assert ": C105 " in result.stdout
    assert "`# cistreaty: noqa` for C1, C999: not a rule code" in result.stdout, result.stdout


def test_the_rules_examples_of_c115_behave_as_shown(cli, tmp_path):
    from cistreaty.lint.registry import RULES

    rule = RULES["C115"]
    base = C105_LINE.strip()
    for example, expect in ((rule.passes, 0), (rule.fails, 1)):
        comment = example[example.index("#"):]
        date = "2020-05-31" if expect == 0 else "2020-07-31"  # before, then after the signature
        line = "      " + base.replace("2020-05-31", date) + "  " + comment
        path = _file(tmp_path, C105.replace(C105_LINE, line))
        result = cli("lint", path)
        assert result.exit_code == expect, (example, result.stdout)
        assert (": C115 " in result.stdout) == (expect == 1) and ": C105 " not in result.stdout
