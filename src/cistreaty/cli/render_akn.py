"""`cistreaty render --format akn`: Akoma Ntoso documents, one per instrument (docs/akn.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import common, shell


def _one(corpus, inst, options) -> str:
    from ..engine.amend import ProtocolDoesNotApply
    from ..render.akn import document

    shell.CURRENT_FILE = corpus.paths.get(inst.id)
    base = corpus.get(inst.amends) if inst.amends else None
    try:
        return document(inst, options, protocols=corpus.protocols_of(inst.id), base=base)
    except ProtocolDoesNotApply as exc:
        from . import report

        report.protocol(corpus.paths.get(exc.protocol, exc.protocol), inst.id, exc.errors)


def run(corpus, ident, options, output: Path | None, out_dir: Path | None, force: bool, write) -> None:
    """Render one instrument (stdout or -o); --out-dir (every instrument as DIR/ID.xml) is
    render_site.py's."""
    from ..render import RenderError
    from ..textsafe import safe_output

    if ident is None:
        common.fail("--format akn writes one document per instrument: give an ID, or --out-dir DIR for all")
    try:
        inst = corpus.get(ident)
        if inst is None:
            common.fail_unknown_id(corpus, ident)
        text = _one(corpus, inst, options)
    except RenderError as exc:
        common.fail(str(exc))
    text = safe_output(text, "html")  # XML: a colon that would start a CI command is written &#58;
    if output is not None and str(output) != "-":
        write(output, text, force)
    else:
        typer.echo(text, nl=False)
