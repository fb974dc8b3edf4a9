"""The typer application: the root options and every command (see `__init__.py`)."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer
import typer.completion

from . import helpfmt  # noqa: F401 - patches typer's help before any command is built
from . import coercion  # noqa: F401 - option values without pydantic, before any command parses
from . import common, diff_cmd, lint_cmd, rules_cmd, schema_cmd, shell
from . import render_cmd
from . import status_cmd
from . import import_cmd
from . import calendar_cmd

app = typer.Typer(
    name="cistreaty",
    help="International agreements as YAML in git: status computed from the clause, texts, protocols, lint.",
    no_args_is_help=True,
    # typer's own --show-completion is a flag that detects the shell it runs in and ignores a
    # shell named after it (`--show-completion zsh` printed the bash script): ours takes the name.
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help imports markdown and syntax highlighting (~180 ms measured),
    # more than everything else `cistreaty --help` does.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cistreaty {__version__}")
        raise typer.Exit()


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


# The completion requests the scripts send back (`_CISTREATY_COMPLETE=complete_zsh`) are typer's.
typer.completion.completion_init()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    install_completion: Optional[Shell] = typer.Option(
        None, "--install-completion", metavar="SHELL", callback=typer.completion.install_callback,
        is_eager=True, expose_value=False, case_sensitive=False, show_default=False,
        help="Install completion for SHELL (bash, zsh, fish, powershell or pwsh) and exit."),
    show_completion: Optional[Shell] = typer.Option(
        None, "--show-completion", metavar="SHELL", callback=typer.completion.show_callback,
        is_eager=True, expose_value=False, case_sensitive=False, show_default=False,
        help="Print the completion script for SHELL (bash, zsh, fish, powershell or pwsh) and exit."),
    color: Optional[str] = typer.Option(
        None, "--color", metavar="WHEN",
        help="Colour in human output: auto, always or never. auto follows NO_COLOR, then FORCE_COLOR, "
             "then whether the output is a terminal.", show_default=False),
) -> None:
    common.set_color(color)


app.command("lint")(lint_cmd.lint)
app.command("rules")(rules_cmd.rules)
app.command("schema")(schema_cmd.schema)
app.command("diff")(diff_cmd.diff)
app.command("render")(render_cmd.render)
app.command("status")(status_cmd.status)
app.command("import")(import_cmd.import_)
app.command("calendar")(calendar_cmd.calendar)


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point: turn anything unexpected into one line and exit 2, never a traceback."""
    shell.guard(lambda: app(args=argv, prog_name="cistreaty"))
