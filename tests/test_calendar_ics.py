"""`calendar --ics` read back by two independent parsers: icalendar and ics-py (PyPI `ics`).

One UID per event, the same across runs and --as-of, different between two events (also two
designations of authorities by one party on one day); DTSTAMP from SOURCE_DATE_EPOCH, else the time
the file is made; the calendar's name (X-WR-CALNAME, RFC 7986 NAME) and titles with instrument
titles; no calendar written when there is no event (RFC 5545 requires a component).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

CAL = Path(__file__).parent / "fixtures" / "ecosystem" / "calendar"
AS_OF = "2030-03-01"
EPOCH = "1893456000"  # 2030-01-01T00:00:00Z


@pytest.fixture
def corpus(tmp_path):
    """The calendar fixtures, with a second designation of authorities by KG on the same day."""
    folder = tmp_path / "calendar"
    shutil.copytree(CAL, folder)
    pact = folder / "fictional-pact.yaml"
    text = pact.read_text()
    line = "      - {type: authority, date: 2030-02-25}\n"
    assert line in text
    pact.write_text(text.replace(line, line + line))
    return folder


def _ics(cli, corpus, *args, env=None):
    result = cli("calendar", "--corpus", corpus, "--ics", *args, env={"SOURCE_DATE_EPOCH": EPOCH} if env is None else env)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def _icalendar_events(data):
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    return cal, cal.walk("VEVENT")


def _ics_py_events(data):
    import ics

    return sorted(ics.Calendar(data.decode("utf-8")).events, key=lambda e: (e.begin, e.uid))


def test_both_parsers_read_every_event_with_its_own_uid(cli, corpus):
    data = _ics(cli, corpus, "--as-of", AS_OF)
    cal, events = _icalendar_events(data)
    uids = [str(e["UID"]) for e in events]
    assert len(events) == 10 and len(set(uids)) == 10, uids  # the two deadlines of 2030-03-27 too
    deadlines = [e for e in events if "deadline" in str(e["SUMMARY"])]
    assert len(deadlines) == 2 and deadlines[0]["UID"] != deadlines[1]["UID"]
    second = _ics_py_events(data)
    assert len(second) == 10 and {e.uid for e in second} == set(uids)  # ics-py drops none


def test_uids_stay_the_same_across_runs_and_as_of(cli, corpus):
    first = _icalendar_events(_ics(cli, corpus, "--as-of", AS_OF))[1]
    later = _icalendar_events(_ics(cli, corpus, "--as-of", "2030-03-20"))[1]
    by_uid = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in first}
    assert later and all(by_uid[str(e["UID"])] == (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in later)
    assert _ics(cli, corpus, "--as-of", AS_OF) == _ics(cli, corpus, "--as-of", AS_OF)  # same bytes


def test_dtstamp_follows_source_date_epoch(cli, corpus):
    _, events = _icalendar_events(_ics(cli, corpus, "--as-of", AS_OF))
    assert {e.decoded("DTSTAMP") for e in events} == {dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)}
    # ics-py keeps DTSTAMP as `created` (an arrow time).
    assert {e.created.datetime for e in _ics_py_events(_ics(cli, corpus, "--as-of", AS_OF))} == {
        dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)}


def test_dtstamp_is_when_the_file_is_made_without_source_date_epoch(cli, corpus, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    _, events = _icalendar_events(_ics(cli, corpus, "--as-of", AS_OF, env={}))
    after = dt.datetime.now(dt.timezone.utc)
    assert all(before <= e.decoded("DTSTAMP") <= after for e in events)  # not --as-of at midnight


def test_bad_source_date_epoch_is_a_usage_error(cli, corpus):
    result = cli("calendar", "--corpus", corpus, "--ics", "--as-of", AS_OF, env={"SOURCE_DATE_EPOCH": "soon"})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr and not result.stdout


def test_names_and_titles(cli, corpus):
    cal, events = _icalendar_events(_ics(cli, corpus, "--as-of", AS_OF, "--party", "KG"))
    assert str(cal["X-WR-CALNAME"]) == str(cal["NAME"]) == "CIS agreements: coming dates for KG"
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Fictional Pact for calendar tests (not a real instrument) (KG): provisional application" in summaries
    assert all("(fictional-" in str(e["DESCRIPTION"]) for e in events)  # the id stays findable
    assert all(e.name.startswith("Fictional") for e in _ics_py_events(_ics(cli, corpus, "--as-of", AS_OF)))


def test_an_empty_calendar_writes_nothing(cli, corpus):
    result = cli("calendar", "--corpus", corpus, "--ics", "--as-of", "2050-01-01", "--days", "1")
    assert result.exit_code == 0
    assert result.stdout_bytes == b""
    assert "No dates from 2050-01-01 to 2050-01-02: no calendar written." in result.stderr


def test_a_what_if_calendar_never_replaces_the_real_events(cli):
    # Same instrument, kind and date with and without --assume: importing the what-if file into a
    # calendar that holds the real one must add events, not overwrite them (UIDs differ).
    from cistreaty.engine.calendar import Entry
    from cistreaty.render.ics import uids

    real = Entry(dt.date(2026, 4, 2), "heavy-machinery", None, "entry-into-force", "why")
    what_if = Entry(dt.date(2026, 4, 2), "heavy-machinery", None, "entry-into-force", "why", assumed=True)
    assert uids([real]) != uids([what_if])
    result = cli("calendar", "heavy-machinery", "--as-of", "2026-01-01", "--ics", "--assume", "KZ:notification=2026-03-01",
                 "--assume", "TJ:notification=2026-03-02", "--assume", "AM:notification=2026-03-03",
                 env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.stderr
    cal, events = _icalendar_events(result.stdout_bytes)
    assert "what-if" in str(cal["X-WR-CALNAME"])
    assumed = [e for e in events if "entry into force" in str(e["SUMMARY"])]
    assert assumed and all(str(e["SUMMARY"]).endswith("(what-if)") for e in assumed)
