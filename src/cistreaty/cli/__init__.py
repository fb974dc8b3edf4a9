"""The command-line shell: parse options, call the core, hand results to a renderer.

Each command lives in its own module and imports the core only inside its function, so that
`cistreaty --help` loads neither pydantic nor the corpus.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from . import common, diff_cmd, lint_cmd, rules_cmd, schema_cmd
from . import render_cmd
from . import status_cmd
from . import import_cmd

app = typer.Typer(
    name="cistreaty",
    help="International agreements as YAML in git: status computed from the clause, texts, protocols, lint.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cistreaty {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    pass


app.command("lint")(lint_cmd.lint)
app.command("rules")(rules_cmd.rules)
app.command("schema")(schema_cmd.schema)
app.command("diff")(diff_cmd.diff)
app.command("render")(render_cmd.render)
app.command("status")(status_cmd.status)
app.command("import")(import_cmd.import_)


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point: turn anything unexpected into one line and exit 2, never a traceback."""
    try:
        app(args=argv, prog_name="cistreaty")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("cistreaty: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the guard is the point
        where = f" while processing {common.CURRENT_FILE}" if common.CURRENT_FILE else ""
        sys.stderr.write(
            f"cistreaty: internal error{where}: {type(exc).__name__}: {exc}. "
            "This is a bug; please report it with the file that caused it.\n")
        sys.exit(2)
