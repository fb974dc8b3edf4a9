"""What every command shares: errors, the corpus option, dates on the command line.

Nothing heavy is imported here: `cistreaty --help` must stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from .shell import corpus_dir, fail  # noqa: F401 - every command's usage errors

CorpusOption = typer.Option(
    None, "--corpus", metavar="DIR",
    help="Corpus folder. Default: $CISTREATY_CORPUS, else ./agreements, else the corpus shipped with cistreaty.",
    show_default=False,
)


def load_corpus(explicit: Optional[Path]):
    from ..io.corpus import load_corpus as _load

    return _load(corpus_dir(explicit))


def parse_date(value: Optional[str], option: str):
    import datetime as dt

    import re

    if value is None:
        return None
    try:
        # fromisoformat also takes 20260101 and 2026-W01-1: the help promises YYYY-MM-DD only.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (use YYYY-MM-DD)")


def today():
    import datetime as dt

    return dt.date.today()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


# --color of the root command; "auto" defers to NO_COLOR, FORCE_COLOR, then the terminal.
COLOR_CHOICES = ("auto", "always", "never")
COLOR = "auto"


def set_color(value: Optional[str]) -> None:
    global COLOR
    # Reset on every run: tests and embedders invoke the app many times in one process.
    COLOR = "auto"
    if value is not None and value not in COLOR_CHOICES:
        fail(f"--color: {value!r} is not one of {', '.join(COLOR_CHOICES)}")
    COLOR = value or "auto"


def color_enabled(stream=None) -> bool:
    """--color, then NO_COLOR, then FORCE_COLOR (non-empty values, as no-color.org says), then a tty."""
    import os

    if COLOR != "auto":
        return COLOR == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def make_console(stderr: bool = False):
    """A rich Console that follows the colour decision above, rather than rich's own reading of the environment."""
    from rich.console import Console

    import os

    stream = sys.stderr if stderr else sys.stdout
    # Without a terminal rich assumes 80 columns, which wraps wide tables badly: $COLUMNS, else 120.
    columns = os.environ.get("COLUMNS", "")
    width = None if stream.isatty() else (int(columns) if columns.isdigit() and int(columns) > 0 else 120)
    options = {"file": stream, "width": width, "highlight": False, "emoji": False}
    if not color_enabled(stream):
        # Not force_terminal=False: that would also drop the terminal's width for tables.
        return Console(no_color=True, color_system=None, **options)
    console = Console(force_terminal=True, no_color=False, **options)
    if console.color_system is None:  # TERM=dumb or unknown: colour was asked for, give the basic 8
        console = Console(force_terminal=True, no_color=False, color_system="standard", **options)
    return console


def print_safe(console, *renderables) -> None:
    """Print rich renderables through the one output boundary (textsafe.safe_output): the data in
    them was escaped by `printable`; this keeps any line of the result from reading as a CI command."""
    from ..textsafe import safe_output

    with console.capture() as captured:
        for item in renderables:
            console.print(item)
    console.file.write(safe_output(captured.get(), "text", styled=True))
    console.file.flush()


def echo_safe(text: str, err: bool = False, nl: bool = True, form: str = "text") -> None:
    """typer.echo through the output boundary: data from files may hold anything."""
    from ..textsafe import safe_output

    typer.echo(safe_output(text, form), err=err, nl=nl)


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Instrument ids for shell completion: file stems of the corpus folder, no YAML parsed."""
    import os

    from ..io.corpus import SUFFIXES, CorpusError, find_corpus

    try:
        folder = find_corpus((ctx.params or {}).get("corpus"))
        names = os.listdir(folder)
    except (CorpusError, OSError):
        return []
    stems = {n.rsplit(".", 1)[0] for n in names if n.endswith(SUFFIXES) and not n.startswith(".")}
    return sorted(s for s in stems if s.startswith(incomplete))


def complete_party(incomplete: str) -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes with their names (zsh and fish show them).

    Typed in lower case, offered in lower case: the shell keeps only what starts with the input,
    and --party accepts either case.
    """
    from ..countries import NAMES

    prefix = incomplete.upper()
    lower = incomplete != prefix
    return [(code.lower() if lower else code, NAMES[code]) for code in sorted(NAMES) if code.startswith(prefix)]


def fail_unknown_id(corpus, ident: str) -> NoReturn:
    """One line for an id the corpus does not answer for: where its file breaks, or what is close."""
    import difflib
    import os

    broken = [b for b in corpus.broken if os.path.basename(b) in (f"{ident}.yaml", f"{ident}.yml")]
    if broken:
        from ..io.loader import load_file

        diags = [d for d in load_file(Path(broken[0]), broken[0]).diagnostics if d.severity == "error"]
        if diags:
            from ..textsafe import printable

            more = f"; {len(diags) - 1} more: run `cistreaty lint {broken[0]}`" if len(diags) > 1 else ""
            fail(f"{printable(diags[0].format(), newlines=False)} (the file does not load{more})")
        fail(f"{broken[0]} does not load; run `cistreaty lint {broken[0]}`")
    close = difflib.get_close_matches(ident, sorted(corpus.instruments), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    fail(f"no instrument with id {ident!r} in {os.fsdecode(corpus.root)}{hint}")


def warn_broken(broken: list[str]) -> None:
    """One line on stderr naming the corpus files with errors; the commands go on with the rest."""
    if broken:
        from ..textsafe import printable

        names = ", ".join(printable(name, newlines=False) for name in broken)
        echo_safe(f"cistreaty: warning: {len(broken)} file(s) do not load cleanly: {names} "
                  "(see `cistreaty lint`; files that do not load at all are left out)", err=True)


def _color_callback(ctx: typer.Context, param, value: Optional[str]) -> None:
    # After a command's name as well as before it: `cistreaty status ID --color never` is what people
    # type. The command's own value wins over the root's, which click parsed first.
    if value is not None and not ctx.resilient_parsing:
        set_color(value)


# Read by entry.py before typer runs (answers.py): the command itself has nothing to do with it.
NoAnswerCacheOption = typer.Option(
    False, "--no-cache", help="Compute the answer afresh: neither replay a kept one nor keep this one "
                              "(docs/performance.md, \"Answer cache\").")

ColorOption = typer.Option(
    None, "--color", metavar="WHEN", callback=_color_callback, expose_value=False, show_default=False,
    help="Colour: auto, always or never (also accepted before the command).")


def choose_format(fmt: Optional[str], allowed: tuple[str, ...], default: str, **flags: bool) -> str:
    """One output format from `--format/-f` and its short forms (`--json`, `--ics`), which must agree."""
    given = {f"--{name.replace('_', '-')}": name.replace("_", "-") for name, on in flags.items() if on}
    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt not in allowed:
            fail(f"--format: {fmt!r} is not one of {', '.join(allowed)}")
        given[f"--format {fmt}"] = fmt
    if len(set(given.values())) > 1:
        fail(f"{' and '.join(given)}: choose one output format")
    return next(iter(given.values()), default)
