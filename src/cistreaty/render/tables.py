"""Tables for `cistreaty status`: one instrument by party, the corpus by instrument, one party's view.

Everything that comes from a YAML file (titles, acts, condition texts inside explanations) goes into
rich `Text` objects, never into markup, so that `[bold]` in a file is printed as written.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text

from ..textsafe import printable
from .layout import Column, grid, stacked, wrap
from .summary import headline, record_note

from .. import countries

STYLES = {
    "not-signed": "dim",
    "signed": "yellow",
    "pending": "cyan",
    "provisional": "magenta",
    "in-force": "green",
    "withdrawal-pending": "red",
    "withdrawn": "bright_black",
    "expired": "bright_black",
    "unknown": "dim",
}


def _text(value: str, style: str = "") -> Text:
    # Everything shown comes from YAML files anyone can edit: no control character reaches the terminal.
    return Text(printable(value), style=style)


def make_console() -> Console:
    # Without a terminal rich assumes 80 columns, which wraps a seven-column table badly.
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 120)
    return Console(file=sys.stdout, highlight=False, width=width, emoji=False)


def _title(inst) -> str:
    title = inst.short_title or inst.title
    return title.get("en") or next(iter(title.values()))


def _date(d, as_of, mark: str = "") -> Text:
    if d is None:
        return _text("—", style="dim")
    text = _text(d.isoformat() + mark)
    if d > as_of:
        text.append(" (coming)", style="italic")
    return text


def _status(word: str) -> Text:
    return _text(word, style=STYLES.get(word, ""))


def _received(p) -> str | None:
    return f"{p.instrument['type']} {p.instrument['date']}" if p.instrument else None


def _received_cell(received: str | None, assumed: bool) -> Text:
    if received is None:
        return _text("—", style="dim")
    text = _text(received)
    if assumed:
        text.append(" (assumed)", style="bold")
    return text


def _instrument_cell(p) -> Text:
    return _received_cell(_received(p), p.instrument_assumed)


def summary(res, inst=None) -> str:
    """The one status line (render.summary.headline), for tables."""
    return headline(res)


def _say(console: Console, text: Text, indent: int = 0) -> None:
    # Free text wraps at word boundaries, within the terminal, whatever its source.
    console.print(wrap(text, console.width, indent), soft_wrap=True)


def _say_whole(console: Console, text: Text, indent: int = 0) -> None:
    """An explanation line: wrapped to a terminal or to $COLUMNS; piped without $COLUMNS it stays one
    line, as it is copied into notes and mails and searched with grep."""
    if sys.stdout.isatty() or (os.environ.get("COLUMNS") or "").isdigit():
        _say(console, text, indent)
    else:
        console.print(text, soft_wrap=True)


def instrument_view(console: Console, inst, res, explain: bool = False) -> None:
    head = _text(f"{inst.id}", style="bold")
    head.append(printable(f" — {_title(inst)}", newlines=False))
    _say(console, head)
    _say(console, _text(f"As of {res.as_of}: {summary(res, inst)}"))
    note = record_note(res)
    if note:
        _say(console, _text(note, style="italic"))
    if res.explain:
        _say(console, _text(res.explain[0], style="dim"))
    if res.assumed:
        what = ", ".join(f"{code}:{ev.type}={ev.date}" for code, ev in res.assumed)
        _say(console, _text(f"Assuming (what-if, not recorded): {what}", style="bold"))
    columns = [Column(name) for name in ("Party", "Signed", "Instrument", "Status", "In force from",
                                         "Provisional from", "Withdrawal")]
    rows = [[
        _party_cell(p),
        _signed_cell(p, res.as_of),
        _instrument_cell(p),
        _status(p.status),
        _date(p.in_force_from, res.as_of),
        _date(p.provisional_from, res.as_of),
        _date(p.withdrawal_effective, res.as_of),
    ] for p in res.parties]
    if res.parties:
        for item in grid(columns, rows, console.width):
            console.print(item, soft_wrap=isinstance(item, Text))
    else:
        console.print(_text("No parties recorded.", style="dim"))
    if any(p.signature_uncertain for p in res.parties):
        console.print(_text("? signature not established by the sources", style="dim"))
    footnotes(console, res)
    if explain:
        _explain(console, res)


def _signed_cell(p, as_of) -> Text:
    if p.signed is None and p.signature_uncertain:
        return _text("?", style="dim")  # not "—": whether it signed is not known
    return _date(p.signed, as_of, "?" if p.signature_uncertain else "")


def _party_cell(p) -> Text:
    text = _text(f"{countries.name(p.party)} ({p.party})")
    if p.footnotes:
        text.append(" " + ",".join(str(n) for n in p.footnotes), style="bold")
    return text


def footnote_lines(res) -> list[tuple[str, list[str]]]:
    """(heading, text lines) per footnote: the UNTC's declarations and reservations under the table."""
    out = []
    for f in res.footnotes:
        what = f["type"].replace("-", " ")
        if f["against"]:
            what += f" to the reservation of {countries.name(f['against'])} ({f['against']})"
        if f["territory"]:
            what += f", territory: {f['territory']}"
        bits = [f"{f['number']}. {countries.name(f['party'])} ({f['party']}), {what}"]
        if f["date"]:
            bits.append(f["date"])
        if f["source"]:
            bits.append(f"source {f['source']}")
        lines = [f"[{lang}] {text}" for lang, text in sorted((f["text"] or {}).items())]
        if f["note"]:
            lines.append(f"Note: {f['note']}")
        if not lines:
            lines.append("(text not recorded)")
        out.append((", ".join(bits), lines))
    return out


