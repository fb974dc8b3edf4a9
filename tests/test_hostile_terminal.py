"""Every command, run as a user runs it (a real process on a pseudo-terminal, so colours are on and
rich draws for a terminal), on a corpus of hostile strings: no control character, no bidi or
zero-width character and no line a CI runner would execute reaches the terminal.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path


import hostile_corpus
from hostile_check import commands

TEXT = ("AGREEMENT\non Cooperation \x1b]52;c;aGk=\x07 \u202eevil\n\n::error file=x::Forged\n\n"
        "Article 1\n\n::add-mask::secret words \x1b[2J here ##[set-output name=x]y\n")


def run_on_pty(argv: list[str], cwd: Path, env: dict) -> tuple[int, str]:
    master, slave = pty.openpty()
    try:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    except (ImportError, OSError):
        pass
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", *argv], cwd=cwd, env=env,
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError(f"{argv}: no output for 60 s")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def invocations(corpus: Path, tmp: Path) -> dict[str, list[list[str]]]:
    c = ["--corpus", str(corpus)]
    text = tmp / "treaty.txt"
    text.write_text(TEXT, encoding="utf-8")
    evil = str(corpus / "evil.yaml")
    return {
        "lint": [["lint", "--no-cache", *c[0:0], str(corpus)]]
                + [["lint", "--no-cache", "-f", f, evil] for f in ("github", "json", "junit")],
        "rules": [["rules"]],
        "schema": [["schema"]],
        "diff": [["diff", "evil-protocol", *c], ["--color", "never", "diff", "evil-protocol", *c]]
                + [["diff", "evil-protocol", *c, "--format", f] for f in ("md", "unified", "json")]
                + [["diff", "evil", "--from", "2020-01-01", "--to", "2022-01-01", *c]],
        "render": [["render", "evil", "-f", f, "--as-of", "2022-01-01", *c] for f in ("md", "html", "txt", "json")]
                  + [["render", "-f", "txt", "--as-of", "2022-01-01", *c],
                     ["render", "-f", "md", "--as-of", "2022-01-01", "--out-dir", str(tmp / "site"), *c]],
        "status": [["status", *c], ["status", "evil", "--as-of", "2022-01-01", *c], ["status", "--party", "KG", *c],
                   ["status", "evil", "--json", *c]],
        "import": [["import", str(text), "--id", "draft", "-o", "-"]],
        "calendar": [["calendar", "--as-of", "2020-03-01", "--days", "1000", *c] + extra
                     for extra in ([], ["--json"], ["--ics"])],
    }


def test_every_command_keeps_the_terminal_clean(tmp_path):
    corpus = hostile_corpus.build(tmp_path / "agreements")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "CI",
                                                           "CISTREATY_CORPUS", "CISTREATY_OUTPUT_FORMAT")}
    env.update(TERM="xterm-256color", XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONIOENCODING="utf-8")
    runs = invocations(corpus, tmp_path)
    assert set(runs) >= commands(), f"commands not covered: {commands() - set(runs)}"
    problems, printed = [], 0
    for argv in (argv for group in runs.values() for argv in group):
        code, output = run_on_pty(argv, tmp_path, env)
        if "internal error" in output or "Traceback" in output:
            problems.append(f"{argv}: crashed: {output[-400:]!r}")
        for offence in hostile_corpus.offences(output, github="github" in argv):
            problems.append(f"{argv}: {offence}")
        printed += len(output)
    assert not problems, "\n".join(problems[:40])
    assert printed > 20_000  # the commands did print the hostile text, escaped


def test_the_corpus_is_hostile():
    """Without the escaping, the same text would put raw escapes on the terminal: the check can fail."""
    raw = "x\x1b]52;c;aGk=\x07\n::error::forged\n"
    assert len(hostile_corpus.offences(raw)) == 3
