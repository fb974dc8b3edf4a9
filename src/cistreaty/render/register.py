"""A publishable register: one file per instrument plus an index linking them (`--out-dir`)."""

from __future__ import annotations

from . import EXTENSIONS, formatter
from .view import Options, View


def build_register(views: list[View], fmt: str, options: Options) -> dict[str, str]:
    """File name -> content, computed in full before anything is written."""
    mod = formatter(fmt)
    ext = EXTENSIONS[fmt]
    files = {f"{v.id}.{ext}": mod.document(v) for v in views}
    # An instrument with the id "index" keeps its file; the index moves to a name no id can have.
    name = f"index.{ext}"
    if name in files:
        name = f"_index.{ext}"
    files[name] = mod.index([(v, f"{v.id}.{ext}") for v in views], options.as_of.isoformat())
    return files
