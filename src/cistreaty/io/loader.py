"""One file in, one validated Instrument (or positioned diagnostics) out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..diagnostics import Diagnostic
from ..models import Instrument
from . import decoding, yamlio
from .files import read_bytes
from .schema_errors import file_loc, validation_diagnostics


@dataclass
class FileResult:
    path: str
    instrument: Instrument | None = None
    positions: object = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Comment lines, for `# cistreaty: noqa` and the schema header; kept only when asked.
    text: str | None = None
    # The plain YAML value, kept only when asked (to pass between processes cheaply).
    value: object = None
    # When the schema refused the file: the instrument without the refused parts, for lint's
    # semantic rules only (io/salvage.py). Kept only when asked.
    salvaged: object = None


def load_text(text: str, display: str, keep_text: bool = False, keep_value: bool = False,
              salvage: bool = False) -> FileResult:
    result = FileResult(display, text=text if keep_text else None)
    try:
        loaded = yamlio.loads(text, display)
    except yamlio.LoadError as exc:
        result.diagnostics.extend(exc.diagnostics)
        return result
    result.positions = loaded.positions
    result.diagnostics.extend(loaded.diagnostics)
    if keep_value:
        result.value = loaded.value
    try:
        result.instrument = Instrument.model_validate(loaded.value)
    except ValidationError as exc:
        result.diagnostics.extend(validation_diagnostics(exc, loaded.positions, display, loaded.value))
        if salvage:
            from .salvage import salvage as set_aside

            result.salvaged = set_aside(loaded.value, exc, file_loc)
    return result


def load_file(path: Path, display: str | None = None, keep_text: bool = False,
              keep_value: bool = False) -> FileResult:
    display = display if display is not None else os.fsdecode(path)
    try:
        data = read_bytes(path, display)
    except yamlio.LoadError as exc:
        return FileResult(display, diagnostics=list(exc.diagnostics))
    return load_data(data, display, keep_text, keep_value)


def load_data(data: bytes, display: str, keep_text: bool = False, keep_value: bool = False,
              salvage: bool = False) -> FileResult:
    """Like load_file, for bytes already read (lint checks exactly the bytes its cache hashed)."""
    try:
        text = decoding.decode(data, display)
    except yamlio.LoadError as exc:
        return FileResult(display, diagnostics=list(exc.diagnostics))
    return load_text(text, display, keep_text, keep_value, salvage)
