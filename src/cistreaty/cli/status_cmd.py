"""`cistreaty status`: entry into force computed from the clause, for an instrument, the corpus or a party."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import typer

from . import common

# Events a what-if can add: those the engine reads. Domestic acts and declarations change nothing.
ASSUMABLE = ("signature", "notification", "ratification", "acceptance", "approval", "accession",
             "succession", "provisional-application", "withdrawal")
_ASSUME = re.compile(r"^([A-Za-z]{2}):([a-z-]+)=(.+)$")


def _parse_assume(values: list[str]) -> list[tuple[str, object]]:
    import datetime as dt

    from .. import countries
    from ..models import Event

    out = []
    for value in values:
        m = _ASSUME.match(value.strip())
        if not m:
            common.fail(f"--assume {value!r}: expected CODE:TYPE=DATE, e.g. KZ:notification=2026-03-01")
        code, kind, when = m.group(1).upper(), m.group(2), m.group(3)
        if not countries.is_valid(code):
            common.fail(f"--assume {value!r}: {code!r} is not an ISO 3166-1 alpha-2 country code")
        if kind not in ASSUMABLE:
            common.fail(f"--assume {value!r}: {kind!r} is not an event type the computation uses "
                        f"({', '.join(ASSUMABLE)})")
        try:
            day = dt.date.fromisoformat(when)
        except ValueError:
            common.fail(f"--assume {value!r}: {when!r} is not a date (use YYYY-MM-DD)")
        out.append((code, Event(type=kind, date=day)))
    return out


def _party_code(value: str) -> str:
    from .. import countries

    code = value.strip().upper()
    if not countries.is_valid(code):
        common.fail(f"--party: {value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _console():
    # The root --color option lives in common when that module offers it; rich's own reading of
    # NO_COLOR/FORCE_COLOR otherwise.
    shared = getattr(common, "make_console", None)
    if shared is not None:
        return shared()
    from ..render.tables import make_console

    return make_console()


def _print_json(obj) -> None:
    from ..textsafe import json_text

    typer.echo(json_text(obj, indent=2))


def status(
    ident: Optional[str] = typer.Argument(
        None, metavar="ID", help="Instrument id. Without it: one row per instrument.", show_default=False,
        autocompletion=common.complete_ids),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="DATE", help="Compute as known on this date (YYYY-MM-DD). Default: today.",
        show_default=False),
    party: Optional[str] = typer.Option(
        None, "--party", metavar="CODE", autocompletion=common.complete_party,
        help="Only this party (ISO 3166-1 alpha-2); without ID: its view "
        "across the corpus.", show_default=False),
    explain: bool = typer.Option(False, "--explain", help="Show how every date was computed, quoting the "
                                 "clause's words where the file holds its article."),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="text|json", help="Output format. Default: text.", show_default=False),
    json_out: bool = typer.Option(False, "--json", help="Short for --format json (keys in docs/status.md)."),
    assume: Optional[List[str]] = typer.Option(
        None, "--assume", metavar="CODE:TYPE=DATE",
        help="What-if: add an event, e.g. KZ:notification=2026-03-01. Repeatable; needs ID.",
        show_default=False),
    corpus: Optional[Path] = common.CorpusOption,
    color: Optional[str] = common.ColorOption,
) -> None:
    """Entry into force computed from the clause: generally, per party, with the reasoning."""
    json_out = common.choose_format(fmt, ("text", "json"), "text", json=json_out) == "json"
    when = common.parse_date(as_of, "--as-of") or common.today()
    code = _party_code(party) if party is not None else None
    if assume and ident is None:
        common.fail("--assume needs an instrument ID")
    assumed = _parse_assume(list(assume or []))
    root = common.corpus_dir(corpus)
    if ident is not None:
        _one(root, ident, when, code, explain, json_out, assumed)
    elif code is not None:
        _party_across(root, code, when, explain, json_out)
    else:
        _all(root, when, json_out)


@dataclass(frozen=True)
class _Row:
    """What the overview shows of an instrument: computed in the worker that parsed it."""

    id: str
    type: str
    entry_into_force: object  # the clause (small), or None


def _overview_row(inst, as_of):
    from ..engine.status import compute_status

    return _Row(inst.id, inst.type, inst.entry_into_force), compute_status(inst, as_of)


def _printed_row(inst, as_of, json_out):
    """(id, what the overview prints of it): a JSON text or the table row, never the status object
    (4.5 KB pickled and ~23 KB resident per instrument, where a row needs a few dozen bytes)."""
    row, res = _overview_row(inst, as_of)
    if json_out:
        return row.id, _json_item(res.to_json())
    from ..render.tables import overview_row

    return row.id, overview_row(row, res)


def _json_item(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2)


def _print_json_items(items: list[str]) -> None:
    """The bytes json_text(list, indent=2) prints, from items each dumped with indent=2."""
    from ..textsafe import safe_output

    if not items:
        _print_json([])
        return
    body = ",\n".join("  " + item.replace("\n", "\n  ") for item in items)
    typer.echo(safe_output("[\n" + body + "\n]", "json"))


def _party_row(inst, code, as_of):
    if code not in inst.parties:
        return None
    row, res = _overview_row(inst, as_of)
    return row, res, res.party(code)


def _map(root, func, ident=lambda row: row[0].id):
    from ..io.corpus import first_of_each, map_corpus

    results, broken = map_corpus(root, func)
    first, _later = first_of_each([row for _display, row in results], key=ident)
    common.warn_broken(broken)
    return sorted(first.values(), key=ident)


def _one(root, ident, when, code, explain, json_out, assumed) -> None:
    from ..io.corpus import load_one

    found = load_one(root, ident)
    if found is not None:
        inst, display = found
    else:  # not in ID.yaml: look through the whole corpus, for the id or a clear error
        loaded = common.load_corpus(root)
        inst = loaded.get(ident)
        if inst is None:
            common.fail_unknown_id(loaded, ident)
        common.warn_broken(loaded.broken)
        display = loaded.paths.get(ident)
    from ..engine.status import compute_status

    _check_assumed(inst, assumed)
    _warn_findings(inst, root, display)
    common.CURRENT_FILE = display
    res = compute_status(inst, when, assumed)
    common.CURRENT_FILE = None
    if explain:
        from ..engine.clause_quotes import add_quotes

        add_quotes(inst, res)
    if code is not None:
        if res.party(code) is None:
            known = ", ".join(p.party for p in res.parties) or "none recorded"
            common.fail(f"--party: {code} is not a party to {ident} (parties: {known})")
        res.parties = [p for p in res.parties if p.party == code]
    if json_out:
        _print_json(res.to_json())
        return
    from ..render.tables import instrument_view

    instrument_view(_console(), inst, res, explain=explain)


def _check_assumed(inst, assumed) -> None:
    """An assumed instrument dated before the party signed is not a what-if, it is a mistake."""
    signed_by = {}
    for code, party in inst.parties.items():
        dates = [party.signed] if party.signed else [e.date for e in party.events if e.type == "signature" and e.date]
        signed_by[code] = min(dates) if dates else None
    for code, ev in assumed:
        if ev.type == "signature":
            signed_by[code] = min(d for d in (signed_by.get(code), ev.date) if d is not None)
    for code, ev in assumed:
        if ev.type in ("signature", "accession", "succession"):
            continue
        signed = signed_by.get(code)
        if signed is not None and ev.date < signed:
            common.fail(f"--assume {code}:{ev.type}={ev.date}: dated before {code} signed on {signed}")


def _warn_findings(inst, root, display) -> None:
    """The findings lint reports on what the party data means (C131-C136), named on stderr with their
    positions: the status still prints, computed as the engine reads the data."""
    from ..lint.rules import consent, notes, record

    findings = [f for module in (record, consent, notes) for f in module.check(inst)
                if f[1] not in record.CORPUS_ONLY]
    if not findings:
        return
    import sys

    from ..io.loader import load_file
    from ..io.positions import place

    path = Path(display) if display else None
    positions = load_file(path).positions if path is not None and path.is_file() else None
    for d in place(findings, display, positions):
        print(f"cistreaty: warning: {d.path}:{d.line}:{d.col}: {d.code} {d.message} (see `cistreaty lint`)",
              file=sys.stderr)


def _party_json(inst, code, as_of):
    """(id, the JSON text `status --party --json` prints for it), computed in the worker."""
    found = _party_row(inst, code, as_of)
    if found is None:
        return None
    row, res, _p = found
    res.parties = [p for p in res.parties if p.party == code]
    return row.id, _json_item(res.to_json())


def _party_across(root, code, when, explain, json_out) -> None:
    from functools import partial

    if json_out and not explain:
        items = _map(root, partial(_party_json, code=code, as_of=when), ident=lambda row: row[0])
        if not items:
            common.fail(f"--party: {code} is a party to no instrument in the corpus {root}")
        _print_json_items([item for _, item in items])
        return
    rows = _map(root, partial(_party_row, code=code, as_of=when))
    if not rows:
        common.fail(f"--party: {code} is a party to no instrument in the corpus {root}")
    if explain:
        from ..engine.clause_quotes import add_quotes

        for inst, res, _p in rows:
            add_quotes(inst, res)
    if json_out:
        out = []
        for _, res, _p in rows:
            res.parties = [p for p in res.parties if p.party == code]
            out.append(res.to_json())
        _print_json(out)
        return
    from ..render.tables import party_view

    party_view(_console(), code, rows, when, explain=explain)


def _all(root, when, json_out) -> None:
    from functools import partial

    rows = _map(root, partial(_printed_row, as_of=when, json_out=json_out), ident=lambda row: row[0])
    if json_out:
        _print_json_items([item for _, item in rows])
        return
    from ..render.tables import overview

    overview(_console(), [row for _, row in rows], when)
