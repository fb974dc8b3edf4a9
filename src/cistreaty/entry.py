"""The `cistreaty` command: a kept answer when there is one for this very request, a plain `lint`
without typer, else the CLI.

Kept here, outside `cli`, so that a replayed `status` or `render` imports neither typer nor the
commands (cli/root.py builds them all); see answers.py and cli/lint_run.py.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["lint"]:
        from .cli.lint_run import plain_request

        paths = plain_request(args)
        if paths is not None:
            from .cli.lint_run import run as lint
            from .cli.shell import guard

            guard(lambda: sys.exit(lint(paths or None)))
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
