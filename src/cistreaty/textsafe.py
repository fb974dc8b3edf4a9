"""Text from instrument files and file names made safe to show: the one place that escapes it.

A title, a party's note or a file name is written by anyone who can open a pull request. Printed
raw, an escape sequence can recolour a terminal, rewrite its window title or hide the lines before
it, and a line that starts with `::` is a command to the GitHub Actions runner (`::add-mask::`,
`::stop-commands::`, a forged `::error`). Every output passes such text through this module:

- `printable` for human output (tables, Markdown, plain text): controls become visible `\\xNN`;
- `one_line` for a value that must stay on its line: line breaks and tabs too;
- `ci_line` for a whole line of CI-facing output: `one_line`, and it never starts a workflow command;
- `json_text` for JSON: what `json.dumps` leaves raw (DEL, C1 controls, U+2028/U+2029) as `\\uXXXX`,
  so the JSON still decodes to the exact text;
- `xml_text` for XML: `one_line`, and what XML 1.0 cannot carry at all.
"""

from __future__ import annotations

import json
import re

# C0 and C1 controls except tab and line feed, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# What json.dumps(ensure_ascii=False) writes raw although a terminal or a JavaScript parser minds it.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")
# XML 1.0 cannot carry these at all, escaped or not.
_XML_BAD = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = True) -> str:
    """`text` with control characters shown as \\xNN; with newlines=False, line breaks too."""
    if not newlines:
        text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` on one line, without a control character."""
    return printable(text, newlines=False)


def ci_line(text: str) -> str:
    """A line of CI output: one line, no control character, never a workflow command.

    The Actions runner trims leading white space and runs a line that then starts with `::`; the
    first colon is shown as `\\x3a` instead, like any other character that cannot be written raw.
    """
    line = one_line(text)
    rest = line.lstrip()
    if rest.startswith("::"):
        line = line[: len(line) - len(rest)] + "\\x3a" + rest[1:]
    return line


def json_text(value, **kwargs) -> str:
    """`json.dumps(value, ensure_ascii=False, **kwargs)` with no raw control character in it."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, **kwargs))


def xml_text(text: str) -> str:
    """Text for an XML attribute or element: one line, printable, and allowed in XML 1.0."""
    return _XML_BAD.sub(_escape, one_line(text))
