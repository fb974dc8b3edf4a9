"""The "Status" section of a rendered instrument: what it shows, decided once for md, html, txt and json.

A per-party table (signature, the instrument that counts with its type and date, in force from,
withdrawal), then the full texts of the reservations, declarations, objections, territorial
applications and designations under each party, numbered as `cistreaty status` numbers them (the UN
Treaty Collection's way). The format modules only lay it out; how wide and how styled is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import countries
from ..textsafe import printable
from . import summary

# Column headings, in order (md, html and txt use the same words).
COLUMNS = ("Party", "Signature", "Instrument", "In force from", "Withdrawal", "Status")

@dataclass(frozen=True)
class Note:
    number: int
    heading: str  # "Reservation, 2020-02-01 (source s)"
    texts: tuple[tuple[str, str], ...]  # (language, words), every language the source gives
    remark: str | None = None  # the file's `note` on the event


@dataclass(frozen=True)
class Row:
    party: str  # "Ukraine (UA)"
    code: str
    cells: tuple[str, ...]  # the COLUMNS after Party
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Section:
    as_of: str
    headline: str
    record: str | None
    rows: tuple[Row, ...]

    @property
    def notes(self) -> tuple[tuple[Row, Note], ...]:
        return tuple((row, note) for row in self.rows for note in row.notes)


def _iso(d) -> str:
    return d.isoformat() if d is not None else "—"


def _instrument(p) -> str:
    if not p.instrument:
        return "—"
    return f"{p.instrument['type'].replace('-', ' ')} {p.instrument['date']}"


def _signature(p) -> str:
    if p.signed is None:
        return "not established" if p.signature_uncertain else "—"
    return p.signed.isoformat() + (" (not established)" if p.signature_uncertain else "")


def _note(f: dict) -> Note:
    what = f["type"].replace("-", " ").capitalize()
    if f["against"]:
        what += f" to the reservation of {countries.name(f['against'])} ({f['against']})"
    if f["territory"]:
        what += f" ({printable(f['territory'], newlines=False)})"
    if f["date"]:
        what += f", {f['date']}"
    if f["source"]:
        what += f" (source {f['source']})"
    texts = tuple((lang, printable(text)) for lang, text in sorted((f["text"] or {}).items()))
    return Note(f["number"], what, texts, printable(f["note"]) if f["note"] else None)


def build(status) -> Section | None:
    if status is None:
        return None
    by_number = {f["number"]: f for f in status.footnotes}
    rows = []
    for p in status.parties:
        cells = (_signature(p), _instrument(p), _iso(p.in_force_from), _iso(p.withdrawal_effective), p.status)
        notes = tuple(_note(by_number[n]) for n in p.footnotes)
        rows.append(Row(f"{countries.name(p.party)} ({p.party})", p.party, cells, notes))
    return Section(status.as_of.isoformat(), summary.headline(status), summary.record_note(status), tuple(rows))


def to_json(section: Section | None) -> dict | None:
    if section is None:
        return None
    return {
        "as_of": section.as_of, "summary": section.headline, "record": section.record,
        "columns": list(COLUMNS),
        "rows": [{"party": r.code, "cells": [r.party, *r.cells],
                  "notes": [{"number": n.number, "heading": n.heading, "text": dict(n.texts), "note": n.remark}
                            for n in r.notes]}
                 for r in section.rows],
    }


# The layouts. Each format module calls one of these with its own escaping; they live here so that the
# section's content stays in one place (the page's styling and widths are the format modules').

def markdown(section: Section | None, level: int, anchor: str, escape) -> list[str]:
    """Blocks of CommonMark (GFM table): heading, status line, table, then the notes under each party."""
    if section is None:
        return []
    h = "#" * level
    out = [f"{h} {anchor}Status", escape(f"As of {section.as_of}: {section.headline}", " ")]
    if section.record:
        out.append("*" + escape(section.record, " ") + "*")
    if not section.rows:
        out.append("No parties recorded.")
        return out
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    for row in section.rows:
        marks = f" {','.join(str(n.number) for n in row.notes)}" if row.notes else ""
        cells = [escape(row.party + marks, " "), *(escape(c, " ") for c in row.cells)]
        lines.append("| " + " | ".join(cells) + " |")
    out.append("\n".join(lines))
    current = None
    for row, note in section.notes:
        if row is not current:
            out.append(f"{h}# {escape(row.party, ' ')}")
            current = row
        out.append(f"{note.number}\\. **{escape(note.heading, ' ')}**")
        out += [f"> \\[{lang}\\] {escape(text, ' ')}" for lang, text in note.texts] or ["> (text not recorded)"]
        if note.remark:
            out.append("Note: " + escape(note.remark, " "))
    return out


def text(section: Section | None, wrap, underline, width: int = 80) -> list[str]:
    """Blocks of plain text: `wrap(text, indent, hanging)` and `underline(text, char)` are text.py's."""
    if section is None:
        return []
    out = [underline("Status", "-"), wrap(f"As of {section.as_of}: {section.headline}")]
    if section.record:
        out.append(wrap(section.record))
    if not section.rows:
        out.append("No parties recorded.")
        return out
    header = COLUMNS
    cells = [[r.party + (f" {','.join(str(n.number) for n in r.notes)}" if r.notes else ""), *r.cells]
             for r in section.rows]
    widths = [max(len(x) for x in col) for col in zip(header, *cells)]
    if sum(widths) + 2 * (len(widths) - 1) <= width:
        table = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
        table.append("  ".join("-" * w for w in widths))
        table += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        out.append("\n".join(table))
    else:  # too wide for the page: one block per party, the same cells labelled
        out += ["\n".join([wrap(row[0])] + [wrap(f"{h}: {c}", "  ", "    ") for h, c in zip(header[1:], row[1:])])
                for row in cells]
    current = None
    for row, note in section.notes:
        if row is not current:
            out.append(row.party)
            current = row
        block = [wrap(f"{note.number}. {note.heading}", "  ", "     ")]
        block += [wrap(f"[{lang}] {words}", "     ", "     ") for lang, words in note.texts] or [
            wrap("(text not recorded)", "     ")]
        if note.remark:
            block.append(wrap(f"Note: {note.remark}", "     ", "     "))
        out.append("\n".join(block))
    return out


