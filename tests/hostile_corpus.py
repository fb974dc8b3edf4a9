"""A corpus of hostile strings: every field a command prints holds escape sequences, bidi and
zero-width characters, rich markup and forged GitHub workflow commands (YAML double-quoted
escapes, which the loader accepts). Used by test_hostile_terminal.py. Invented: no such instruments.
"""

from __future__ import annotations

import re
from pathlib import Path

# OSC 52 (clipboard write), OSC 8 (hyperlink), CSI 2J (clear screen), window title, 8-bit CSI, BEL,
# rich markup, a bidi override and isolate, a zero-width space, and lines that forge workflow
# commands (at column 0, indented, and the legacy ##[ form mid-line).
EVIL = (r"\e]52;c;aGk=\a\e]8;;http://x.example\e\\link\e]8;;\e\\\e[2J\e]0;pwned\a "
        r"[bold red]RED[/bold red] \u202eevil\u2066 z\u200bw \x9b31m "
        r"\n::error file=x.yaml::Forged\n::add-mask::secret\n  ::warning::indented\nsay ##[set-output name=x]y")
EVIL_NUMBER = r"1\e[2J\u200b\n::error::n"

# What must never reach the terminal: C0/C1 controls but tab, LF and CR (a pty turns LF into CR LF),
# and the characters that reorder or hide text.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u061c\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Colour codes are ours (rich); anything else starting with ESC is not.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def agreement() -> str:
    return f'''\
id: evil
type: agreement
title: {{en: "Evil {EVIL}"}}
signed: {{date: 2020-01-01, place: "{EVIL}"}}
sources:
  s1: {{title: "{EVIL}"}}
entry_into_force:
  article: "{EVIL_NUMBER}"
  general: {{count: 1, delay: {{days: 30}}}}
duration: {{article: "{EVIL_NUMBER}", years: 1, renew_years: 1}}
authorities: {{article: "{EVIL_NUMBER}", notify_changes: {{days: 30}}}}
parties:
  KG:
    signed: 2020-01-01
    events:
      - {{type: notification, date: 2020-02-01, source: s1, note: "{EVIL}"}}
      - {{type: authority, date: 2020-03-01, source: s1, note: "{EVIL}"}}
articles:
  - number: "{EVIL_NUMBER}"
    heading: {{en: "{EVIL}"}}
    paragraphs:
      - {{en: "First {EVIL} end"}}
      - {{en: "Second paragraph"}}
  - number: "2"
    paragraphs:
      - {{en: "Plain words"}}
notes:
  - "{EVIL}"
'''


def protocol() -> str:
    return f'''\
id: evil-protocol
type: protocol
title: {{en: "Protocol {EVIL}"}}
amends: evil
signed: {{date: 2021-01-01}}
entry_into_force:
  article: "{EVIL_NUMBER}"
  general: {{count: 1, delay: {{days: 0}}}}
parties:
  KG:
    signed: 2021-01-01
    events:
      - {{type: notification, date: 2021-02-01}}
amendments:
  - op: substitute
    cite: "{EVIL_NUMBER}"
    article: "2"
    paragraphs:
      - en: "New {EVIL} words"
notes:
  - "{EVIL}"
'''


def build(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil.yaml").write_text(agreement(), encoding="utf-8")
    (folder / "evil-protocol.yaml").write_text(protocol(), encoding="utf-8")
    # A file that does not load, named with an escape sequence and a forged command.
    (folder / "bad\x1b]0;t\x07\n::error::n.yaml").write_text("id: [\n", encoding="utf-8")
    return folder


# The annotations `lint --output-format github` writes on purpose; their data holds no line break.
GITHUB = re.compile(r"::(error|warning) file=[^,:]*(,line=\d+)?(,col=\d+)?,title=cistreaty \([A-Z]\d{3}\)::[^\n]*")


def offences(output: str, github: bool = False) -> list[str]:
    """What in `output` (bytes read from a pty, decoded) must not have reached a terminal."""
    found = []
    plain = SGR.sub("", output)
    for m in FORBIDDEN.finditer(plain):
        found.append(f"U+{ord(m.group()):04X} at {m.start()}: {plain[max(0, m.start() - 30):m.start() + 30]!r}")
    for line in plain.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if github and GITHUB.fullmatch(line) and "##[" not in line:
            continue
        if line.lstrip().startswith("::") or "##[" in line:
            found.append(f"workflow command: {line[:80]!r}")
    return found
