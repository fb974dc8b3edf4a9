"""The forms libyaml (a YAML 1.1 parser) reads otherwise than YAML 1.2, refused with their position.

libyaml accepts a few documents YAML 1.2 forbids and gives another value for a few it allows (the
cases of the official YAML test suite that tests/test_yaml_suite.py names). A file that another
YAML 1.2 tool would read differently, or refuse, must not pass lint with a value of libyaml's own,
so each such form is a finding that says how to write it instead (docs/format.md).

Lint reads every file through here, so the check costs nothing unless the text shows a cheap sign
of one of the forms (`check`): a character pair found with `in`, or the loader's note that a
quoted scalar or flow collection spans lines. Only then is the text scanned again, token by token,
to confirm the form where libyaml sees it.
"""

from __future__ import annotations

import bisect
import re

import yaml

from ..diagnostics import Diagnostic, Rule

FLOW_QUESTION = Rule(
    "Y016", "flow-question-mark", "A `?` followed by text inside a flow collection ([...] or {...}).",
    "YAML 1.2 reads `[?x]` as the text \"?x\"; libyaml reads the `?` as a key indicator and gives a "
    "mapping. Quote the text (\"?x\"), or write a space after the `?` for an explicit key.",
    passes="tags: [\"?x\"]", fails="tags: [?x]")
COMMENT_SPACE = Rule(
    "Y017", "comment-space", "A comment (#) that does not follow a space.",
    "YAML 1.2 starts a comment only after white space; libyaml also takes `#` right after a closing "
    "quote, bracket, comma or block indicator as one, where another tool refuses the file. Put a "
    "space before the `#`.",
    passes="title: \"x\" # comment", fails="title: \"x\"# comment")
FLOW_DASH = Rule(
    "Y018", "flow-dash", "A lone `-` as a value inside a flow collection.",
    "In YAML 1.2 a `-` followed by `,`, `]` or `}` is not a value (it would start a block list, which "
    "a flow collection cannot hold); libyaml reads it as the text \"-\". Quote it: \"-\".",
    passes="marks: [\"-\"]", fails="marks: [-]")
CONTINUATION_INDENT = Rule(
    "Y019", "continuation-indent",
    "A line that continues quoted text or a flow collection is not indented past its key or `-`.",
    "YAML 1.2 requires the following lines of a quoted scalar or of a flow collection ([...] or "
    "{...}) inside a block mapping or list to be indented with spaces further than that mapping's "
    "keys (or the list's `-`); libyaml accepts them at any indentation, or after a tab. Indent the "
    "line with spaces (a line holding only the closing `]` or `}` may stay at the key's column).",
    passes="note: \"a long\n  sentence\"", fails="note: \"a long\nsentence\"")
BLOCK_SPACES = Rule(
    "Y020", "block-scalar-spaces",
    "Lines of only spaces in a block scalar (| or >) that libyaml and YAML 1.2 read differently.",
    "Two forms: leading empty lines of a block scalar with more spaces than its first non-empty line "
    "(YAML 1.2 refuses them, libyaml drops them), and a file that ends inside a block scalar on a "
    "line of spaces without a final line break (YAML 1.2 keeps a line break there, libyaml does not). "
    "Remove the spaces of those lines, or end the file with a line break. (No example is shown: "
    "the lines at issue hold only spaces.)")

_BREAK = re.compile("\r\n|[\r\n]")  # YAML 1.2's line breaks: the lines an editor shows
_ENDS_TOKEN = frozenset("]}[{,:\"'|>+-0123456789")  # characters a token can end with before a `#`
_DASH_SIGN = re.compile(r"-[,\]}]")  # faster than three `in` scans on text full of dates
_FLOW_START = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_END = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_BLOCK_START = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken)


