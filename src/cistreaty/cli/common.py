"""What every command shares: errors, the corpus option, dates on the command line.

Nothing heavy is imported here: `cistreaty --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

# The file being processed, named by the top-level guard if something unexpected happens.
CURRENT_FILE: Optional[str] = None

CorpusOption = typer.Option(
    None, "--corpus", metavar="DIR",
    help="Corpus folder. Default: $CISTREATY_CORPUS, else ./agreements, else the corpus shipped with cistreaty.",
    show_default=False,
)


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2 = usage error)."""
    typer.echo(f"cistreaty: error: {message}", err=True)
    raise typer.Exit(code)


def corpus_dir(explicit: Optional[Path]) -> Path:
    from ..corpus import CorpusError, find_corpus

    try:
        return find_corpus(explicit)
    except CorpusError as exc:
        fail(str(exc))


def load_corpus(explicit: Optional[Path]):
    from ..corpus import load_corpus as _load

    return _load(corpus_dir(explicit))


def parse_date(value: Optional[str], option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (use YYYY-MM-DD)")


def today():
    import datetime as dt

    return dt.date.today()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
