"""`cistreaty calendar`: the coming dates of the corpus as a table, JSON or an iCalendar file."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import common


def date_max_ordinal() -> int:
    import datetime as dt

    return dt.date.max.toordinal()


def calendar(
    ident: Optional[str] = typer.Argument(
        None, metavar="ID", help="Only this instrument. Needed with --assume.", show_default=False,
        autocompletion=common.complete_ids),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="DATE", help="Start from this date (YYYY-MM-DD). Default: today.",
        show_default=False),
    days: Optional[int] = typer.Option(
        None, "--days", metavar="N", help="Horizon: how many days after --as-of to show (0 to 36500). "
                                          "Default: 365.", show_default=False),
    since: Optional[str] = typer.Option(
        None, "--from", metavar="DATE", help="A past range instead: the dates from DATE to --to, as known "
        "on --to (e.g. --from 2017-01-01 --to 2017-12-31).", show_default=False),
    to: Optional[str] = typer.Option(
        None, "--to", metavar="DATE", help="The end of the --from range (YYYY-MM-DD), included.",
        show_default=False),
    party: Optional[str] = typer.Option(
        None, "--party", metavar="CODE", autocompletion=common.complete_party,
        help="Only this party's dates (ISO 3166-1 alpha-2), with those of its instruments as a whole.",
        show_default=False),
    assume: Optional[List[str]] = typer.Option(
        None, "--assume", metavar="CODE:TYPE=DATE",
        help="What-if, as in `status`: add an event, e.g. KZ:notification=2026-03-01. Repeatable; needs ID.",
        show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="table|json|ics",
        help="Output format: a table, JSON (keys in docs/ecosystem.md) or an iCalendar file with one "
             "all-day event per entry. Default: table.", show_default=False),
    json_out: bool = typer.Option(False, "--json", help="Short for --format json."),
    ics: bool = typer.Option(False, "--ics", help="Short for --format ics."),
    corpus: Optional[Path] = common.CorpusOption,
    color: Optional[str] = common.ColorOption,
) -> None:
    """Coming dates: entries into force, provisional application, withdrawals, expiry, renewal, deadlines."""
    from .. import countries
    from ..engine.calendar import coming
    from .status_cmd import _check_assumed, _parse_assume

    start, when, days = _window(since, to, as_of, days)
    if assume and ident is None:
        common.fail("--assume needs an instrument ID")
    assumed = _parse_assume(list(assume or []))
    chosen = common.choose_format(fmt, ("table", "json", "ics"), "table", json=json_out, ics=ics)
    json_out, ics = chosen == "json", chosen == "ics"
    code = None
    if party is not None:
        code = party.strip().upper()
        if not countries.is_valid(code):
            common.fail(f"--party: {party!r} is not an ISO 3166-1 alpha-2 country code")
    loaded = common.load_corpus(_corpus(corpus))
    common.warn_broken(loaded.broken)
    if ident is not None:
        inst = loaded.get(ident)
        if inst is None:
            common.fail_unknown_id(loaded, ident)
        _check_assumed(inst, assumed)
        instruments = [inst]
    else:
        instruments = [loaded.instruments[i] for i in sorted(loaded.instruments)]
    entries = coming(instruments, when, days, code, since=start, assumed={ident: assumed} if assumed else None)
    until = when.toordinal() + days
    if json_out:
        import datetime as dt

        from ..textsafe import json_text

        doc = {"as_of": when.isoformat(), "until": dt.date.fromordinal(until).isoformat(), "party": code,
               "from": start.isoformat() if start else None, "instrument": ident,
               "assumed": [{"party": c, "type": e.type, "date": e.date.isoformat()} for c, e in assumed],
               "entries": [e.to_json() for e in entries]}
        typer.echo(json_text(doc, indent=2, sort_keys=True))
    elif ics:
        import sys

        from ..render.ics import calendar_name, to_ics

        if not entries:
            # RFC 5545 (3.6) requires a component: an empty calendar is no valid file, so nothing
            # is written, with exit 0 as for the table's "No dates".
            scope = f" for {code}" if code else ""
            typer.echo(f"No dates{scope} from {when} to {when.fromordinal(until)}: no calendar written.", err=True)
            return
        titles = {i.id: _title(i) for i in instruments}
        sys.stdout.buffer.write(to_ics(entries, _stamp(), titles, calendar_name(code, what_if=bool(assumed))))
        sys.stdout.flush()
    else:
        from ..render.tables import calendar_table

        console = common.make_console()
        common.print_safe(console, *calendar_table(entries, when, days, code, start, console.width))


def _window(since, to, as_of, days):
    """(start or None, the date the dates are known on, horizon days) from --from/--to or --as-of/--days."""
    start = common.parse_date(since, "--from")
    end = common.parse_date(to, "--to")
    if (start is None) != (end is None):
        common.fail("--from and --to go together: give both, or neither")
    if start is not None:
        if as_of is not None:
            common.fail("--from/--to and --as-of: choose one (a range is known as of its --to date)")
        if days is not None:
            common.fail("--from/--to and --days: choose one (the range is the horizon)")
        if end < start:
            common.fail(f"--to {end} is before --from {start}")
        return start, end, 0
    days = 365 if days is None else days
    when = common.parse_date(as_of, "--as-of") or common.today()
    if not 0 <= days <= 36500:
        common.fail(f"--days: {days} is not between 0 and 36500")
    # The horizon stops at the calendar's end (an all-day event also needs the day after).
    days = min(days, date_max_ordinal() - 1 - when.toordinal())
    if days < 0:
        common.fail(f"--as-of: {when} leaves no day before the end of the calendar")
    return None, when, days


def _corpus(explicit: Optional[Path]) -> Optional[Path]:
    import os

    from ..lint.config import ConfigError, load
    from ..io.corpus import ENV_VAR

    if explicit is not None or os.environ.get(ENV_VAR):
        return explicit
    try:
        return load().corpus
    except ConfigError as exc:
        common.fail(str(exc))


def _title(inst) -> str:
    title = inst.short_title or inst.title
    return title.get("en") or next(iter(title.values()))


def _stamp():
    """DTSTAMP: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else now."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            common.fail(f"SOURCE_DATE_EPOCH: {epoch!r} is not a number of seconds since 1970")
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
