"""`cistreaty calendar`: the coming dates of the corpus as a table, JSON or an iCalendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import common


def date_max_ordinal() -> int:
    import datetime as dt

    return dt.date.max.toordinal()


def calendar(
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="DATE", help="Start from this date (YYYY-MM-DD). Default: today.",
        show_default=False),
    days: int = typer.Option(
        365, "--days", metavar="N", help="Horizon: how many days after --as-of to show (0 to 36500)."),
    party: Optional[str] = typer.Option(
        None, "--party", metavar="CODE", autocompletion=common.complete_party,
        help="Only this party's dates (ISO 3166-1 alpha-2), with those of its instruments as a whole.",
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

    when = common.parse_date(as_of, "--as-of") or common.today()
    if not 0 <= days <= 36500:
        common.fail(f"--days: {days} is not between 0 and 36500")
    # The horizon stops at the calendar's end (an all-day event also needs the day after).
    days = min(days, date_max_ordinal() - 1 - when.toordinal())
    if days < 0:
        common.fail(f"--as-of: {when} leaves no day before the end of the calendar")
    chosen = common.choose_format(fmt, ("table", "json", "ics"), "table", json=json_out, ics=ics)
    json_out, ics = chosen == "json", chosen == "ics"
    code = None
    if party is not None:
        code = party.strip().upper()
        if not countries.is_valid(code):
            common.fail(f"--party: {party!r} is not an ISO 3166-1 alpha-2 country code")
    loaded = common.load_corpus(_corpus(corpus))
    common.warn_broken(loaded.broken)
    instruments = [loaded.instruments[i] for i in sorted(loaded.instruments)]
    entries = coming(instruments, when, days, code)
    until = when.toordinal() + days
    if json_out:
        import datetime as dt

        from ..textsafe import json_text

        doc = {"as_of": when.isoformat(), "until": dt.date.fromordinal(until).isoformat(), "party": code,
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
        sys.stdout.buffer.write(to_ics(entries, _stamp(), titles, calendar_name(code)))
        sys.stdout.flush()
    else:
        from ..render.tables import calendar_table

        common.print_safe(common.make_console(), calendar_table(entries, when, days, code))


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
