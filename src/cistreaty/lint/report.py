"""What checking one file leaves behind: its diagnostics and what the cross-file rules need.

Light on purpose: the cache rebuilds these from SQLite without loading the checks or the models.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic


@dataclass
class FileReport:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    id: str | None = None
    id_pos: tuple[int, int] = (0, 0)
    amends: str | None = None
    amends_pos: tuple[int, int] = (0, 0)
    # Files the checks looked up besides this one (a protocol's base), as [absolute path, digest
    # or marker, stat or None] of the very snapshot the check used: the cache watches them too.
    deps: list[list] = field(default_factory=list)
    # The file as checked (lint/snapshot.py): the cache stores the report under `digest` only
    # when it is set, i.e. when the report came from exactly those bytes.
    digest: str | None = None
    stat: str | None = None


def stem(display: str) -> str:
    """The file name without .yaml/.yml: what the id must be."""
    name = os.path.basename(display)
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
