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
    # Files the checks looked up besides this one (a protocol's base): the cache watches them too.
    deps: list[str] = field(default_factory=list)


def stem(display: str) -> str:
    """The file name without .yaml/.yml: what the id must be."""
    name = os.path.basename(display)
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