def check(text: str, path: str, spans: bool) -> Diagnostic | None:
    """The first of these forms in an already parsed text, or None. `spans`: the loader saw a quoted
    scalar or flow collection on more than one line."""
    # One-character scans (memchr) first: a two-character `in` costs several times more.
    if not (spans or _comment_sign(text) or _question_sign(text) or _DASH_SIGN.search(text)
            or (("|" in text or ">" in text) and (text[-1:] == " " or " \n" in text or " \r" in text))):
        return None
    found = _Scan(text).first()
    if found is None:
        return None
    index, rule, message = found
    line, col = _position(text, index)
    return Diagnostic(path, line, col, rule.code, message)


def _comment_sign(text: str) -> bool:
    i = text.find("#", 1)
    while i > 0:
        if text[i - 1] in _ENDS_TOKEN:
            return True
        i = text.find("#", i + 1)
    return False


def _question_sign(text: str) -> bool:
    i = text.find("?")
    while i >= 0:
        after = text[i + 1: i + 2]
        if after and after not in " \t\r\n,[]{}" and (i == 0 or text[i - 1] in " \t\r\n[{,:"):
            return True
        i = text.find("?", i + 1)
    return False


def _position(text: str, index: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _BREAK.finditer(text, 0, index)]
    return len(starts), index - starts[-1] + 1


