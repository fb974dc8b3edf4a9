"""`cistreaty calendar` on fictional fixtures (no real instrument has dates coming)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from cistreaty.engine.calendar import coming
from cistreaty.io.loader import load_file

CAL = Path(__file__).parent / "fixtures" / "ecosystem" / "calendar"
AS_OF = "2030-03-01"


def _instruments():
    return [load_file(p).instrument for p in sorted(CAL.glob("*.yaml"))]


def _rows(entries):
    return [(e.date.isoformat(), e.instrument, e.party, e.kind) for e in entries]


def test_every_kind_from_the_fixtures():
    rows = _rows(coming(_instruments(), dt.date(2030, 3, 1), 365))
    assert rows == [
        ("2030-03-16", "fictional-pact", "KG", "provisional-application"),
        ("2030-03-16", "fictional-pact", "KZ", "provisional-application"),
        ("2030-03-16", "fictional-pact", "TJ", "provisional-application"),
        ("2030-03-20", "fictional-old-convention", "BY", "withdrawal-effective"),
        ("2030-03-22", "fictional-pact", None, "entry-into-force"),
        ("2030-03-22", "fictional-pact", "KG", "entry-into-force"),
        ("2030-03-22", "fictional-pact", "KZ", "entry-into-force"),
        ("2030-03-27", "fictional-pact", "KG", "deadline"),
        ("2030-04-01", "fictional-old-convention", None, "expiry"),
    ]


def test_explanations_come_from_the_engine_and_the_clause():
    entries = {(_e.kind, _e.party): _e.explanation for _e in coming(_instruments(), dt.date(2030, 3, 1))}
    assert entries[("entry-into-force", None)].endswith("Article 9: 2030-02-20 + 30 days = 2030-03-22")
    assert entries[("deadline", "KG")] == ("Article 5: changes of authorized bodies are notified to the depositary "
                                           "within 30 days: authority event of 2030-02-25 + 30 days = 2030-03-27")


def test_events_after_as_of_are_unknown_then():
    # TJ's notification of 2030-04-01 counts only once that date is reached.
    before = _rows(coming(_instruments(), dt.date(2030, 3, 1)))
    after = _rows(coming(_instruments(), dt.date(2030, 4, 2)))
    assert not any(r[2] == "TJ" and r[3] == "entry-into-force" for r in before)
    assert ("2030-05-01", "fictional-pact", "TJ", "entry-into-force") in after


def test_horizon_is_inclusive_and_renewals_repeat():
    assert _rows(coming(_instruments(), dt.date(2030, 3, 1), 15))[-1][0] == "2030-03-16"
    assert coming(_instruments(), dt.date(2030, 3, 1), 14) == []
    long = [r for r in _rows(coming(_instruments(), dt.date(2030, 3, 1), 365 * 11)) if r[3] == "renewal"]
    assert long == [("2035-03-22", "fictional-pact", None, "renewal"),
                    ("2040-03-22", "fictional-pact", None, "renewal")]


def test_party_filter_keeps_its_rows_and_its_instruments_general_ones():
    rows = _rows(coming(_instruments(), dt.date(2030, 3, 1), party="BY"))
    assert rows == [("2030-03-20", "fictional-old-convention", "BY", "withdrawal-effective"),
                    ("2030-04-01", "fictional-old-convention", None, "expiry")]


def test_the_real_corpus_has_no_invented_deadlines():
    # heavy-machinery has the Article 5 clause but no `authority` event: nothing to derive.
    from cistreaty.io.corpus import load_corpus

    corpus = load_corpus(Path(__file__).resolve().parent.parent / "agreements")
    entries = coming(list(corpus.instruments.values()), dt.date(2026, 1, 1), 3650)
    assert not [e for e in entries if e.kind == "deadline"]


def test_cli_json_is_sorted_and_stable(cli):
    result = cli("calendar", "--corpus", CAL, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    # Sorted keys; "assumed", "from" and "instrument" were added for --assume, --from and ID (issue 14).
    assert list(doc) == ["as_of", "assumed", "entries", "from", "instrument", "party", "until"]
    assert doc["as_of"] == AS_OF and doc["until"] == "2031-03-01"
    assert all(list(e) == ["assumed", "date", "explanation", "instrument", "kind", "party", "record_as_of"]
               for e in doc["entries"])
    assert result.stdout == cli("calendar", "--corpus", CAL, "--as-of", AS_OF, "--json").stdout


def test_cli_table(cli):
    result = cli("calendar", "--corpus", CAL, "--as-of", AS_OF, "--party", "kg")
    assert result.exit_code == 0
    assert "2030-03-27" in result.stdout and "deadline" in result.stdout and "BY" not in result.stdout
    empty = cli("calendar", "--corpus", CAL, "--as-of", "2050-01-01", "--days", "1")
    assert empty.exit_code == 0 and "No dates from 2050-01-01 to 2050-01-02" in empty.stdout


def test_cli_ics_parses_back(cli):
    icalendar = pytest.importorskip("icalendar")
    result = cli("calendar", "--corpus", CAL, "--as-of", AS_OF, "--ics", env={"SOURCE_DATE_EPOCH": "1898553600"})
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(result.stdout_bytes)
    events = cal.walk("VEVENT")
    assert len(events) == 9
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 9
    first = events[0]
    assert first.decoded("DTSTART") == dt.date(2030, 3, 16)  # all-day: a date, not a datetime
    assert first.decoded("DTSTAMP") == dt.datetime(2030, 3, 1, tzinfo=dt.timezone.utc)
    assert str(first["SUMMARY"]) == "Fictional Pact for calendar tests (not a real instrument) (KG): provisional application"
    deadline = next(e for e in events if "deadline" in str(e["SUMMARY"]))
    assert "within 30 days" in str(deadline["DESCRIPTION"])
    again = cli("calendar", "--corpus", CAL, "--as-of", AS_OF, "--ics", env={"SOURCE_DATE_EPOCH": "1898553600"})
    assert again.stdout_bytes == result.stdout_bytes  # byte-deterministic


@pytest.mark.parametrize("args,needle", [
    (("--json", "--ics"), "--json and --ics: choose one"),
    (("--party", "XX"), "--party: 'XX' is not an ISO 3166-1 alpha-2 country code"),
    (("--as-of", "2030-02-30"), "--as-of: '2030-02-30' is not a date"),
])
def test_cli_usage_errors(cli, args, needle):
    result = cli("calendar", "--corpus", CAL, *args)
    assert result.exit_code == 2 and needle in result.stderr and "Traceback" not in result.stderr


def test_authorities_clause_as_data_sets_the_deadline():
    # heavy-machinery records Article 5 as data: changes of authorized bodies within 30 days.
    # A what-if authority event (not in the corpus) must give its deadline from that clause.
    from cistreaty.models import Event

    base = load_file(Path(__file__).parent.parent / "agreements" / "heavy-machinery.yaml").instrument
    assert base.authorities.article == "5" and base.authorities.notify_changes.days == 30
    kg = base.parties["KG"]
    party = kg.model_copy(update={"events": [*kg.events, Event(type="authority", date=dt.date(2026, 1, 31))]})
    inst = base.model_copy(update={"parties": {**base.parties, "KG": party}})
    deadlines = [e for e in coming([inst], dt.date(2026, 2, 1), 60) if e.kind == "deadline"]
    assert [(e.date.isoformat(), e.party) for e in deadlines] == [("2026-03-02", "KG")]
    assert "Article 5" in deadlines[0].explanation and "2026-01-31 + 30 days = 2026-03-02" in deadlines[0].explanation
    months = base.model_copy(update={"parties": {**base.parties, "KG": party}, "authorities":
                                     base.authorities.model_copy(update={"notify_changes": base.authorities.notify_changes.model_copy(update={"days": 0, "months": 1})})})
    monthly = [e for e in coming([months], dt.date(2026, 2, 1), 60) if e.kind == "deadline"]
    assert [e.date.isoformat() for e in monthly] == ["2026-02-28"]  # 31 January + 1 month, clamped


@pytest.mark.parametrize("args,message", [
    (("--days", "-5"), "--days: -5 is not between 0 and 36500"),
    (("--as-of", "9999-12-31"), "leaves no day before the end of the calendar"),
])
def test_calendar_bounds_are_one_line_usage_errors(cli, args, message):
    result = cli("calendar", *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_calendar_horizon_stops_at_the_end_of_the_calendar(cli):
    result = cli("calendar", "--as-of", "9999-12-01", "--days", "100", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["until"] == "9999-12-30"
