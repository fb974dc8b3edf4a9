"""C114 through `cistreaty lint`: a protocol that does not apply is reported at the operation's key."""

import shutil

from conftest import CORPUS, FIXTURES, ROOT

AMEND = FIXTURES / "amend"
EXAMPLE = ROOT / "examples" / "heavy-machinery-amending-protocol.yaml"


def value_position(path, needle: str, occurrence: int = 1, of_key: bool = True):
    """(line, column) of the value of the `occurrence`-th `key: value` line matching `needle`,
    or of the needle itself (a mapping given as a value starts at its first key)."""
    seen = 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                start = line.index(needle)
                return number, start + 1 + (len(needle.split(":")[0]) + 2 if of_key else 0)
    raise AssertionError(f"{needle!r} not found")


def test_each_failure_is_reported_with_code_line_and_column(cli):
    path = AMEND / "fixture-broken.yaml"
    result = cli("lint", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(" C114 " in line for line in lines)
    expected = [
        (value_position(path, 'article: "99"'), "amendment 1", "article 99 does not exist"),
        (value_position(path, "paragraph: 5"), "amendment 2", "article 2 has 2 paragraphs, not a paragraph 5"),
        (value_position(path, "item: 7"), "amendment 3", "has 2 items, not an item 7"),
        (value_position(path, 'words: "arbitration"'), "amendment 4", "'arbitration' is not in the en text"),
        (value_position(path, 'words: "Party"'), "amendment 5", "'Party' occurs 3 times in article 1"),
        (value_position(path, "occurrence: 3"), "amendment 6", "occurs 2 times in article 2, not 3"),
        (value_position(path, 'article: "2"', 3), "amendment 7", "article 2 already exists"),
        (value_position(path, 'after: "4"'), "amendment 8", "article 4 does not exist"),
        (value_position(path, "lang: ru"), "amendment 9", "article 3 has no 'ru' text"),
        (value_position(path, "ru: \"Споры", of_key=False), "amendment 10", "the new text lacks en"),
        (value_position(path, "paragraph: 3"), "amendment 11", "not a paragraph 3"),
    ]
    assert len(lines) == len(expected)
    for line, ((row, col), which, words) in zip(lines, expected):
        prefix = f"{path}:{row}:{col}: C114 {which} does not apply to fixture-base: "
        assert line.startswith(prefix), (line, prefix)
        assert words in line


def test_positions_of_the_known_cases_exactly(cli):
    result = cli("lint", AMEND / "fixture-broken.yaml")
    assert f"{AMEND}/fixture-broken.yaml:32:12: C114 amendment 5 does not apply to fixture-base: 'Party' occurs " \
           "3 times in article 1: say which with `occurrence` (1 to 3, or all)" in result.stdout.splitlines()
    assert f"{AMEND}/fixture-broken.yaml:38:17: C114 amendment 6 does not apply to fixture-base: 'The Parties' " \
           "occurs 2 times in article 2, not 3" in result.stdout.splitlines()


def test_a_protocol_that_applies_is_clean(cli):
    result = cli("lint", AMEND / "fixture-clean.yaml", AMEND / "fixture-base.yaml")
    assert (result.exit_code, result.stdout) == (0, "")


def test_the_example_applies_when_placed_in_a_corpus(cli, tmp_path):
    corpus = tmp_path / "agreements"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(EXAMPLE, corpus)
    result = cli("lint", corpus)
    assert result.exit_code == 0, result.stdout


def test_a_base_not_found_or_not_held_is_not_c114(cli, tmp_path):
    # C108 reports the missing base; a base without text cannot be checked.
    shutil.copy(AMEND / "fixture-broken.yaml", tmp_path)
    result = cli("lint", tmp_path / "fixture-broken.yaml")
    assert "C114" not in result.stdout
    (tmp_path / "fixture-base.yaml").write_text(
        'id: fixture-base\ntype: agreement\ntitle: {en: "x"}\ntext: not-held\n')
    result = cli("lint", tmp_path)
    assert "C114" not in result.stdout and result.exit_code == 0, result.stdout


def test_rule_is_documented(cli):
    result = cli("rules")
    assert "C114" in result.stdout and "amendment-applies" in result.stdout
