"""`cistreaty schema`: write or check the JSON Schema generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import common


def schema(
    out_dir: Path = typer.Option(Path("schemas"), "--out-dir", metavar="DIR", help="Folder to write instrument.schema.json into."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if the file in --out-dir is stale."),
    stdout: bool = typer.Option(False, "--stdout", help="Print the schema instead of writing it."),
    color: Optional[str] = common.ColorOption,
) -> None:
    """Generate the JSON Schema (draft 2020-12) of instrument files from the models."""
    from ..io.files import WriteError, write_atomic
    from ..schema import SCHEMA_FILE, render_schema

    if stdout and check:
        common.fail("--stdout and --check do not go together: --check compares the file in --out-dir")
    text = render_schema()
    if stdout:
        typer.echo(text, nl=False)
        return
    target = out_dir / SCHEMA_FILE
    if check:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            typer.echo(f"{target} is stale or missing: run `cistreaty schema`", err=True)
            raise typer.Exit(1)
        typer.echo(f"{target} is up to date", err=True)
        return
    # Outside a clone, `cistreaty schema` must not leave a stray ./schemas behind: the folder is
    # the user's to create.
    if not out_dir.is_dir():
        common.fail(f"{out_dir} is not a folder: create it, or name another with --out-dir DIR "
                    "(--stdout prints the schema instead)")
    try:
        write_atomic(target, text)
    except WriteError as exc:
        common.fail(str(exc))
    typer.echo(f"wrote {target}", err=True)
