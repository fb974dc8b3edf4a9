"""C113: recorded published dates are checked against the computation, with positions."""

import datetime as dt
import json

from conftest import CORPUS, FIXTURES

from cistreaty.lint.rules import Context
from cistreaty.lint.rules.published import check
from cistreaty.io.loader import load_file
from cistreaty.engine.status import compute_status
from cistreaty.models import Record

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


def test_a_published_date_a_complete_record_does_not_reach_is_reported():
    inst = load_file(CORPUS / "rules-of-origin-protocol-2015.yaml").instrument
    parties = dict(inst.parties)
    parties.pop("RU")
    complete = Record(basis="complete")
    (finding,) = check(inst.model_copy(update={"parties": parties, "record": complete}), Context(inst.id, lambda _id: None))
    assert finding[0] == ("entry_into_force", "published", "date") and finding[1] == "C113"
    assert "2017-05-21" in finding[2] and "no date" in finding[2]


def test_a_published_date_stands_where_the_deposits_are_not_all_recorded():
    inst = load_file(CORPUS / "rules-of-origin-protocol-2015.yaml").instrument
    parties = dict(inst.parties)
    parties.pop("RU")
    partial = Record(basis="depositary-record", as_of=dt.date(2017, 5, 16), source="garant-71675672")
    inst = inst.model_copy(update={"parties": parties, "record": partial})
    assert list(check(inst, Context(inst.id, lambda _id: None))) == []
    res = compute_status(inst, dt.date(2018, 1, 1))
    assert (res.in_force, res.entry_into_force, res.entry_into_force_basis) == (True, dt.date(2017, 5, 21), "published")
    assert any("published by the depositary: in force from 2017-05-21 (source" in x for x in res.explain)


def test_the_rule_is_documented(cli):
    result = cli("rules")
    assert "C113" in result.stdout and "published-date" in result.stdout
