"""Every semantic rule has a fixture that passes and one that fails at a known line and column.

Fail fixtures declare what they expect in comments: `# expect: CODE LINE:COL`.
"""

import json
import re

import pytest

from cistreaty.lint.registry import RULES as REGISTRY
from conftest import FIXTURES

RULES = FIXTURES / "rules"
EXPECT = re.compile(r"^# expect: (\w+) (\d+):(\d+)$", re.M)


def expectations(folder):
    out = set()
    for path in sorted(folder.glob("*.yaml")):
        for code, line, col in EXPECT.findall(path.read_text(encoding="utf-8")):
            out.add((path.name, code, int(line), int(col)))
    return out


def lint_json(cli, *paths):
    result = cli("lint", "--output-format", "json", *paths)
    return result, json.loads(result.stdout)


def test_pass_fixtures_are_clean(cli):
    result, diags = lint_json(cli, RULES / "pass")
    assert diags == []
    assert result.exit_code == 0


def test_fail_fixtures_report_exactly_what_they_expect(cli):
    result, diags = lint_json(cli, RULES / "fail")
    got = {(d["path"].rsplit("/", 1)[-1], d["code"], d["line"], d["column"]) for d in diags}
    assert got == expectations(RULES / "fail")
    assert result.exit_code == 1


# A folder linted as the corpus, for the rules that only apply there (C130).
CORPUS_RULES = RULES / "corpus" / "agreements"


@pytest.mark.parametrize("code", sorted(c for c in REGISTRY if c.startswith("C")))
def test_every_rule_has_a_failing_fixture(code):
    found = expectations(RULES / "fail") | expectations(CORPUS_RULES)
    assert any(c == code for _, c, _, _ in found), code


def test_corpus_only_rules_apply_to_the_corpus_and_not_elsewhere(cli, tmp_path):
    result, diags = lint_json(cli, "--corpus", CORPUS_RULES)
    got = {(d["path"].rsplit("/", 1)[-1], d["code"], d["line"], d["column"]) for d in diags}
    assert got == expectations(CORPUS_RULES) and result.exit_code == 1
    # Named by path from elsewhere, the same file is not in the corpus: no C130.
    result, diags = lint_json(cli, "--corpus", tmp_path, CORPUS_RULES / "c130-record-declared.yaml")
    assert diags == [] and result.exit_code == 0
    # Named by path inside the corpus, it is.
    result, diags = lint_json(cli, "--corpus", CORPUS_RULES, CORPUS_RULES / "c130-record-declared.yaml")
    assert [d["code"] for d in diags] == ["C130"]


def test_every_rule_is_documented(cli):
    listing = cli("rules").stdout
    for code, rule in REGISTRY.items():
        assert code in listing
        shown = cli("rules", code.lower())
        assert shown.exit_code == 0
        assert rule.explanation in shown.stdout


def test_unknown_rule_code_is_a_usage_error(cli):
    result = cli("rules", "X999")
    assert result.exit_code == 2
    assert "unknown rule code" in result.stderr


def test_reference_to_another_instrument_is_not_flagged():
    from cistreaty.lint.rules import Context, article_refs
    from cistreaty.models import Instrument

    inst = Instrument.model_validate({
        "id": "x", "type": "agreement", "title": {"en": "X"},
        "articles": [{"number": "1", "paragraphs": [
            {"en": "Article 9 of the Agreement of 1993 and Article 1 of this Agreement apply."},
            {"ru": "статьей 9 Соглашения о поддержке и статьей 1 настоящего Соглашения"},
            {"en": "but Article 9 of this Agreement does not exist"},
        ]}],
    })
    found = [f[2] for f in article_refs.check(inst, Context("x", lambda _id: None))]
    assert found == ["'Article 9' (en) refers to an article the instrument does not have"]


def test_article_numbers_sort_numerically():
    from cistreaty.articles import article_key

    numbers = ["1", "2", "7", "7.1", "7.2", "10", "10.1"]
    assert sorted(reversed(numbers), key=article_key) == numbers


ROOT = FIXTURES.parent.parent
CODE_LITERAL = re.compile(r"""["']([YSC]\d{3})["']""")


def test_each_code_is_written_once_in_the_sources():
    counts = {}
    for path in sorted((ROOT / "src" / "cistreaty").rglob("*.py")):
        for code in CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            counts.setdefault(code, []).append(path.name)
    assert set(counts) == set(REGISTRY)
    assert {code: files for code, files in counts.items() if len(files) != 1} == {}


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rules_code_names_the_file_that_declares_and_checks_it(cli, code):
    shown = cli("rules", code)
    where = re.search(r"^Declared and checked in (\S+)$", shown.stdout, re.M)
    assert where, shown.stdout
    source = (ROOT / where.group(1)).read_text(encoding="utf-8")
    assert f'"{code}"' in source
    rule = REGISTRY[code]
    for example in (rule.passes, rule.fails):
        for line in example.splitlines():
            assert "    " + line in shown.stdout


@pytest.mark.parametrize("name", ["c117-hidden-character.yaml", "c118-hidden-character-in-text.yaml"])
def test_hidden_characters_are_found_written_raw_as_escaped(cli, tmp_path, name):
    # The rule skips files whose text holds no such character and no escape (textsafe.may_hold_hidden):
    # the same characters written as themselves, with no backslash left in the file, are still found.
    escaped = (RULES / "fail" / name).read_text(encoding="utf-8")
    raw = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), escaped)
    assert "\\" not in raw and raw != escaped
    (tmp_path / name).write_text(raw, encoding="utf-8")
    _, diags = lint_json(cli, "--no-cache", tmp_path / name)
    got = {(d["code"], d["line"], d["column"]) for d in diags}
    want = {(code, line, col) for n, code, line, col in expectations(RULES / "fail") if n == name}
    assert want and got == want


def test_corpus_only_rules_follow_links_out_of_the_corpus(cli, tmp_path):
    # The corpus test resolves each folder once and a file only when it is itself a link: a file
    # or a folder inside the corpus that links to one outside it is outside.
    name = "c130-record-declared.yaml"
    corpus = tmp_path / "corpus"
    (corpus / "copy").mkdir(parents=True)
    (corpus / "copy" / name).write_bytes((CORPUS_RULES / name).read_bytes())
    (corpus / "filelink").mkdir()
    (corpus / "filelink" / name).symlink_to(CORPUS_RULES / name)
    (corpus / "dirlink").symlink_to(CORPUS_RULES, target_is_directory=True)
    for folder, codes in (("copy", ["C130"]), ("filelink", []), ("dirlink", [])):
        result, diags = lint_json(cli, "--no-cache", "--corpus", corpus, corpus / folder / name)
        assert [d["code"] for d in diags] == codes, folder
        assert result.exit_code == (1 if codes else 0)