class _Scan:
    """libyaml's tokens of the text, with the block indentation each one sits in."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = []  # (token, flow level, column of the enclosing block's keys or `-`, or -1)
        loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
        try:
            blocks: list[int] = []
            level = 0
            while (token := loader.get_token()) is not None:
                if isinstance(token, _FLOW_END):
                    level -= 1
                self.tokens.append((token, level, blocks[-1] if blocks else -1))
                if isinstance(token, _FLOW_START):
                    level += 1
                elif isinstance(token, _BLOCK_START):
                    blocks.append(token.start_mark.column)
                elif isinstance(token, yaml.BlockEndToken) and blocks:
                    blocks.pop()
        finally:
            loader.dispose()
        self.spans = [(t.start_mark.index, t.end_mark.index, t) for t, _, _ in self.tokens
                      if t.start_mark.index < t.end_mark.index]
        self.span_starts = [s for s, _, _ in self.spans]

    def first(self):
        found = [f for f in (self._question(), self._dash(), self._comment(), self._indent(), self._block())
                 if f is not None]
        return min(found, key=lambda f: f[0]) if found else None

    def _inside(self, index: int):
        """The scalar or other token whose text holds the character at index, or None."""
        k = bisect.bisect_right(self.span_starts, index) - 1
        if k >= 0 and self.spans[k][0] <= index < self.spans[k][1]:
            return self.spans[k][2]
        return None

    def _in_scalar(self, index: int) -> bool:
        return isinstance(self._inside(index), yaml.ScalarToken)

    def _question(self):
        text = self.text
        for token, level, _ in self.tokens:
            i = token.start_mark.index
            if (level and isinstance(token, yaml.KeyToken) and text[i: i + 1] == "?"
                    and text[i + 1: i + 2] not in ("", " ", "\t", "\r", "\n")):
                word = re.match(r"\?[^\s,\[\]{}:]*", text[i:]).group(0)
                return i, FLOW_QUESTION, (f"`{word}` in a flow collection: YAML 1.2 reads the text "
                                          f"\"{word}\", libyaml a key; quote it (\"{word}\")")
        return None

    def _dash(self):
        text = self.text
        for token, level, _ in self.tokens:
            if (level and isinstance(token, yaml.ScalarToken) and token.plain and token.value == "-"
                    and text[token.end_mark.index: token.end_mark.index + 1] in (",", "]", "}")):
                return (token.start_mark.index, FLOW_DASH,
                        "a lone `-` in a flow collection is not a value in YAML 1.2: quote it (\"-\")")
        return None

    def _comment(self):
        text = self.text
        i = text.find("#", 1)
        while i > 0:
            if text[i - 1] in _ENDS_TOKEN and self._starts_comment(i):
                return i, COMMENT_SPACE, "a comment must follow a space: write ` #` here"
            i = text.find("#", i + 1)
        return None

    def _starts_comment(self, i: int) -> bool:
        """Whether the `#` at i begins a comment: outside every token (or in a block scalar's header
        line) and the first such `#` of its line."""
        text = self.text
        line_start = max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1
        j = text.find("#", line_start)
        while j != -1 and j <= i:
            token = self._inside(j)
            if token is None or (isinstance(token, yaml.ScalarToken) and token.style in ("|", ">")
                                 and not _BREAK.search(text, token.start_mark.index, j)):
                return j == i
            j = text.find("#", j + 1)
        return False

    def _indent(self):
        """Y019: the following lines of a quoted scalar or flow collection in block context."""
        opened = None  # (start token, its block column) of the outermost flow collection
        for token, level, column in self.tokens:
            if level == 0 and isinstance(token, _FLOW_START):
                opened = (token, column)
            elif level == 0 and isinstance(token, _FLOW_END) and opened is not None:
                start, column = opened
                opened = None
                found = self._lines(start.start_mark.index, token.start_mark.index, column, flow=True)
                if found is not None:
                    return found
            elif level == 0 and isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                found = self._lines(token.start_mark.index, token.end_mark.index, column, flow=False)
                if found is not None:
                    return found
        return None

    def _lines(self, start: int, end: int, column: int, flow: bool):
        if column < 0:
            return None
        text = self.text
        for m in _BREAK.finditer(text, start, end):
            first = m.end()
            after = _BREAK.search(text, first)
            row = text[first: after.start() if after else len(text)]
            spaces = len(row) - len(row.lstrip(" "))
            at = first + spaces
            content = row[spaces:].lstrip(" \t")
            if not (content if flow else row[spaces:]):
                continue  # a blank line (in a flow collection also one of tabs: separation)
            if spaces > column:
                continue
            if flow and not self._in_scalar(first + len(row) - len(content)):
                if content[0] == "#":
                    continue  # a comment line
                if content[0] in "]}":
                    continue  # the closing bracket alone may stand at the key's column
            what = "flow collection" if flow else "quoted text"
            return (at, CONTINUATION_INDENT,
                    f"this line continues the {what} of line {_position(text, start)[0]} but is not "
                    f"indented past column {column + 1}: indent it with spaces (not a tab)")
        return None

    def _block(self):
        """Y020: whitespace-only lines of a block scalar that libyaml reads otherwise."""
        text = self.text
        for token, _, column in self.tokens:
            if not (isinstance(token, yaml.ScalarToken) and token.style in ("|", ">")):
                continue
            start, end = token.start_mark.index, token.end_mark.index
            header_end = _BREAK.search(text, start)
            if header_end is None:
                continue
            if end >= len(text) and not text.endswith(("\n", "\r")):
                last = max(text.rfind("\n"), text.rfind("\r")) + 1
                if last > start and text[last:] and not text[last:].strip(" "):
                    return (last, BLOCK_SPACES, "the file ends inside a block scalar on a line of spaces "
                                                "without a line break: YAML 1.2 reads a line break there, "
                                                "libyaml does not; end the file with a line break")
            if any(c.isdigit() for c in text[start: header_end.start()].split("#")[0]):
                continue  # an explicit indentation indicator: nothing is detected
            most, most_at = 0, None
            pos = header_end.end()
            while pos < len(text):
                m = _BREAK.search(text, pos)
                line_end = m.start() if m else len(text)
                row = text[pos:line_end]
                if row.strip(" "):
                    indent = len(row) - len(row.lstrip(" "))
                    if column < indent < most:
                        return (most_at, BLOCK_SPACES,
                                f"a leading empty line of this block scalar holds {most} spaces, more than "
                                f"its first line's {indent}: remove the spaces of that line")
                    break
                if len(row) > most:
                    most, most_at = len(row), pos
                if m is None:
                    break
                pos = m.end()
        return None
