"""`cistreaty rules [CODE]`: the stable diagnostic codes and what they mean."""

from __future__ import annotations

from typing import Optional

import typer

from . import common


def rules(
    code: Optional[str] = typer.Argument(None, metavar="CODE", help="Show the full explanation of one code, e.g. C105.",
                                         show_default=False),
    color: Optional[str] = common.ColorOption,
) -> None:
    """List every diagnostic code with its summary, or explain one."""
    from ..lint.registry import FILES, RULES

    if code is None:
        for rule in RULES.values():
            typer.echo(f"{rule.code}  {rule.name:<24} {rule.summary}")
        return
    rule = RULES.get(code.upper())
    if rule is None:
        common.fail(f"unknown rule code {code!r}; `cistreaty rules` lists them")
    typer.echo(f"{rule.code} {rule.name}: {rule.summary}\n\n{rule.explanation}")
    for label, example in (("Passes", rule.passes), ("Fails", rule.fails)):
        if example:
            typer.echo(f"\n{label}:\n" + "\n".join("    " + line for line in example.splitlines()))
    typer.echo(f"\nDeclared and checked in {FILES[rule.code]}")