def html(section: Section | None, level: int, prefix: str, esc, attrs) -> str:
    """One <section>: `esc` escapes text, `attrs(lang)` gives lang/dir attributes (html.py's)."""
    if section is None:
        return ""
    out = ['<section class="status" lang="en" dir="ltr">', f'<h{level} id="{prefix}status">Status</h{level}>',
           f"<p>{esc(f'As of {section.as_of}: {section.headline}')}</p>"]
    if section.record:
        out.append(f'<p class="notice">{esc(section.record)}</p>')
    if not section.rows:
        out.append("<p>No parties recorded.</p>")
    else:
        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in COLUMNS)
        body = []
        for row in section.rows:
            marks = "".join(f' <a href="#{prefix}status-note-{n.number}"><sup>{n.number}</sup></a>' for n in row.notes)
            cells = "".join(f"<td>{esc(c)}</td>" for c in row.cells)
            body.append(f'<tr><th scope="row">{esc(row.party)}{marks}</th>{cells}</tr>')
        out.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>")
    current = None
    for row, note in section.notes:
        if row is not current:
            if current is not None:
                out.append("</dl>")
            out.append(f"<h{level + 1}>{esc(row.party)}</h{level + 1}>\n<dl>")
            current = row
        out.append(f'<dt id="{prefix}status-note-{note.number}">{note.number}. {esc(note.heading)}</dt>')
        out += [f"<dd{attrs(lang)}>{esc(words)}</dd>" for lang, words in note.texts] or ["<dd>(text not recorded)</dd>"]
        if note.remark:
            out.append(f'<dd class="note">Note: {esc(note.remark)}</dd>')
    if current is not None:
        out.append("</dl>")
    out.append("</section>")
    return "\n".join(out)
