"""`cistreaty status`: entry into force computed from the clause, for an instrument, the corpus or a party."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional

import typer

from . import common, shell

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
    no_cache: bool = common.NoAnswerCacheOption,
) -> None:
    """Entry into force computed from the clause: generally, per party, with the reasoning."""
    json_out = common.choose_format(fmt, ("text", "json"), "text", json=json_out) == "json"
    when = common.parse_date(as_of, "--as-of") or common.today()
    code = _party_code(party) if party is not None else None
    if assume and ident is None:
        common.fail("--assume needs an instrument ID")
    if explain and ident is None and party is None:
        common.fail("--explain needs an instrument ID or --party: the overview has no dates to explain")
    assumed = _parse_assume(list(assume or []))
    root = common.corpus_dir(corpus)
    if ident is not None:
        _one(root, ident, when, code, explain, json_out, assumed)
        return
    from . import status_corpus  # only the corpus views need it

    if code is not None:
        status_corpus.party_across(root, code, when, explain, json_out)
    else:
        status_corpus.overview(root, when, json_out)


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
    shell.CURRENT_FILE = display
    res = compute_status(inst, when, assumed)
    shell.CURRENT_FILE = None
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
    """An assumed instrument dated before the party signed, or by a state that is no party and is not
    assumed to join, is not a what-if, it is a mistake."""
    signed_by = {}
    for code, party in inst.parties.items():
        dates = [party.signed] if party.signed else [e.date for e in party.events if e.type == "signature" and e.date]
        signed_by[code] = min(dates) if dates else None
    for code, ev in assumed:
        if ev.type == "signature":
            signed_by[code] = min(d for d in (signed_by.get(code), ev.date) if d is not None)
    joining = ("signature", "accession", "succession")
    joined = set(inst.parties) | {code for code, ev in assumed if ev.type in joining}
    for code, ev in assumed:
        if ev.type in joining:
            continue
        if code not in joined:
            # A typo (US for UZ) would otherwise bring the agreement into force for a state not in it.
            common.fail(f"--assume {code}:{ev.type}={ev.date}: {code} is not a party of {inst.id} "
                        f"(the file lists {', '.join(sorted(inst.parties)) or 'none'}): assume how it joins "
                        f"too, e.g. --assume {code}:accession=DATE")
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
