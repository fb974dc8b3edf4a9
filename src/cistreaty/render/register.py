"""A publishable register: one file per instrument plus an index linking them (`--out-dir`)."""

from __future__ import annotations

from typing import Iterator

from . import EXTENSIONS, formatter, publish
from .view import Options, build


def build_register(instruments, fmt: str, options: Options, prepare=None) -> Iterator[tuple[str, str]]:
    """(file name, content) of each instrument's page in id order, then of the index.

    Each page is built when it is asked for. An instrument with the id "index" keeps its file;
    the index moves to a name no id can have.
    """
    mod = formatter(fmt)
    ext = EXTENSIONS[fmt]
    entries = []
    instruments = sorted(instruments, key=lambda i: i.id)
    name = f"index.{ext}" if "index" not in {i.id for i in instruments} else f"_index.{ext}"
    # Pages of formats that link (html, md) link back to the index.
    back = {"index": name} if fmt in ("html", "md") else {}
    for inst in instruments:
        inst_options = options
        if prepare is not None:
            inst, inst_options = prepare(inst, options)
        view = build(inst, inst_options)
        entries.append(publish.entry(view))
        yield f"{view.id}.{ext}", mod.document(view, **back)
    yield name, mod.index([(e, f"{e.id}.{ext}") for e in entries], options.as_of.isoformat())
