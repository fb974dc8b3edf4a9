"""Help text people can read: `ID`, `[ID]`, `PATH...`, never `{file}`, `<str>` or `<list[Path]>`.

typer 0.29's plain help appends the Python type to every argument and wraps a required one in
braces. Every argument here declares a metavar that says what it is, so the type adds nothing.
The two hooks are typer's own (pyproject pins typer <0.30); test_help_metavars catches a change.
"""

from __future__ import annotations

from typer import core


def _display_type(self, ctx):
    if self.metavar is not None:
        return None
    return _original_display_type(self, ctx)


def _usage_name(self) -> str:
    name = self.display_name_raw
    if not self.required:
        name = f"[{name}]"
    if self.nargs != 1:
        name += "..."
    return name


_original_display_type = core.TyperArgument.display_type_rich
core.TyperArgument.display_type_rich = _display_type
core.TyperArgument._usage_display_name = _usage_name
