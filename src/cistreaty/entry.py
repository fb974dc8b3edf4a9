"""The `cistreaty` command: a kept answer when there is one for this very request, else the CLI.

Kept here, outside `cli`, so that a replayed `status` or `render` imports neither typer nor the
commands (cli/__init__ builds them all); see answers.py.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    recorder = None
    if "status" in args or "render" in args:  # only these are kept; --help and the rest go straight on
        from . import answers

        if answers.applies(args):
            if answers.replay(args):
                sys.exit(0)
            try:
                from .answers_record import Recorder

                recorder = Recorder(args)
                recorder.start()
            except Exception:  # noqa: BLE001 - no recording is no cache, never a failure
                recorder = None
    from .cli import main as run

    code = 0
    try:
        run(argv)
    except SystemExit as exc:
        code = exc.code
        raise
    except BaseException:
        code = 1
        raise
    finally:
        if recorder is not None:
            recorder.finish(code)
