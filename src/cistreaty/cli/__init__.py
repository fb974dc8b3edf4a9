"""The command-line shell: parse options, call the core, hand results to a renderer.

Each command lives in its own module and imports the core only inside its function, so that
`cistreaty --help` loads neither pydantic nor the corpus. The typer application is in `root.py`,
imported on first use of `app` or `main`: `shell.py` and `lint_run.py` run a plain `lint` without it.
"""

from __future__ import annotations


def __getattr__(name: str):
    if name in ("app", "main", "Shell"):
        from . import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
