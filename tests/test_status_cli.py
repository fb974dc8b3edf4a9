"""`cistreaty status` as a user runs it: tables, --json contract, --explain, --assume, bad arguments."""

import json
import shutil

import pytest

from conftest import CORPUS, FIXTURES

STATUS_FIX = FIXTURES / "status"
# DESIGN's keys in its order, then the ones added since (keys are only ever added).
PARTY_KEYS = ["party", "status", "signed", "instrument", "in_force_from", "provisional_from",
              "withdrawal_effective", "explain", "signature_uncertain", "waiting_on", "footnotes"]
TOP_KEYS = ["id", "as_of", "in_force", "entry_into_force", "instruments_received", "instruments_needed",
            "record_as_of", "parties", "record_basis", "entry_into_force_basis", "footnotes"]
WIDE = {"COLUMNS": "200"}
WORDS = {"not-signed", "signed", "pending", "provisional", "in-force", "withdrawal-pending", "withdrawn",
         "expired", "unknown"}


def _one_error_line(result):
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cistreaty: error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_table_for_one_instrument(cli):
    result = cli("status", "rules-of-origin-protocol-2015", "--as-of", "2026-11-22", "--corpus", CORPUS, env=WIDE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "As of 2026-11-22: In force since 2017-05-21" in out
    assert "Russian Federation (RU)" in out and "notification 2017-04-21" in out
    assert out.count("in-force") == 3 and out.count("provisional") == 4
    assert "\x1b[" not in out  # not a terminal: no colour


def test_json_is_exactly_the_design_object(cli):
    result = cli("status", "rules-of-origin-protocol-2015", "--as-of", "2017-05-01", "--json", "--corpus", CORPUS)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == TOP_KEYS
    assert (data["id"], data["as_of"], data["in_force"], data["entry_into_force"]) == (
        "rules-of-origin-protocol-2015", "2017-05-01", False, "2017-05-21")
    assert isinstance(data["instruments_received"], int) and data["instruments_needed"] == 3
    for party in data["parties"]:
        assert list(party) == PARTY_KEYS and party["status"] in WORDS
        assert isinstance(party["explain"], list) and all(isinstance(x, str) for x in party["explain"])
        for key in ("signed", "in_force_from", "provisional_from", "withdrawal_effective"):
            assert party[key] is None or len(party[key]) == 10
    by = next(p for p in data["parties"] if p["party"] == "BY")
    assert by["instrument"] == {"type": "notification", "date": "2016-07-13", "source": "garant-71675672"}
    assert (by["status"], by["in_force_from"]) == ("provisional", "2017-05-21")
    # Deterministic: the same input gives the same bytes.
    again = cli("status", "rules-of-origin-protocol-2015", "--as-of", "2017-05-01", "--json", "--corpus", CORPUS)
    assert again.stdout == result.stdout


def test_heavy_machinery_json_matches_the_design_example_shape(cli):
    result = cli("status", "heavy-machinery", "--as-of", "2026-11-22", "--json", "--party", "KG", "--corpus", CORPUS)
    data = json.loads(result.stdout)
    # No depositary record was found: in_force is null (unknown), not false.
    assert (data["in_force"], data["entry_into_force"], data["instruments_needed"]) == (None, None, 3)
    assert (data["record_as_of"], data["record_basis"]) == (None, "no-depositary-record")
    (kg,) = data["parties"]
    assert (kg["party"], kg["status"], kg["signed"], kg["instrument"]) == ("KG", "signed", "2025-06-05", None)
    assert kg["signature_uncertain"] is True
    assert kg["waiting_on"] == "its own notification (none recorded; no depositary record found)"


def test_explain_shows_the_arithmetic(cli):
    result = cli("status", "cybercrime-convention", "--explain", "--corpus", STATUS_FIX)
    assert result.exit_code == 0
    assert "2004-03-18 + 3 months = 2004-06-18, then the first day of the next month = 2004-07-01" in result.stdout
    assert "Article 36" in result.stdout


def test_assume_three_notifications_brings_heavy_machinery_into_force(cli):
    args = ["status", "heavy-machinery", "--as-of", "2026-11-22", "--corpus", CORPUS,
            "--assume", "KZ:notification=2026-03-01", "--assume", "kg:notification=2026-03-05",
            "--assume", "TJ:notification=2026-04-10"]
    table = cli(*args, env=WIDE)
    assert table.exit_code == 0, table.stderr
    assert "In force since 2026-05-10" in table.stdout and "(assumed)" in table.stdout
    data = json.loads(cli(*args, "--json").stdout)
    assert data["entry_into_force"] == "2026-05-10" and data["in_force"] is True
    assert data["assumed"] == [{"party": "KZ", "type": "notification", "date": "2026-03-01"},
                               {"party": "KG", "type": "notification", "date": "2026-03-05"},
                               {"party": "TJ", "type": "notification", "date": "2026-04-10"}]
    tj = next(p for p in data["parties"] if p["party"] == "TJ")
    assert any("(assumed, --assume)" in line and "bound from the general date 2026-05-10" in line
               for line in tj["explain"])


def test_party_view_across_the_corpus(cli):
    result = cli("status", "--party", "KG", "--as-of", "2026-11-22", "--corpus", CORPUS, env=WIDE)
    assert result.exit_code == 0
    assert "Kyrgyzstan (KG)" in result.stdout
    assert "heavy-machinery" in result.stdout and "its own notification" in result.stdout
    data = json.loads(cli("status", "--party", "KG", "--json", "--as-of", "2026-11-22", "--corpus", CORPUS).stdout)
    assert all([p["party"] for p in obj["parties"]] == ["KG"] for obj in data)
    assert {obj["id"] for obj in data} >= {"heavy-machinery", "rules-of-origin-protocol-2015"}


def test_overview_without_id(cli):
    result = cli("status", "--as-of", "2026-11-22", "--corpus", CORPUS, env=WIDE)
    assert result.exit_code == 0
    assert "rules-of-origin-protocol-2015" in result.stdout and "2017-05-21" in result.stdout
    data = json.loads(cli("status", "--json", "--as-of", "2026-11-22", "--corpus", CORPUS).stdout)
    assert [obj["id"] for obj in data] == sorted(obj["id"] for obj in data)
    assert all(list(obj) == TOP_KEYS for obj in data)


@pytest.mark.parametrize("args, words", [
    (["heavy-machinery", "--as-of", "2026-02-30"], "--as-of: '2026-02-30' is not a date"),
    (["no-such-thing"], "no instrument with id 'no-such-thing'"),
    (["heavy-machinery", "--party", "XK"], "'XK' is not an ISO 3166-1 alpha-2"),
    (["heavy-machinery", "--party", "US"], "US is not a party to heavy-machinery"),
    (["--party", "US"], "US is a party to no instrument"),
    (["heavy-machinery", "--assume", "KZ-notification"], "expected CODE:TYPE=DATE"),
    (["heavy-machinery", "--assume", "KZ:domestic-act=2026-01-01"], "not an event type"),
    (["heavy-machinery", "--assume", "KZ:notification=2026-13-01"], "is not a date"),
    (["heavy-machinery", "--assume", "ZZ:notification=2026-01-01"], "'ZZ' is not an ISO"),
    (["--assume", "KZ:notification=2026-01-01"], "--assume needs an instrument ID"),
])
def test_bad_arguments_are_one_line_and_exit_2(cli, args, words):
    line = _one_error_line(cli("status", *args, "--corpus", CORPUS))
    assert words in line


def test_markup_in_a_file_is_shown_literally_and_broken_files_are_named(cli, tmp_path):
    corpus = tmp_path / "agreements"
    corpus.mkdir()
    shutil.copy(STATUS_FIX / "paris-agreement.yaml", corpus)
    text = (corpus / "paris-agreement.yaml").read_text()
    (corpus / "paris-agreement.yaml").write_text(text.replace("Paris Agreement (test fixture)", "[bold]Paris[/bold]"))
    (corpus / "broken.yaml").write_text("id: [unclosed\n")
    result = cli("status", "paris-agreement", "--as-of", "2020-01-01", "--corpus", corpus)
    assert result.exit_code == 0
    assert "[bold]Paris[/bold]" in result.stdout
    # `status ID` reads only ID.yaml (keystroke speed on a large corpus); the overview reads all
    # files and names the ones it had to leave out.
    assert result.stderr == ""
    overview = cli("status", "--as-of", "2020-01-01", "--corpus", corpus)
    assert overview.exit_code == 0
    assert overview.stderr.count("\n") == 1 and "broken.yaml" in overview.stderr and "warning" in overview.stderr
    line = _one_error_line(cli("status", "broken", "--corpus", corpus))
    # The first finding, positioned, so the user sees where the file breaks.
    assert "broken.yaml:2:1: Y001 YAML syntax error" in line and "(the file does not load)" in line


def test_colour_follows_the_terminal_and_no_color(cli):
    args = ["status", "rules-of-origin-protocol-2015", "--corpus", CORPUS]
    coloured = cli(*args, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "\x1b[32m" in coloured.stdout  # green for in-force
    plain = cli(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[32m" not in plain.stdout


def test_help_does_not_load_the_engine_or_the_models():
    import subprocess
    import sys

    code = ("import sys; from cistreaty.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['status', '--help']); "
            "print('cistreaty.models' in sys.modules, 'cistreaty.render.tables' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_no_clause_means_unknown_not_false(cli):
    # The corpus records no clause for the 2009 agreement: its status is unknown, not "not in force".
    import json

    result = cli("status", "rules-of-origin-2009", "--json", "--as-of", "2026-11-22")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["in_force"] is None
    table = cli("status", "--as-of", "2026-11-22", env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    row = next(line for line in table.splitlines() if line.startswith("rules-of-origin-2009 "))
    assert row.split("│")[2].strip() == "unknown"


def test_large_overview_prints_aligned_columns(cli, monkeypatch):
    # Large corpora get plain aligned columns (a boxed table of thousands of rows is slow to draw).
    from cistreaty.render import tables

    monkeypatch.setattr(tables, "LARGE_OVERVIEW", 1)
    # Wide enough for the columns; narrower, they become blocks (test_terminal_layout).
    result = cli("status", "--as-of", "2026-11-22", "--corpus", CORPUS, env={"NO_COLOR": "1", "COLUMNS": "400"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Status as of 2026-11-22"
    assert lines[1].split() == ["Instrument", "Type", "In", "force", "Since", "Parties", "in", "force", "Summary"]
    row = next(line for line in lines if line.startswith("rules-of-origin-protocol-2015 "))
    assert row.split()[:4] == ["rules-of-origin-protocol-2015", "protocol", "yes", "2017-05-21"]


@pytest.mark.parametrize("workers", [False, True])
@pytest.mark.parametrize("party", [None, "KG"])
def test_overview_json_is_the_dump_of_every_status(cli, monkeypatch, workers, party):
    """The overview's workers send each instrument's JSON text, not its status: the bytes printed
    are still exactly json_text of the list of status objects, computed here in one process."""
    import datetime as dt

    from cistreaty.engine.status import compute_status
    from cistreaty.io import corpus as corpus_mod
    from cistreaty.io.corpus import load_corpus
    from cistreaty.textsafe import json_text

    if workers:
        monkeypatch.setattr(corpus_mod, "PARALLEL_THRESHOLD", 1)
    result = cli("status", "--json", "--as-of", "2026-11-22", "--corpus", CORPUS, *(["--party", party] if party else []))
    assert result.exit_code == 0, result.output
    expected = []
    loaded = load_corpus(CORPUS, jobs=1)
    for ident in sorted(loaded.instruments):
        inst = loaded.instruments[ident]
        if party and party not in inst.parties:
            continue
        res = compute_status(inst, dt.date(2026, 11, 22))
        if party:
            res.parties = [p for p in res.parties if p.party == party]
        expected.append(res.to_json())
    assert expected and result.stdout == json_text(expected, indent=2) + "\n"


def test_three_instruments_the_same_day_all_count(cli):
    result = cli("status", "heavy-machinery", "--explain", "--assume", "KZ:notification=2026-03-01",
                 "--assume", "TJ:notification=2026-03-01", "--assume", "AM:notification=2026-03-01")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "both count" not in text and "(received the same day, all 3 count)" in text, text
