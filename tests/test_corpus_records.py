"""The complete depositary records of the corpus, reproduced by `cistreaty status` from the corpus files themselves.

Each test reads the published date (where the file records one) from the YAML file, runs the real CLI on the
real corpus, and checks the computed dates against it and against the deposits the source lists.
"""

import json

import yaml

from conftest import CORPUS

AS_OF = "2026-12-01"


def _file(name):
    return yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))


def _status(cli, name):
    result = cli("status", name, "--json", "--as-of", AS_OF, "--corpus", CORPUS)
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    return out, {p["party"]: p for p in out["parties"]}


def test_ashgabat_2019_customs_protocol_reproduces_the_published_date_same_day_rule(cli):
    data = _file("customs-formalities-protocol-2019")
    published = data["entry_into_force"]["published"]["date"].isoformat()
    assert published == "2020-01-13"
    assert data["record"] == {"basis": "depositary-record", "as_of": data["sources"]["garant-73447365"]["date"],
                              "source": "garant-73447365"}
    out, parties = _status(cli, "customs-formalities-protocol-2019")
    assert out["in_force"] is True
    assert out["entry_into_force"] == published
    # The third notification (KG) arrives on the published day: no period is added.
    deposits = {code: p["events"][0]["date"].isoformat() for code, p in data["parties"].items() if p.get("events")}
    assert deposits == {"RU": "2019-07-05", "BY": "2019-12-10", "KG": "2020-01-13"}
    assert {c: parties[c]["in_force_from"] for c in deposits} == {c: published for c in deposits}
    assert {c for c, p in parties.items() if p["status"] == "signed"} == {"AZ", "AM", "KZ", "TJ"}
    # The protocol amends a record of the corpus.
    assert data["amends"] == "customs-formalities-1999"
    assert (CORPUS / "customs-formalities-1999.yaml").exists()


def test_1997_mineral_resources_agreement_computes_its_general_date_without_recording_it(cli):
    data = _file("mineral-resources-1997")
    # The published line is cut in the source: the file must not claim a published date.
    assert "published" not in data["entry_into_force"]
    assert not any("published" in p for p in data["parties"].values())
    deposits = {code: p["events"][0]["date"].isoformat() for code, p in data["parties"].items() if p.get("events")}
    assert len(deposits) == 8
    out, parties = _status(cli, "mineral-resources-1997")
    assert out["entry_into_force"] == "1998-12-21"        # Russia's deposit, the third
    assert out["instruments_received"] == 8
    for code, deposited in deposits.items():
        # Same-day rule: a party is bound from its deposit, never before the general date.
        assert parties[code]["in_force_from"] == max(deposited, "1998-12-21"), code
    assert parties["GE"]["status"] == "signed" and parties["GE"]["in_force_from"] is None


def test_dushanbe_2015_rules_of_origin_protocol_reproduces_the_published_date(cli):
    data = _file("rules-of-origin-protocol-2015")
    published = data["entry_into_force"]["published"]["date"].isoformat()
    out, parties = _status(cli, "rules-of-origin-protocol-2015")
    assert out["entry_into_force"] == published == "2017-05-21"
    assert parties["RU"]["in_force_from"] == published


def test_every_published_date_of_the_corpus_is_cited_and_lint_is_clean(cli):
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pubs = [(data.get("entry_into_force") or {}).get("published")]
        pubs += [p.get("published") for p in (data.get("parties") or {}).values()]
        for pub in filter(None, pubs):
            assert pub.get("source") in data["sources"], path.name
        # Every file says what its party data rests on (issue 14 reads it).
        assert data["record"]["basis"] in ("depositary-record", "complete", "no-depositary-record"), path.name
    result = cli("lint", CORPUS)
    assert result.exit_code == 0, result.stdout


def test_published_dates_without_recorded_deposits_are_what_status_reports(cli):
    # Each date is read from the corpus file; status must report it as published (issue 14's rule).
    general = _file("unified-registration-2011")["entry_into_force"]["published"]["date"].isoformat()
    out, _ = _status(cli, "unified-registration-2011")
    assert (out["in_force"], out["entry_into_force"]) == (True, general) and general == "2013-01-02"
    for name, codes in (("road-carriers-protocol-2017", ["AM"]), ("cellular-1997", ["BY", "UA"])):
        data = _file(name)
        out, parties = _status(cli, name)
        for code in codes:
            published = data["parties"][code]["published"]["date"].isoformat()
            assert (parties[code]["status"], parties[code]["in_force_from"]) == ("in-force", published), name
        # No other party is said to be in force: the sources publish nothing else.
        assert sorted(c for c, p in parties.items() if p["in_force_from"]) == codes
