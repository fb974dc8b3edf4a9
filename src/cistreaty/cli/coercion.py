"""Option values without pydantic: typer 0.29 builds a pydantic TypeAdapter for every parameter it
parses, which imports pydantic's schema machinery (~60 ms of a `lint` start measured) for values
that are a str, a flag, a path or a small int.

For the parameter types the commands declare (str, bool, int, Path, an Enum, and lists of those,
with no parser or path checks), a value that is plainly valid is converted here, exactly as the
adapter would convert it. Anything else (a bad int, an unknown choice, any other type or option)
goes to typer's own adapter, built only then, so error messages and exit codes stay typer's.
One difference, on purpose: an empty path is refused (typer's adapter reads '' as '.', so
`cistreaty lint "$UNSET"` checked the working directory and `--cache-dir ''` wrote into it).
The hook is typer's `core.build_runtime_param` (pyproject pins typer <0.30); test_coercion checks
each fast path against the adapter's answer.
"""

from __future__ import annotations

import os
import re
from enum import Enum
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

from typer import _coercion, core
from typer._param_types import coerce_cli_choice

_INT = re.compile(r"-?[0-9]{1,18}")


class _Slow(Exception):
    """The value needs typer's adapter: an error to report or a form the fast path leaves alone."""


def _str(value: Any) -> str:
    if type(value) is str:
        return value
    raise _Slow


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise _Slow


def _path(value: Any) -> Path:
    # pydantic's Path from a str is Path(str), '' included. typer's checks for a plain Path option:
    # none for a path that does not exist; one that exists must be readable (an error: typer's).
    if type(value) is not str or "\x00" in value:
        raise _Slow
    path = Path(value)
    try:
        os.stat(path)
    except OSError:
        return path
    if not os.access(path, os.R_OK):
        raise _Slow
    return path


def _int_leaf(info) -> Callable[[Any], int]:
    low, high = info.min, info.max

    def convert(value: Any) -> int:
        if type(value) is str and _INT.fullmatch(value):
            number = int(value)
        elif type(value) is int:
            number = value
        else:
            raise _Slow
        if (low is not None and number < low) or (high is not None and number > high):
            raise _Slow
        return number

    return convert


def _choice_leaf(enum: type[Enum], info, ctx_of: Callable[[], Any]) -> Callable[[Any], Any]:
    choices = list(enum)

    def convert(value: Any) -> Any:
        try:
            return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx_of())
        except ValueError:
            raise _Slow from None

    return convert


def _plain(info) -> bool:
    """No parser, no clamp, no path checks: the options the fast path may convert."""
    return (info.parser is None and not info.clamp and info.path_type is None and not info.resolve_path
            and not info.exists and not info.allow_dash and info.file_okay and info.dir_okay
            and info.readable and not info.writable and not getattr(info, "formats", None))


class FastRuntimeParam(_coercion.RuntimeParam):
    """Converts a plainly valid value itself; hands anything else to typer's adapter, built then.

    A plain class over typer's frozen dataclass: the dataclass machinery costs ~1 ms at import."""

    def __init__(self, descriptor, leaf, is_list: bool, ctx_box: list):
        for name, value in (("parameter_info", descriptor.parameter_info), ("annotation", descriptor.annotation),
                            ("descriptor", descriptor), ("leaf", leaf), ("is_list", is_list),
                            ("ctx_box", ctx_box), ("slow", [])):
            object.__setattr__(self, name, value)

    def _fallback(self) -> _coercion.RuntimeParam:
        if not self.slow:
            self.slow.append(_original(self.descriptor))
        return self.slow[0]

    def _coerce_value(self, value: Any, param, ctx) -> Any:
        self.ctx_box[0] = ctx
        if self.leaf is _path and "" in (value if isinstance(value, (list, tuple)) else [value]):
            from typer._click.exceptions import BadParameter

            raise BadParameter("an empty path: name a file or folder (an unset variable?)", ctx=ctx, param=param)
        try:
            if self.is_list:
                items = value if isinstance(value, (list, tuple)) else [value]
                return [self.leaf(item) for item in items]
            return self.leaf(value)
        except _Slow:
            return self._fallback()._coerce_value(value, param=param, ctx=ctx)


def _leaf_for(annotation: Any, info, ctx_of) -> Callable[[Any], Any] | None:
    if annotation is str:
        return _str
    if annotation is bool:
        return _bool
    if annotation is int:
        return _int_leaf(info)
    if annotation is Path:
        return _path
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice_leaf(annotation, info, ctx_of)
    return None


def build_runtime_param(descriptor) -> _coercion.RuntimeParam:
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if descriptor.file_annotation is not None or not _plain(info):
        return _original(descriptor)
    is_list = get_origin(annotation) is list
    inner = get_args(annotation)[0] if is_list else annotation
    ctx_box: list = [None]
    leaf = _leaf_for(inner, info, lambda: ctx_box[0])
    if leaf is None:
        return _original(descriptor)
    return FastRuntimeParam(descriptor, leaf, is_list, ctx_box)


_original = _coercion.build_runtime_param
core.build_runtime_param = build_runtime_param
