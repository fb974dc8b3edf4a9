"""lint as a user runs it: output formats, exit codes, the default corpus, usage errors."""

import json
import subprocess
import sys

import pytest

from conftest import CORPUS, FIXTURES, ROOT

FAIL = FIXTURES / "rules" / "fail"


def test_clean_corpus_exits_0_with_summary_on_stderr(cli):
    result = cli("lint", CORPUS)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no problems found" in result.stderr


def test_findings_exit_1_and_text_lines_have_positions(cli):
    result = cli("lint", FAIL / "c105-event-before-signature.yaml")
    assert result.exit_code == 1
    assert result.stdout == (f"{FAIL}/c105-event-before-signature.yaml:11:36: C105 KG notification dated "
                             "2020-05-31 is before the signature on 2020-06-01\n")
    assert result.stderr == "1 problem in 1 of 1 file\n"


def test_json_output_is_a_documented_list(cli):
    result = cli("lint", "-f", "json", FAIL / "c104-party-code.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "path": f"{FAIL}/c104-party-code.yaml", "line": 9, "column": 3, "code": "C104",
        "severity": "error", "message": "'XK' is not an ISO 3166-1 alpha-2 country code"}]


def test_json_output_when_clean_is_an_empty_list(cli):
    result = cli("lint", "-f", "json", CORPUS)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_github_format_escapes_properties_and_data(cli, tmp_path):
    weird = tmp_path / "a,b:100%.yaml"
    weird.write_text('id: x\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    result = cli("lint", "-f", "github", weird)
    first = result.stdout.splitlines()[0]
    assert first == (f"::error file={tmp_path}/a%2Cb%3A100%25.yaml,line=1,col=5,title=cistreaty (C101)::"
                     "id 'x' differs from the file name 'a,b:100%25'")
    # The full text log follows the annotations.
    assert result.stdout.splitlines()[1].startswith(f"{weird}:1:5: C101")


def test_github_data_escapes_newlines_and_percent():
    from cistreaty.diagnostics import Diagnostic
    from cistreaty.lint.output import github_line

    line = github_line(Diagnostic("p.yaml", 1, 2, "S001", "50% bad\nsecond\rline"))
    assert line == "::error file=p.yaml,line=1,col=2,title=cistreaty (S001)::50%25 bad%0Asecond%0Dline"


def test_github_format_is_default_under_github_actions(cli):
    result = cli("lint", FAIL / "c104-party-code.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=")


def test_missing_path_is_a_finding_and_the_other_files_are_still_checked(cli, tmp_path):
    result = cli("lint", tmp_path / "nope.yaml", FAIL / "c104-party-code.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path}/nope.yaml:0:0: Y011 no such file or directory" in lines
    assert any(": C104 " in line for line in lines)
    # The summary counts the path named as well as the file checked: "in 2 of 1 file" would not add up.
    assert result.stderr.endswith(" in 2 of 2 files\n"), result.stderr
    alone = cli("lint", tmp_path / "nope.yaml")
    assert alone.exit_code == 1 and alone.stderr == "1 problem in 1 of 1 file\n", alone.stderr


def test_a_protocol_outside_the_corpus_resolves_its_base_in_the_corpus(cli):
    # The README's example protocol lives in examples/, its base in the corpus: it lints clean,
    # and its operations are checked against the corpus text (C114 would fire otherwise).
    example = ROOT / "examples" / "heavy-machinery-amending-protocol.yaml"
    result = cli("lint", "--corpus", CORPUS, example)
    assert (result.exit_code, result.stdout) == (0, "")


def test_bad_option_is_a_usage_error(cli):
    result = cli("lint", "--output-format", "xml")
    assert result.exit_code == 2


def test_default_is_the_corpus_and_corpus_option_overrides(cli, tmp_path, monkeypatch):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "wrong.yaml").write_text('id: other\ntype: agreement\ntitle: {en: X}\ntext: not-held\n')
    monkeypatch.chdir(tmp_path)
    assert cli("lint").exit_code == 1  # ./agreements is the default
    assert cli("lint", "--corpus", CORPUS).exit_code == 0
    monkeypatch.setenv("CISTREATY_CORPUS", str(CORPUS))
    assert cli("lint").exit_code == 0
    monkeypatch.setenv("CISTREATY_CORPUS", str(tmp_path / "missing"))
    result = cli("lint")
    assert result.exit_code == 2 and "CISTREATY_CORPUS" in result.stderr


def test_linting_one_file_resolves_amends_against_its_folder(cli):
    # pre-commit passes only the changed file: its `amends:` target is a sibling, not an argument.
    assert cli("lint", CORPUS / "rules-of-origin-protocol-2015.yaml").exit_code == 0


def test_python_dash_m_and_console_script_agree(tmp_path):
    for cmd in ([sys.executable, "-m", "cistreaty"], ["cistreaty"]):
        proc = subprocess.run([*cmd, "lint", str(FAIL / "c104-party-code.yaml")], capture_output=True, text=True,
                              cwd=ROOT)
        assert proc.returncode == 1
        assert ": C104 " in proc.stdout
        assert "Traceback" not in proc.stderr


def test_internal_errors_become_one_line_exit_2(monkeypatch, capsys):
    import pytest

    from cistreaty import cli as cli_module
    from cistreaty.lint import check

    def boom(*_):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(check, "findings", boom)
    with pytest.raises(SystemExit) as info:
        cli_module.main(["lint", "--no-cache", str(CORPUS / "heavy-machinery.yaml")])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("cistreaty: internal error while processing ")
    assert "heavy-machinery.yaml: RuntimeError: simulated bug" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_one_file_named_twice_in_two_spellings_is_checked_once(cli, corpus_copy, monkeypatch):
    # A wrapper passing absolute paths beside the folder: no C102 "id also declared" by the file itself.
    monkeypatch.chdir(corpus_copy.parent)
    one = corpus_copy / "heavy-machinery.yaml"
    for args in (["agreements", str(one)], ["agreements", "./agreements/heavy-machinery.yaml"],
                 [str(one), "agreements/heavy-machinery.yaml"]):
        result = cli("lint", *args)
        assert result.exit_code == 0, (args, result.output)
        files = len(list(corpus_copy.glob("*.yaml"))) if "agreements" in args else 1
        assert result.stderr == f"{files} file{'s' if files > 1 else ''} checked, no problems found\n", result.stderr


@pytest.mark.parametrize("key,shown", [("2020-01-01", "2020-01-01"), ("null", "null"), ("true", "true"), ("5", "5")])
def test_a_key_yaml_reads_as_no_string_is_named_as_written_at_its_place(cli, tmp_path, key, shown):
    # pydantic gives such a key as its Python repr (datetime.date(2020, 1, 1), None) and no position.
    path = tmp_path / "k.yaml"
    path.write_text(f"id: k\ntype: agreement\ntitle: {{en: X}}\ntext: not-held\nsources:\n  {key}: x\n")
    result = cli("lint", "--no-config", "-f", "json", path)
    found = [(d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)]
    assert (6, 3, f"sources.{shown}: keys are strings: quote it ('{shown}':)") in found, found
    assert not any("datetime" in m or "None" in m for _, _, m in found), found


def test_an_article_set_aside_is_not_reported_as_no_articles(cli, tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text('id: w\ntype: agreement\ntitle: {en: X}\narticles:\n  - number: 1\n    paragraphs: [{en: "A."}]\n')
    result = cli("lint", "--no-config", "-f", "json", path)
    found = [(d["line"], d["column"], d["code"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [(5, 13, "S001", 'articles.0.number: Input should be a valid string '
                                     '(YAML reads 1 as a number: quote it, "1")')], found
