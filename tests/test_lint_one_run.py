"""Lint reports every independent mistake in one run, with messages a person can act on."""

import json

from conftest import FIXTURES

STAGES = FIXTURES / "lint" / "one-of-each-stage.yaml"


def lint_json(cli, path):
    result = cli("lint", "--format", "json", "--no-cache", path)
    assert result.exit_code == 1, result.output
    return [(d["line"], d["column"], d["code"], d["message"]) for d in json.loads(result.stdout)]


def test_schema_errors_do_not_hide_semantic_findings_elsewhere(cli):
    found = lint_json(cli, STAGES)
    assert found == [
        (6, 1, "S001", "unknown key 'depositry'; did you mean 'depositary'?"),
        (10, 20, "S001", "`entry_into_force.general.count` must be a whole number ≥ 1 or `all`"),
        (13, 13, "S001", "parties.KG.signed: Input should be a valid date (write it unquoted, as YYYY-MM-DD)"),
        (17, 36, "C105", "TJ notification dated 2025-01-10 is before the signature on 2025-06-05"),
        (18, 3, "C104", "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (25, 13, "C103", "article 1 appears twice (first at line 21)"),
    ]


def test_a_part_with_a_schema_error_gets_no_semantic_findings_of_its_own(cli, tmp_path):
    # KG's notification is before its signature, but KG's signature does not validate: the rules
    # do not guess what KG says until the schema error is fixed.
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntype: agreement\ntitle: {en: X}\nparties:\n  KG:\n    signed: 2025-06-05\n"
                    "    provisional_application: maybe\n    events:\n      - {type: notification, date: 2025-01-01}\n")
    codes = [c for _, _, c, _ in lint_json(cli, path)]
    assert "S001" in codes and "C105" not in codes


def test_list_items_after_a_refused_one_keep_their_lines(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text('id: x\ntype: agreement\ntitle: {en: X}\narticles:\n'
                    '  - {number: "1", paragraphs: [{en: One.}]}\n'
                    '  - {number: "2", paragraphs: [{xx_: bad}]}\n'
                    '  - {number: "3", paragraphs: [{en: Three.}]}\n'
                    '  - {number: "3", paragraphs: [{en: Again.}]}\n')
    found = lint_json(cli, path)
    assert (8, 14, "C103", "article 3 appears twice (first at line 7)") in found
    assert [c for _, _, c, _ in found].count("S001") == 1


def test_a_misspelt_word_gets_its_near_match_not_the_whole_vocabulary(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntype: agreement\ntitle: {en: X}\nparties:\n  KG:\n    events:\n"
                    "      - {type: ratificaton, date: 2025-01-01}\n")
    (line, col, code, message), = [f for f in lint_json(cli, path) if f[2] == "S001"]
    assert (line, col) == (7, 16)
    assert message.startswith("parties.KG.events.0.type: 'ratificaton' is not one of the ")
    assert message.endswith("values allowed here; did you mean 'ratification'?")


def test_a_word_with_no_near_match_still_lists_what_is_allowed(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntype: zzzzz\ntitle: {en: X}\n")
    (_, _, _, message), = lint_json(cli, path)
    assert "'agreement'" in message and "did you mean" not in message


def test_an_unknown_key_deep_in_the_file_gets_did_you_mean(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntype: agreement\ntitle: {en: X}\nentry_into_force:\n  general: {count: 3, dealy: {days: 30}}\n")
    messages = [m for _, _, _, m in lint_json(cli, path)]
    assert "unknown key 'dealy'; did you mean 'delay'?" in messages


def test_a_union_field_gets_one_message(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: x\ntype: agreement\ntitle: {en: X}\nduration: forever\n")
    assert [f for f in lint_json(cli, path) if f[2] == "S001"] == [
        (4, 11, "S001", "`duration` must be `indefinite` or a mapping {years: N, renew_years: M}")]
