"""Text from instrument files and file names made safe to show: the one place that escapes it.

A title, a party's note or a file name is written by anyone who can open a pull request. Printed
raw, an escape sequence can recolour a terminal, rewrite its window title, write the clipboard
(OSC 52) or hide the lines before it; a bidi override makes a terminal or a browser show characters
in another order than the file holds them (Trojan Source); a zero-width space makes two different
article numbers look the same. And a CI log executes any line that reads as a workflow command:
GitHub's runner strips leading blanks and runs a line starting with `::` (`::add-mask::`,
`::stop-commands::`, a forged `::error`), and runs the legacy `##[` anywhere in a line.

Every output passes such text through this module:

- `printable` for a piece of human output before it is laid out or styled (a rich Text, a coloured
  diff): control, bidi and zero-width characters become visible `\\xNN` / `\\uNNNN`;
- `one_line` for a value that must stay on its line: line breaks and tabs too;
- `ci_line` for a whole line of CI-facing output: `one_line`, and it never starts a workflow command;
- `safe_output` for a whole document where it is written (render, diff, calendar): the escapes of
  `printable` (unless the caller styled it already), and no line reading as a workflow command,
  escaped in the document's own way (`\\:` in Markdown, `&#58;` in HTML, `\\x3a` in text);
- `json_text` for JSON: what `json.dumps` leaves raw (DEL, C1 controls, U+2028/U+2029, bidi and
  zero-width characters) as `\\uXXXX`, so the JSON still decodes to the exact text;
- `xml_text` for XML: `one_line`, and what XML 1.0 cannot carry at all;
- `last_line`, the stdout/stderr guard of `cli/stream.py`, for whatever a command forgot.
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
# XML 1.0 cannot carry these at all, escaped or not.
_XML_BAD = re.compile("[\ud800-\udfff\ufffe\uffff]")

# A line the runner would take as a command: `::name ...::` after leading whitespace (and after any
# colour codes we put there ourselves), or the legacy `##[name]` anywhere in the line.
_CSI = r"(?:\x1b\[[0-9;]*m)*"
_COMMAND_START = re.compile(rf"^([^\S\n]*{_CSI}[^\S\n]*):", re.M)
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


def one_line(text: str) -> str:
    """`text` on one line, without a control character."""
    return printable(text, newlines=False)


def ci_line(text: str) -> str:
    """A line of CI output: one line, no control character, never a workflow command.

    The Actions runner trims leading white space and runs a line that then starts with `::`; the
    first colon is shown as `\\x3a` instead, like any other character that cannot be written raw.
    """
    return no_commands(one_line(text))


def json_text(value, **kwargs) -> str:
    """`json.dumps(value, ensure_ascii=False, **kwargs)` with no raw control character in it."""
    import json  # only the JSON formats need it

    return safe_output(json.dumps(value, ensure_ascii=False, **kwargs), "json")


def xml_text(text: str) -> str:
    """Text for an XML attribute or element: one line, printable, and allowed in XML 1.0."""
    return _XML_BAD.sub(_escape, one_line(text))


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
_STREAM_COMMAND = re.compile(rf"^([^\S\n]*{_CSI}[^\S\n]*):(?=:|$)", re.M)


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


def may_hold_hidden(source: str) -> bool:
    """False when no string YAML can read from `source` holds a bidi control or zero-width
    character: the source holds none and no backslash (the only way a YAML scalar gets a
    character its source does not hold is a double-quoted escape)."""
    return "\\" in source or _HIDDEN.search(source) is not None


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each bidi control or zero-width character in `text`."""
    return [(m.start(), _name(m.group())) for m in _HIDDEN.finditer(text)]


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"
