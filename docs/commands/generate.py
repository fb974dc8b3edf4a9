"""Write docs/commands/NAME.md from each command's --help, so the pages cannot drift from the code.

    python docs/commands/generate.py          # rewrite the pages
    python docs/commands/generate.py --check  # exit 1 if a page differs (for CI)

The help is taken from `cistreaty NAME --help` run as a subprocess with a fixed width and no
colour, because typer reads its layout settings from the environment when it is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH = "100"


def commands() -> list[str]:
    import typer.main

    from cistreaty.cli import app

    group = typer.main.get_command(app)
    return sorted(name for name, cmd in group.commands.items() if not cmd.hidden)


def help_text(args: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR", "FORCE_TERMINAL")}
    env.update(TERMINAL_WIDTH=WIDTH, COLUMNS=WIDTH, NO_COLOR="1", _TYPER_FORCE_DISABLE_TERMINAL="1")
    proc = subprocess.run([sys.executable, "-m", "cistreaty", *args, "--help"], capture_output=True,
                          text=True, env=env, check=True)
    return "\n".join(line.rstrip() for line in proc.stdout.splitlines()).strip("\n")


def page(name: str | None) -> str:
    args = [name] if name else []
    title = f"cistreaty {name}" if name else "cistreaty"
    intro = ("Options of the root command come before the command name: `cistreaty --color never status`."
             if name is None else f"Generated from `cistreaty {name} --help` by `docs/commands/generate.py`; "
             "edit the command's help, then run the script.")
    return f"# `{title}`\n\n{intro}\n\n```text\n{help_text(args)}\n```\n"


def pages() -> dict[Path, str]:
    out = {HERE / "cistreaty.md": page(None)}
    for name in commands():
        out[HERE / f"{name}.md"] = page(name)
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in pages().items():
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python docs/commands/generate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
