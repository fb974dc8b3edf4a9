"""Text from instrument files made safe to show: control characters become visible escapes.

A title or a party's note is written by anyone who can open a pull request. Printed raw, an escape
sequence can recolour a terminal, rewrite its window title, write the clipboard (OSC 52) or hide
the lines before it; a bidi override makes a terminal or a browser show characters in another
order than the file holds them (Trojan Source); a zero-width space makes two different article
numbers look the same. And a CI log executes any line that reads as a workflow command: GitHub's
runner strips leading spaces and runs a line starting with `::`, and runs `##[` anywhere in a line.

Two layers, one module:

- `printable(text)` for a piece of data before it is styled (a rich Text, a coloured diff):
  control, bidi and zero-width characters become \\xNN or \\uNNNN.
- `safe_output(text, form)` for a whole output at the boundary, where it is written: the same
  escapes (unless the output is already styled by us), and every line that would read as a
  workflow command gets its first `:` (or `#`) escaped in the form's own way, so the text still
  reads the same to a person (`\\:` in Markdown, `&#58;` in HTML, `\\x3a` in plain text).
Every human and CI-facing output of every command goes through `safe_output`.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and line feed, DEL, and the Unicode line and paragraph separators.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
# Bidi embeddings, overrides, isolates and marks: they reorder what is shown.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Characters that show as nothing: zero-width space/joiners, word joiner, invisible operators, BOM.
ZERO_WIDTH = "\u180e\u200b-\u200d\u2060-\u2064\ufeff"
_UNSAFE = re.compile(f"[{_CONTROL}{BIDI}{ZERO_WIDTH}]")
_HIDDEN = re.compile(f"[{BIDI}{ZERO_WIDTH}]")

# A line the runner would take as a command: `::name ...::` after leading whitespace (and after any
# colour codes we put there ourselves), or the legacy `##[name]` anywhere in the line.
_CSI = r"(?:\x1b\[[0-9;]*m)*"
_COMMAND_START = re.compile(rf"^([ \t\f\v]*{_CSI}[ \t\f\v]*):", re.M)
_LEGACY = re.compile(r"#(?=#\[)")
_COLON = {"text": "\\x3a", "md": "\\:", "html": "&#58;"}
_HASH = {"text": "\\x23", "md": "\\#", "html": "&#35;"}
FORMS = tuple(_COLON) + ("json",)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str, newlines: bool = True) -> str:
    """`text` with control, bidi and zero-width characters shown as \\xNN or \\uNNNN; with
    newlines=False, line breaks too (for text that must stay on one line)."""
    if not newlines:
        text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    return _UNSAFE.sub(_escape, text)


def no_commands(text: str, form: str = "text") -> str:
    """`text` with no line a CI runner would execute as a workflow command."""
    if ":" not in text and "##[" not in text:
        return text
    colon, hash_ = _COLON[form], _HASH[form]

    def start(match: re.Match) -> str:
        rest = text[match.end():match.end() + 1]
        return match.group(1) + (colon if rest == ":" else ":")

    text = _COMMAND_START.sub(start, text)
    return _LEGACY.sub(lambda m: hash_, text)


def safe_output(text: str, form: str = "text", styled: bool = False) -> str:
    """A whole output, ready for a terminal, a CI log or a file people open.

    form: "text" (terminal, plain text, diff markers, patches), "md", "html", or "json" (the
    characters become \\uNNNN escapes, which a JSON string reads as the same characters).
    styled=True: the caller escaped the data with `printable` and added colour codes of its own,
    which must survive.
    """
    if form == "json":
        # In JSON "##[" can only be inside a string, where \u0023 reads as the same "#".
        return _LEGACY.sub(lambda m: "\\u0023", _UNSAFE.sub(_json_escape, text))
    if not styled:
        text = _UNSAFE.sub(_escape, text)
    return no_commands(text, form)


# What the last line of defence lets through: line feed, tab, and the colour codes rich writes.
_LAST_LINE = re.compile(rf"\x1b\[[0-9;]*m|[{_CONTROL}{BIDI}{ZERO_WIDTH}]")
_STREAM_COMMAND = re.compile(rf"^([ \t\f\v]*{_CSI}[ \t\f\v]*):(?=:|$)", re.M)


def last_line(text: str, line_open: bool = False, commands: bool = False) -> str:
    """What reaches a terminal or a CI log from this program's stdout and stderr, whatever a command
    forgot: every control, bidi and zero-width character but tab, line feed and colour codes becomes
    \\uNNNN (which a JSON or YAML string reads as the same character), and no line reads as a
    workflow command. `line_open`: the text continues a line already written. `commands`: the
    lines are workflow commands this program means to give (lint --output-format github)."""
    def unsafe(match: re.Match) -> str:
        found = match.group()
        return found if len(found) > 1 else f"\\u{ord(found):04x}"

    text = _LAST_LINE.sub(unsafe, text)
    if ":" in text and not commands:
        def start(match: re.Match) -> str:
            if line_open and match.start() == 0:
                return match.group()
            return match.group(1) + "\\u003a"

        text = _STREAM_COMMAND.sub(start, text)
    if "##[" in text:
        text = _LEGACY.sub(lambda m: "\\u0023", text)
    return text


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each bidi control or zero-width character in `text`."""
    return [(m.start(), _name(m.group())) for m in _HIDDEN.finditer(text)]


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"
