"""The part of the command-line shell that needs no typer: the guard around a command, usage errors,
the corpus folder.

`entry.py` runs a plain `cistreaty lint [PATH...]` through these without importing typer or the
commands (about 30 ms of a 100 ms cached run, docs/performance.md); every other request goes through
`cli.main`, which uses the same guard.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, NoReturn, Optional

# The file being processed, named by the guard if something unexpected happens.
CURRENT_FILE: Optional[str] = None


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2 = usage error). The message may quote a file name or a value
    from a file: it goes through the output boundary, and stays on one line."""
    from ..textsafe import printable, safe_output

    sys.stderr.write(safe_output(f"cistreaty: error: {printable(message, newlines=False)}") + "\n")
    sys.stderr.flush()
    # SystemExit rather than typer.Exit (a RuntimeError): no `except Exception` on the way can take
    # a usage error for a bug.
    raise SystemExit(code)


def corpus_dir(explicit: Optional[Path]) -> Path:
    """--corpus, then $CISTREATY_CORPUS, then the configuration's `corpus` (pyproject.toml
    [tool.cistreaty] or .cistreaty.yaml, as lint reads it), then ./agreements, then the bundled corpus."""
    from ..io.corpus import ENV_VAR, CorpusError, find_corpus

    label = "--corpus"
    if explicit is None and not os.environ.get(ENV_VAR):
        from ..lint.config import ConfigError, load

        try:
            cfg = load()
        except ConfigError as exc:
            fail(str(exc))
        explicit, label = cfg.corpus, config_label(cfg)
    try:
        return find_corpus(explicit, label=label)
    except CorpusError as exc:
        fail(str(exc))


def config_label(cfg) -> str:
    """How an error names the `corpus` a configuration file set."""
    return f"{os.fsdecode(cfg.path)}: corpus" if cfg.path is not None else "--corpus"


class Interrupted(BaseException):
    """SIGINT or SIGTERM. Not KeyboardInterrupt: typer turns that into a silent Exit(130) before
    the guard could remove temporary files or say what happened."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:
    raise Interrupted(signum)


def _install_handlers() -> None:
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(signum, _on_signal)
        except (ValueError, OSError):  # not the main thread: leave Python's defaults
            pass


def guard(command: Callable[[], object]) -> None:
    """Run a command: anything unexpected becomes one line and exit 2, never a traceback."""
    import signal

    # pydantic looks for plugins (observers of validation, such as tracing) among the entry points of
    # every installed distribution at its first validation: ~28 ms of `status ID` measured, and a
    # listing of every sys.path folder. No plugin changes what cistreaty computes; one set explicitly
    # still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

    from . import stream

    try:
        os.getcwd()
    except OSError:
        # Every relative path, the corpus and the configuration are found from it: as git does, stop.
        fail("the current directory no longer exists (deleted or moved away): change to another one")
    _install_handlers()
    stream.install()
    workers = sys.modules.get("cistreaty.io.workers")
    if workers is not None:
        workers.ABANDONED = False  # only a pool left during this command counts (tests run many)
    code: object = 0
    try:
        try:
            command()
        except SystemExit as exc:
            code = exc.code
            raise
        except (KeyboardInterrupt, Interrupted) as exc:
            from ..io.files import remove_pending

            remove_pending()
            term = getattr(exc, "signum", signal.SIGINT) == signal.SIGTERM
            sys.stderr.write("cistreaty: terminated\n" if term else "cistreaty: interrupted\n")
            code = 143 if term else 130
            sys.exit(code)
        except BrokenPipeError:
            code = 1
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 - the guard is the point
            where = f" while processing {CURRENT_FILE}" if CURRENT_FILE else ""
            sys.stderr.write(
                f"cistreaty: internal error{where}: {type(exc).__name__}: {exc}. "
                "This is a bug; please report it with the file that caused it.\n")
            code = 2
            sys.exit(2)
    finally:
        stream.finish()
        _end_now_if_workers_were_abandoned(code)


def _end_now_if_workers_were_abandoned(code: object) -> None:
    """After a worker pool was left by an exception, end without Python's exit, which would join the
    pool's thread, stuck for good on a result its worker did not finish writing (io/workers.py)."""
    workers = sys.modules.get("cistreaty.io.workers")
    if workers is None or not workers.ABANDONED:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
