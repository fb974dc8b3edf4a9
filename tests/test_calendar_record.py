"""Issue 14: `calendar` asks what `status` asks — --assume, a past range, and the same limits in its words."""

import json

from conftest import CORPUS

ASSUME = ["--assume", "KZ:notification=2026-03-01", "--assume", "KG:notification=2026-03-05",
          "--assume", "TJ:notification=2026-04-10"]


def _json(cli, *args):
    result = cli("calendar", *args, "--json", "--corpus", CORPUS)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_what_happened_in_2017(cli):
    doc = _json(cli, "--from", "2017-01-01", "--to", "2017-12-31")
    assert (doc["from"], doc["as_of"], doc["until"]) == ("2017-01-01", "2017-12-31", "2017-12-31")
    general = [e for e in doc["entries"] if e["instrument"] == "rules-of-origin-protocol-2015" and e["party"] is None]
    (eif,) = general
    assert (eif["date"], eif["kind"], eif["record_as_of"], eif["assumed"]) == (
        "2017-05-21", "entry-into-force", "2017-05-16", False)
    # Asked after the record ends, the entry says what `status` says.
    assert eif["explanation"].endswith("; as recorded on 2017-05-16, later events are not recorded")
    assert all("2017-01-01" <= e["date"] <= "2017-12-31" for e in doc["entries"])


def test_assume_works_as_in_status(cli):
    doc = _json(cli, "heavy-machinery", "--as-of", "2026-02-01", "--days", "120", *ASSUME)
    general = next(e for e in doc["entries"] if e["party"] is None)
    assert (general["date"], general["assumed"]) == ("2026-05-10", True)
    assert "(assumed, --assume)" in general["explanation"]
    assert doc["assumed"][0] == {"party": "KZ", "type": "notification", "date": "2026-03-01"}
    status = json.loads(cli("status", "heavy-machinery", "--as-of", "2026-02-01", "--json", "--corpus", CORPUS,
                            *ASSUME).stdout)
    assert status["entry_into_force"] == general["date"]  # the calendar and status cannot disagree
    # A party whose signature the sources do not establish is said to be so.
    kg = next(e for e in doc["entries"] if e["party"] == "KG")
    assert "whether it signed is not established" in kg["explanation"]


def test_calendar_usage_errors(cli):
    for args, message in (
        (["--assume", "KZ:notification=2026-03-01"], "--assume needs an instrument ID"),
        (["--from", "2017-01-01"], "--from and --to go together"),
        (["--from", "2017-02-01", "--to", "2017-01-01"], "is before --from"),
        (["--from", "2017-01-01", "--to", "2017-12-31", "--as-of", "2017-01-01"], "choose one"),
        (["heavy-machinery", "--assume", "KZ:notification=2025-01-01"], "dated before KZ signed"),
        (["no-such-instrument"], "no-such-instrument"),
    ):
        result = cli("calendar", *args, "--corpus", CORPUS)
        assert result.exit_code == 2, (args, result.stdout)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_past_range_table_says_as_known_on(cli):
    result = cli("calendar", "--from", "2017-01-01", "--to", "2017-12-31", "--corpus", CORPUS, env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "Dates from 2017-01-01 to 2017-12-31, as known on 2017-12-31" in result.stdout
