"""A publishable register: one file per instrument plus an index linking them (`--out-dir`).

Pure: an instrument and the protocols that amend it in, its page and its index entry out, so that
the caller (cli/render_site.py) can build each page when it reads the files, and hold only the
entries until it writes the index.
"""

from __future__ import annotations

from . import EXTENSIONS, formatter, publish, safe
from .view import Options, build


def index_name(fmt: str, ids) -> str:
    """An instrument with the id "index" keeps its file; the index moves to a name no id can have."""
    ext = EXTENSIONS[fmt]
    return f"_index.{ext}" if "index" in ids else f"index.{ext}"


def prepared(inst, protocols, options: Options):
    """(instrument, options) as in force on the date (for the party), as `render ID` shows it: the
    protocols in force applied, with notes naming them, and the others listed as pending.
    Raises engine.amend.ProtocolDoesNotApply."""
    import dataclasses

    from ..engine.amend import consolidate, pending_protocols, with_repealed

    if inst.type == "protocol" or not protocols:
        return inst, options
    text, notes = consolidate(inst, protocols, options.as_of, options.party)
    pending = tuple(pending_protocols(inst, protocols, options.as_of, options.party))
    return with_repealed(text, notes), dataclasses.replace(options, notes=notes, pending=pending)


def page(inst, protocols, fmt: str, options: Options, index: str) -> tuple[str, str, publish.Entry]:
    """(file name, content, index entry) of an instrument's page; `protocols` are the instruments
    that amend it, in corpus order. Pages of formats that link (html, md) link back to `index`."""
    inst, inst_options = prepared(inst, protocols, options)
    view = build(inst, inst_options)
    back = {"index": index} if fmt in ("html", "md") else {}
    return f"{view.id}.{EXTENSIONS[fmt]}", safe(fmt, formatter(fmt).document(view, **back)), publish.entry(view)


def index(entries, fmt: str, options: Options) -> str:
    """The index of the pages whose entries are given, in id order."""
    ext = EXTENSIONS[fmt]
    return safe(fmt, formatter(fmt).index([(e, f"{e.id}.{ext}") for e in entries], options.as_of.isoformat()))
