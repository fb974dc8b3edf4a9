"""The forms libyaml reads otherwise than YAML 1.2 (io/yaml12_forms.py): each refused at its own
position with Y016-Y020, by `cistreaty lint` as a user runs it, and the neighbouring forms that YAML 1.2
reads as libyaml does still accepted. The expected readings were checked with the npm `yaml` package,
a YAML 1.2 parser that passes the official test suite; tests/test_yaml_suite.py runs the suite itself."""

from __future__ import annotations

import json

import pytest

from cistreaty.io import yamlio
from cistreaty.lint.registry import RULES

HEAD = 'id: forms\ntype: agreement\ntitle: {en: "Test fixture, not a real instrument"}\ntext: not-held\n'
CODES = ("Y016", "Y017", "Y018", "Y019", "Y020")

REFUSED = [  # (text after HEAD, code, line, column)
    ("notes: [?x]\n", "Y016", 5, 9),
    ("notes: [a,\n  ?b]\n", "Y016", 6, 3),
    ('notes: "x"# c\n', "Y017", 5, 11),
    ("notes: [a]#c\n", "Y017", 5, 11),
    ("notes: [a,#c\n  b]\n", "Y017", 5, 11),
    ("notes: |#c\n  x\n", "Y017", 5, 9),
    ("notes: [-]\n", "Y018", 5, 9),
    ("notes: [a, -, b]\n", "Y018", 5, 12),
    ("x: {y: -}\n", "Y018", 5, 8),
    ('notes: "a\nb"\n', "Y019", 6, 1),
    ('notes: "a\n\tb"\n', "Y019", 6, 1),
    ("notes: [a,\nb]\n", "Y019", 6, 1),
    ("x:\n  y: [a,\n  b]\n", "Y019", 7, 3),
    ('notes: [a, "b\nc"]\n', "Y019", 6, 1),
    ("notes: >\n   \n # c\n", "Y020", 6, 1),
    ("notes: |\n  x\n   ", "Y020", 7, 1),
]

ACCEPTED = [  # read by libyaml as YAML 1.2 reads them: no finding from yaml12_forms
    'notes: ["?x", "-"]\n',
    "notes: [? x]\n",
    'url: "https://example.org/a?b=1#c"\n',
    "x: {-: y}\n",
    "notes: [-x]\n",
    'notes: "x" # c\n',
    "notes: [a, # x-#y\n  b]\n",
    "notes: [\n  a\n]\n",
    "x: {\n  a: 1\n}\n",
    "notes: [a,\n# comment\n  b]\n",
    'notes: "a\n  b"\n',
    'notes: "a\n \tb"\n',
    "notes: >\n   \nx: 1\n",
    "notes: |\n  x\n  ",
    "notes: |\n  x\n",
    "notes: | # c-#d\n  x\n",
]


@pytest.mark.parametrize(("tail", "code", "line", "col"), REFUSED)
def test_lint_refuses_the_form_at_its_position(cli, tmp_path, tail, code, line, col):
    path = tmp_path / "forms.yaml"
    path.write_text(HEAD + tail, encoding="utf-8", newline="")
    result = cli("lint", "--no-cache", "--output-format", "json", path)
    assert result.exit_code == 1, result.stdout + result.stderr
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert found == [(code, line, col)], found


@pytest.mark.parametrize("tail", ACCEPTED)
def test_the_yaml12_reading_libyaml_shares_is_accepted(tail):
    yamlio.loads(HEAD + tail)  # no LoadError


def test_the_text_report_says_how_to_write_it(cli, tmp_path):
    path = tmp_path / "forms.yaml"
    path.write_text(HEAD + "notes: [?x]\n", encoding="utf-8")
    result = cli("lint", "--no-cache", path)
    assert result.exit_code == 1
    assert 'forms.yaml:5:9: Y016' in result.stdout and 'quote it ("?x")' in result.stdout, result.stdout


@pytest.mark.parametrize("code", CODES[:-1])  # Y020's lines of spaces cannot be shown as an example
def test_each_rule_fails_its_own_example_and_passes_the_other(code):
    rule = RULES[code]
    with pytest.raises(yamlio.LoadError) as refused:
        yamlio.parse_value(rule.fails + "\n")
    assert refused.value.diagnostics[0].code == code
    yamlio.parse_value(rule.passes + "\n")


def test_positions_count_the_lines_an_editor_shows(cli, tmp_path):
    # libyaml counts U+2028 as a line break; the finding is on the line an editor shows.
    path = tmp_path / "forms.yaml"
    path.write_text(HEAD + 'notes: "a\u2028b"\nx: [?y]\n', encoding="utf-8")
    result = cli("lint", "--no-cache", "--output-format", "json", path)
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert found == [("Y016", 6, 5)], found
