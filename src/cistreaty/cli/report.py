"""Diagnostics printed by commands other than lint, in lint's text format, on stderr."""

from __future__ import annotations

from pathlib import Path

import typer


def protocol(display: str, base_id: str, errors) -> None:
    """Positioned amendment-applies diagnostics for a protocol that does not apply, as lint prints
    them; exit 1. Used by diff and render, which both apply protocols."""
    from ..io.loader import load_file
    from ..io.positions import place
    from ..lint.rules.amendments import RULE, message

    positions = load_file(Path(display), display).positions
    diagnostics(place([RULE.finding(err.yaml_loc, message(err, base_id)) for err in errors], display, positions))
    raise typer.Exit(1)


def diagnostics(diags) -> None:
    from ..lint.output import text_line

    for d in diags:
        typer.echo(text_line(d), err=True)