def footnotes(console: Console, res) -> None:
    entries = footnote_lines(res)
    if not entries:
        return
    console.print()
    console.print(_text("Declarations, reservations, objections and other notes", style="bold"))
    for heading, lines in entries:
        _say(console, _text(heading), 3)
        for line in lines:
            _say(console, _text(f"   {line}"), 3)


def _explain(console: Console, res) -> None:
    console.print()
    console.print(_text("Why", style="bold"))
    for line in res.explain:
        _say_whole(console, _text(f"  {line}"), 4)
    for p in res.parties:
        _say(console, _text(f"{countries.name(p.party)} ({p.party}): {p.status}", style="bold"))
        for line in p.explain:
            _say_whole(console, _text(f"  {line}"), 4)


def _in_force_cell(in_force: bool | None) -> Text:
    if in_force is None:
        return _text("unknown", style="dim")
    return _text("yes", style="green") if in_force else _text("no", style="yellow")


# Above this many rows the overview is printed as plain aligned columns: rich's table measures
# and wraps every cell, and took longer to draw 10,000 rows than computing them (measured).
LARGE_OVERVIEW = 500
_OVERVIEW_COLUMNS = ("Instrument", "Type", "In force", "Since", "Parties in force", "Summary")


def overview_row(inst, res) -> tuple:
    """What the overview prints of one instrument, as plain values: computed in the worker that
    parsed the file, so that only these few bytes per instrument cross to the main process."""
    bound = sum(1 for p in res.parties if p.status in ("in-force", "withdrawal-pending") and p.in_force_from)
    return (inst.id, inst.type, res.in_force, res.entry_into_force, f"{bound} of {len(res.parties)}",
            summary(res, inst))


def overview(console: Console, rows, as_of) -> None:
    """rows: overview_row() of each instrument of the corpus, in the order shown."""
    cells = []
    for ident, kind, in_force, since, bound, line in rows:
        cells.append((
            _text(ident),
            _text(kind),
            _in_force_cell(in_force),
            _date(since, as_of),
            _text(bound),
            _text(line, style="dim"),
        ))
    title = f"Status as of {as_of}"
    if len(cells) > LARGE_OVERVIEW:
        _columns(console, title, _OVERVIEW_COLUMNS, cells)
        return
    columns = [Column(name) for name in _OVERVIEW_COLUMNS[:-1]] + [Column("Summary", free=True)]
    for item in grid(columns, [list(row) for row in cells], console.width, title=title):
        console.print(item, soft_wrap=isinstance(item, Text))


def _columns(console: Console, title: str, headers, cells) -> None:
    widths = [max([len(h)] + [c[i].cell_len for c in cells]) for i, h in enumerate(headers)]
    if sum(widths) + 2 * (len(widths) - 1) > console.width:
        # Too wide for the terminal: label: value blocks, as a narrow table does (names stay whole).
        console.print(Text(title, style="italic"))
        for item in stacked([Column(h) for h in headers], [list(row) for row in cells], console.width):
            console.print(item, soft_wrap=True)
        return
    out = Text(title + "\n", style="italic")
    out.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n", style="bold")
    for row in cells:
        for i, cell in enumerate(row):
            out.append_text(cell)
            if i < len(row) - 1:
                out.append(" " * (widths[i] - cell.cell_len + 2))
        out.append("\n")
    console.print(out, soft_wrap=True, end="")


def party_row(inst, res, p, explain: bool = False) -> tuple:
    """What `status --party` prints of one instrument, as plain values, computed in the worker that
    parsed the file: (id, status, instrument received or None, assumed, no instrument, in force from,
    status line, waiting on, the explanation's lines when `explain`)."""
    return (inst.id, p.status, _received(p), bool(p.instrument_assumed), p.instrument is None, p.in_force_from,
            summary(res, inst), p.waiting_on or "", tuple(p.explain) if explain else ())


def party_view(console: Console, code: str, rows, as_of, explain: bool = False) -> None:
    """rows: party_row() of every instrument that names the party, in the order shown."""
    _say(console, _text(f"{countries.name(code)} ({code}) as of {as_of}", style="bold"))
    columns = [Column("Instrument"), Column("Status"), Column("Instrument received"), Column("In force from"),
               Column("General", free=True), Column("Waiting on", free=True)]
    cells = [[
        _text(ident),
        _status(status),
        _received_cell(received, assumed),
        _date(in_force_from, as_of),
        _text(line, style="dim"),
        _text(waiting, style="bold" if no_instrument else ""),
    ] for ident, status, received, assumed, no_instrument, in_force_from, line, waiting, _lines in rows]
    for item in grid(columns, cells, console.width):
        console.print(item, soft_wrap=isinstance(item, Text))
    if explain:
        for ident, status, *_rest, lines in rows:
            _say(console, _text(f"{ident}: {status}", style="bold"))
            for line in lines:
                _say_whole(console, _text(f"  {line}"), 4)


def calendar_table(entries, when, days: int, code: str | None, start=None, width: int = 120) -> list:
    """The coming dates fit to `width` (a table, or stacked blocks), or one line when there are none;
    with `start`, a past range."""
    scope = f" for {code}" if code else ""
    if not entries:
        return [Text(f"No dates{scope} from {start or when} to {when.fromordinal(when.toordinal() + days)}.")]
    title = (f"Dates{scope} from {start} to {when}, as known on {when}" if start
             else f"Coming dates{scope}, {when} + {days} days")
    columns = [Column("Date"), Column("Instrument"), Column("Party"), Column("What"), Column("Why", free=True)]
    # Text, never markup: "[bold red]" in a file is shown as written.
    rows = [[_text(x) for x in (e.date.isoformat(), e.instrument, e.party or "all", e.kind, e.explanation)]
            for e in entries]
    return grid(columns, rows, width, title=Text(title))
