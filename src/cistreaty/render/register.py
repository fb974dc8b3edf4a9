"""A publishable register: one file per instrument plus an index linking them (`--out-dir`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import EXTENSIONS, formatter
from .view import Options, build


@dataclass(frozen=True)
class _Kind:
    type: str
    title: dict


@dataclass(frozen=True)
class _Entry:
    """What the index shows of a page, so that the pages themselves need not be kept."""
    id: str
    title: str
    title_lang: str | None
    status_summary: str
    instrument: _Kind


def build_register(instruments, fmt: str, options: Options, prepare=None) -> Iterator[tuple[str, str]]:
    """(file name, content) of each instrument's page in id order, then of the index.

    Each page is built when it is asked for. An instrument with the id "index" keeps its file;
    the index moves to a name no id can have.
    """
    mod = formatter(fmt)
    ext = EXTENSIONS[fmt]
    entries = []
    for inst in sorted(instruments, key=lambda i: i.id):
        inst_options = options
        if prepare is not None:
            inst, inst_options = prepare(inst, options)
        view = build(inst, inst_options)
        entries.append(_Entry(view.id, view.title, view.title_lang, view.status_summary,
                              _Kind(inst.type, dict(inst.title))))
        yield f"{view.id}.{ext}", mod.document(view)
    ids = {e.id for e in entries}
    name = f"index.{ext}" if "index" not in ids else f"_index.{ext}"
    yield name, mod.index([(e, f"{e.id}.{ext}") for e in entries], options.as_of.isoformat())
