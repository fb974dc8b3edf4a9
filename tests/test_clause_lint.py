"""C116 on the real heavy-machinery file: every clause value changed away from its article's words
is a finding at that value, quoting the words; the file as it is, and the corpus, lint clean."""

import json
import shutil

import pytest

from conftest import CORPUS

HEAVY = CORPUS / "heavy-machinery.yaml"


def _mutate(text: str, section: str, old: str, new: str) -> tuple[str, int, int]:
    """Replace the first line `old` (stripped) inside the top-level `section`; return the new text and
    the 1-based line and column of the value on the new line."""
    lines = text.split("\n")
    start = lines.index(f"{section}:") if f"{section}:" in lines else next(
        i for i, x in enumerate(lines) if x.startswith(f"{section}:"))
    for i in range(start, len(lines)):
        if i > start and lines[i] and not lines[i].startswith((" ", "#")):
            break
        if lines[i].strip() == old or (i == start and lines[i] == old):
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            lines[i] = indent + new if i != start else new
            value = new.split(": ", 1)[1] if ": " in new else new.lstrip("- ")
            col = len(indent) + new.index(value, new.index(": ") + 2 if ": " in new else 0) + 1
            return "\n".join(lines), i + 1, col
    raise AssertionError(f"{old!r} not found in {section}")


def _lint(cli, tmp_path, text):
    path = tmp_path / "heavy-machinery.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("lint", "--no-cache", "--output-format", "json", str(path))
    return result, json.loads(result.stdout)


def test_heavy_machinery_as_recorded_is_clean(cli, tmp_path):
    result, diags = _lint(cli, tmp_path, HEAVY.read_text(encoding="utf-8"))
    assert diags == [] and result.exit_code == 0


MUTATIONS = [
    ("entry_into_force", "count: 3", "count: 2", "Article 12 says 'the third notification'; count is 2"),
    ("entry_into_force", "- notification", "- ratification",
     "Article 12 says 'notification'; instruments are ratification"),
    ("entry_into_force", "days: 30", "days: 20", "Article 12 says '30 days after'; delay is 20 days"),
    ("entry_into_force", "days: 30", "months: 1", "Article 12 says '30 days after'; delay is 1 month"),
    ("accession", "days: 30", "days: 60", "Article 13 says '30 days after'; delay is 60 days"),
    ("authorities", "days: 30", "days: 10", "Article 5 says 'within 30 days'; notify_changes is 10 days"),
    ("withdrawal", "months: 6", "months: 3", "Article 14 says 'six months in advance'; notice is 3 months"),
    ("withdrawal", "months: 6", "days: 6", "Article 14 says 'six months in advance'; notice is 6 days"),
    ("entry_into_force", 'article: "12"', 'article: "13"', "Article 13 states no entry into force; Article 12 says"),
    ("accession", 'article: "13"', 'article: "12"', "Article 12 states no accession rule; Article 13 says"),
    ("withdrawal", 'article: "14"', 'article: "12"', "Article 12 states no withdrawal notice; Article 14 says"),
    ("authorities", 'article: "5"', 'article: "4"',
     "Article 4 states no notice period for the authorized bodies; Article 5 says"),
    ("duration", "duration: indefinite", "duration: {years: 5}",
     "Article 14 says 'indefinite period'; duration is 5 years"),
]


@pytest.mark.parametrize("section,old,new,message", MUTATIONS, ids=[f"{m[0]}:{m[2]}" for m in MUTATIONS])
def test_a_value_changed_away_from_the_text_is_a_finding_at_it(cli, tmp_path, section, old, new, message):
    text, line, col = _mutate(HEAVY.read_text(encoding="utf-8"), section, old, new)
    result, diags = _lint(cli, tmp_path, text)
    assert result.exit_code == 1
    found = [d for d in diags if d["code"] == "C116"]
    assert len(found) == 1, diags
    assert message in found[0]["message"]
    if section == "duration":  # a flow mapping: the finding is at `years`
        line, col = line, len("duration: {years: ") + 1
    assert (found[0]["line"], found[0]["column"]) == (line, col)


def test_the_later_rule_changed_or_left_out(cli, tmp_path):
    text = HEAVY.read_text(encoding="utf-8")
    i = text.index("  later:\n    delay:\n      days: 30\n")
    changed = text[:i] + "  later:\n    delay:\n      days: 0\n" + text[i + len("  later:\n    delay:\n      days: 30\n"):]
    _, diags = _lint(cli, tmp_path, changed)
    line = changed[:i].count("\n") + 3
    assert [(d["line"], d["column"], d["code"]) for d in diags] == [(line, 13, "C116")]
    assert "Article 12 says '30 days from'; later delay is 0 days" in diags[0]["message"]
    dropped = text[:i] + text[i + len("  later:\n    delay:\n      days: 30\n"):]
    _, diags = _lint(cli, tmp_path, dropped)
    assert [d["code"] for d in diags] == ["C116"]
    assert "`later` is not recorded" in diags[0]["message"]
    assert diags[0]["line"] == dropped[:dropped.index("entry_into_force:")].count("\n") + 1


def test_an_alignment_the_text_does_not_state(cli, tmp_path):
    text = HEAVY.read_text(encoding="utf-8")
    anchor = "accession:\n  article: \"13\"\n"
    i = text.index(anchor) + len(anchor)
    changed = text[:i] + "  align: first-of-next-month\n" + text[i:]
    _, diags = _lint(cli, tmp_path, changed)
    assert [(d["line"], d["column"]) for d in diags] == [(changed[:i].count("\n") + 1, 10)]
    assert "Article 13 says '30 days after'; align is first-of-next-month" in diags[0]["message"]


def test_text_the_reader_refuses_gives_no_finding(cli, tmp_path):
    text = HEAVY.read_text(encoding="utf-8").replace(
        "30 days after the depository receives the third notification",
        "30 after the depository receives the third notification").replace("    count: 3", "    count: 2")
    _, diags = _lint(cli, tmp_path, text)
    assert diags == []


def test_the_corpus_lints_clean(cli, tmp_path):
    shutil.copytree(CORPUS, tmp_path / "agreements")
    result = cli("lint", "--no-cache", "--output-format", "json", str(tmp_path / "agreements"))
    assert json.loads(result.stdout) == [] and result.exit_code == 0
