"""Text from instrument files made safe to show: control characters become visible escapes.

A title or a party's note is written by anyone who can open a pull request. Printed raw, an escape
sequence can recolour a terminal, rewrite its window title or hide the lines before it. Every
human-readable output (tables, Markdown, plain text) passes such text through `printable`.
"""

from __future__ import annotations

import re

# C0 and C1 controls except tab and line feed, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = True) -> str:
    """`text` with control characters shown as \\xNN; with newlines=False, line breaks too."""
    if not newlines:
        text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    return _CONTROL.sub(_escape, text)
