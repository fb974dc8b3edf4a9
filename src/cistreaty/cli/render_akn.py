"""`cistreaty render --format akn`: Akoma Ntoso documents, one per instrument (docs/akn.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import common


def _one(corpus, inst, options) -> str:
    from ..engine.amend import ProtocolDoesNotApply
    from ..render.akn import document

    common.CURRENT_FILE = corpus.paths.get(inst.id)
    base = corpus.get(inst.amends) if inst.amends else None
    try:
        return document(inst, options, protocols=corpus.protocols_of(inst.id), base=base)
    except ProtocolDoesNotApply as exc:
        from .diff_cmd import report_protocol

        report_protocol(corpus.paths.get(exc.protocol, exc.protocol), inst.id, exc.errors)


def run(corpus, ident, options, output: Path | None, out_dir: Path | None, force: bool, write) -> None:
    """Render one instrument (stdout or -o) or, with --out-dir, every instrument as DIR/ID.xml."""
    import dataclasses

    from ..render import RenderError

    if ident is None and out_dir is None:
        common.fail("--format akn writes one document per instrument: give an ID, or --out-dir DIR for all")
    try:
        if ident is not None:
            inst = corpus.get(ident)
            if inst is None:
                common.fail_unknown_id(corpus, ident)
            text = _one(corpus, inst, options)
        else:
            common.warn_broken(corpus.broken)
            options = dataclasses.replace(options, lang_preference=True)
            files = {f"{i}.xml": _one(corpus, corpus.instruments[i], options) for i in sorted(corpus.instruments)}
    except RenderError as exc:
        common.fail(str(exc))
    if out_dir is not None:
        # Every document is built before the first is written: a refusal leaves nothing half-published.
        existing = sorted(name for name in files if (out_dir / name).exists())
        if existing and not force:
            more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
            common.fail(f"{out_dir / existing[0]}{more} exist: pass --force to overwrite")
        for name, content in files.items():
            write(out_dir / name, content, force=True)
        typer.echo(f"wrote {len(files)} files to {out_dir}", err=True)
    elif output is not None:
        write(output, text, force)
    else:
        typer.echo(text, nl=False)
