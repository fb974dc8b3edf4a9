"""C113: recorded published dates are checked against the computation, with positions."""

import json

from conftest import CORPUS, FIXTURES

from cistreaty.lint.published import check
from cistreaty.io.loader import load_file

FIX = FIXTURES / "status"


def _lint_json(cli, path):
    result = cli("lint", "-f", "json", path)
    return result.exit_code, json.loads(result.stdout)


def test_miscounted_dates_are_reported_with_code_line_and_column(cli):
    code, found = _lint_json(cli, FIX / "miscounted-protocol.yaml")
    assert code == 1
    c113 = [(d["line"], d["column"], d["code"]) for d in found if d["code"] == "C113"]
    assert c113 == [(19, 11, "C113"), (34, 23, "C113")]
    general, kz = [d["message"] for d in found if d["code"] == "C113"]
    assert "published entry into force 2020-02-29" in general and ": 2020-03-01" in general
    assert "Article 5" in general and "2020-01-31 + 30 days = 2020-03-01" in general
    assert "for KZ 2020-04-30" in kz and "2020-04-01 + 30 days = 2020-05-01" in kz
    assert len(found) == 2  # RU's published date is right: not reported


def test_text_output_names_path_line_and_column(cli):
    result = cli("lint", FIX / "miscounted-protocol.yaml")
    assert result.stdout.startswith(f"{FIX}/miscounted-protocol.yaml:19:11: C113 published entry into force 2020-02-29")


def test_published_records_that_agree_are_clean(cli):
    for name in ("paris-agreement.yaml", "cybercrime-convention.yaml"):
        assert _lint_json(cli, FIX / name) == (0, [])


def test_the_corpus_protocol_agrees_with_its_published_date(cli):
    path = CORPUS / "rules-of-origin-protocol-2015.yaml"
    assert load_file(path).instrument.entry_into_force.published.date.isoformat() == "2017-05-21"
    code, found = _lint_json(cli, path)
    assert [d for d in found if d["code"] == "C113"] == []


def test_a_published_date_the_events_do_not_reach_is_reported():
    inst = load_file(CORPUS / "rules-of-origin-protocol-2015.yaml").instrument
    parties = dict(inst.parties)
    parties.pop("RU")
    (finding,) = check(inst.model_copy(update={"parties": parties}))
    assert finding[0] == ("entry_into_force", "published", "date") and finding[1] == "C113"
    assert "2017-05-21" in finding[2] and "no date" in finding[2]


def test_the_rule_is_documented(cli):
    result = cli("rules")
    assert "C113" in result.stdout and "published-date" in result.stdout
