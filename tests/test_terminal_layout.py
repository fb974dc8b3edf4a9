"""Terminal layout that degrades, never loses (issue 15.1): at 60, 80, 120 and 200 columns every party
name, id and ISO date is printed whole, no line is wider than the terminal, empty columns are left out,
and a table too wide for the terminal becomes stacked "label: value" blocks."""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import CORPUS, EXAMPLE, FIXTURES, ROOT

from cistreaty import countries

WIDTHS = (60, 80, 120, 200)
AS_OF = "2026-11-22"
CAL = FIXTURES / "ecosystem" / "calendar"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def run(cli, width, *args):
    result = cli(*args, env={"NO_COLOR": "1", "COLUMNS": str(width), "FORCE_COLOR": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_fits(text, width):
    for line in text.splitlines():
        assert len(line) <= width, f"{len(line)} > {width}: {line!r}"
    assert "…" not in text  # nothing cut with an ellipsis


def whole(text, needle):
    """needle appears unbroken on one line."""
    return any(needle in line for line in text.splitlines())


def dates_in(obj):
    return set(DATE.findall(json.dumps(obj)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ident", ["heavy-machinery", "rules-of-origin-protocol-2015"])
def test_one_instrument_keeps_names_and_dates_whole(cli, width, ident):
    out = run(cli, width, "status", ident, "--as-of", AS_OF)
    assert_fits(out, width)
    doc = json.loads(run(cli, width, "status", ident, "--as-of", AS_OF, "--json"))
    for p in doc["parties"]:
        assert whole(out, f"{countries.name(p['party'])} ({p['party']})"), p["party"]
        for key in ("signed", "in_force_from", "provisional_from"):
            if p.get(key):
                assert whole(out, p[key]), (p["party"], key, p[key])


@pytest.mark.parametrize("width", WIDTHS)
def test_empty_columns_are_left_out(cli, width):
    # heavy-machinery records no instrument, entry into force or withdrawal for anyone.
    out = run(cli, width, "status", "heavy-machinery", "--as-of", AS_OF)
    assert "Party" in out or "Armenia (AM)\n" in out
    for header in ("Instrument", "In force from", "Provisional from", "Withdrawal"):
        assert not re.search(rf"(^|┃ |  ){header}( ┃|:|$)", out, re.M), header


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_keeps_every_id_whole(cli, width):
    out = run(cli, width, "status", "--as-of", AS_OF)
    assert_fits(out, width)
    for row in json.loads(run(cli, width, "status", "--as-of", AS_OF, "--json")):
        assert whole(out, row["id"]), row["id"]
        if row.get("entry_into_force"):
            assert whole(out, row["entry_into_force"])


@pytest.mark.parametrize("width", WIDTHS)
def test_a_large_overview_fits_too(cli, width, monkeypatch):
    """Above LARGE_OVERVIEW rows the overview is plain columns (rich tables are slow to draw); when
    those are wider than the terminal, the rows become blocks like a narrow table's."""
    from cistreaty.render import tables

    monkeypatch.setattr(tables, "LARGE_OVERVIEW", 2)
    out = run(cli, width, "status", "--as-of", AS_OF)
    assert "┃" not in out
    assert_fits(out, width)
    for row in json.loads(run(cli, width, "status", "--as-of", AS_OF, "--json")):
        assert whole(out, row["id"]), row["id"]


def test_overview_stacks_below_the_width_a_table_needs_and_is_a_table_above(cli):
    narrow = run(cli, 60, "status", "--as-of", AS_OF)
    assert "┃" not in narrow and "\n  Parties in force: " in narrow
    wide = run(cli, 200, "status", "--as-of", AS_OF)
    assert "┃" in wide and "  Parties in force: " not in wide


@pytest.mark.parametrize("width", WIDTHS)
def test_party_view_keeps_ids_and_dates_whole(cli, width):
    out = run(cli, width, "status", "--party", "KG", "--as-of", AS_OF)
    assert_fits(out, width)
    rows = json.loads(run(cli, width, "status", "--party", "KG", "--as-of", AS_OF, "--json"))
    assert rows
    for row in rows:
        assert whole(out, row["id"])
        for p in row["parties"]:
            if p.get("in_force_from"):
                assert whole(out, p["in_force_from"])
    assert "Instrume\n" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_calendar_keeps_dates_whole_and_wraps_the_why(cli, width):
    out = run(cli, width, "calendar", "--corpus", CAL, "--as-of", "2030-03-01")
    assert_fits(out, width)
    doc = json.loads(run(cli, width, "calendar", "--corpus", CAL, "--as-of", "2030-03-01", "--json"))
    assert doc["entries"]
    for e in doc["entries"]:
        assert whole(out, e["date"]) and whole(out, e["instrument"])
    # The explanation wraps between words: every word of it is on some line whole.
    for word in doc["entries"][0]["explanation"].split():
        assert whole(out, word), word
    # Not 4 characters of "Why" per line: far fewer lines than one per word.
    assert len(out.splitlines()) <= 10 * len(doc["entries"])


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_list_fits(cli, width):
    out = run(cli, width, "rules")
    assert_fits(out, width)
    from cistreaty.lint.registry import RULES

    for rule in RULES.values():
        assert whole(out, rule.code) and whole(out, rule.name)


@pytest.mark.parametrize("width", WIDTHS)
def test_diff_wraps_at_words_under_columns(cli, width):
    result = cli("diff", EXAMPLE, "--corpus", CORPUS, env={"NO_COLOR": "1", "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, width)
    assert whole(result.stdout, "{+depositary+}")


@pytest.mark.parametrize("width", (60, 80))
def test_same_text_with_no_color_piped_and_columns(width):
    """A real pipe: $COLUMNS gives the width, NO_COLOR or not the text is the same, with no escape codes."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    cmd = [sys.executable, "-m", "cistreaty", "status", "rules-of-origin-protocol-2015", "--as-of", AS_OF]
    plain = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**env, "COLUMNS": str(width)})
    nocolor = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT,
                             env={**env, "COLUMNS": str(width), "NO_COLOR": "1"})
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == nocolor.stdout
    assert "\x1b[" not in plain.stdout
    assert_fits(plain.stdout, width)


def test_lint_summary_fits_60_columns(cli, tmp_path):
    result = cli("lint", FIXTURES / "rules" / "fail" / "c104-party-code.yaml",
                 env={"NO_COLOR": "1", "COLUMNS": "60"})
    assert result.exit_code == 1
    assert_fits(result.stderr, 60)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_large_plain_overview_is_the_bytes_rich_draws(cli, width, monkeypatch):
    """Without a terminal the large overview is written as one string (tables._plain_columns):
    byte for byte what rich draws from a Text per cell, at every width, stacked or not."""
    from cistreaty.render import tables

    monkeypatch.setattr(tables, "LARGE_OVERVIEW", 2)
    fast = run(cli, width, "status", "--as-of", AS_OF)
    monkeypatch.setattr(tables, "_plain_columns", lambda *args: False)
    assert run(cli, width, "status", "--as-of", AS_OF) == fast


def test_the_plain_overview_keeps_rich_s_bytes_for_awkward_cells():
    """Wide characters, escaped controls, bidi marks, dates to come, unknown and trailing spaces are
    drawn as rich draws them; a tab or a line break in a cell, styles shown, or a table wider than
    the console leave the drawing to rich."""
    import datetime
    import io

    from rich.console import Console

    from cistreaty.render import tables

    as_of = datetime.date(2026, 1, 1)
    rows = [("a-\u4e2d\u6587", "agreement", True, datetime.date(2025, 1, 2), "2 of 3", "in force \u202e x  "),
            ("b\x07", "protocol", None, None, "0 of 0", "unknown\x1b[31m"),
            ("c", "agreement", False, datetime.date(2027, 5, 1), "0 of 2", "пока нет \U0001F600")] * 3

    def draw(width, **kw):
        buf = io.StringIO()
        console = Console(file=buf, highlight=False, width=width, emoji=False, **kw)
        return console, buf

    for width in (40, 120):
        console, buf = draw(width)
        drawn = tables._plain_columns(console, "T", tables._OVERVIEW_COLUMNS, tables._plain_overview(rows, as_of))
        assert drawn is (width == 120)
        console, ref = draw(width)
        cells = [(tables._text(i), tables._text(k), tables._in_force_cell(f), tables._date(s, as_of),
                  tables._text(b), tables._text(line, style="dim")) for i, k, f, s, b, line in rows]
        tables._columns(console, "T", tables._OVERVIEW_COLUMNS, cells)
        if drawn:
            assert buf.getvalue() == ref.getvalue()
            assert "\\x07" in buf.getvalue() and "\x07" not in buf.getvalue()
        else:
            assert buf.getvalue() == ""
    for awkward in ("a\tb", "a\nb"):
        console, buf = draw(120)
        bad = [rows[0][:5] + (awkward,)] + rows
        assert tables._plain_columns(console, "T", tables._OVERVIEW_COLUMNS, tables._plain_overview(bad, as_of)) is False
        assert buf.getvalue() == ""
    console, buf = draw(120, force_terminal=True, color_system="standard")
    assert tables._plain_columns(console, "T", tables._OVERVIEW_COLUMNS, tables._plain_overview(rows, as_of)) is False
