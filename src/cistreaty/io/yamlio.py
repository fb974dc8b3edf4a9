"""Safe YAML loading that keeps the position of every node.

Values are built from the parser's event stream (libyaml's CParser when present), never with
`yaml.load`: the event stream is flat, so a deeply nested file cannot crash the composer, and
building values ourselves lets us refuse anchors, aliases and tags, report duplicate keys and
impossible dates with their position, and stop at documented limits before expensive work.

Scalars follow the YAML 1.2 core schema for booleans (only true/false), so that a party key
`NO` (Norway) stays a string instead of becoming False as under YAML 1.1.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml
from yaml import events as ev

from ..diagnostics import Diagnostic, Rule
from . import yaml12_forms
from .line_breaks import LineFix

try:
    from yaml import CSafeLoader as _Loader  # libyaml

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader

    LIBYAML = False

_PyLoader = yaml.SafeLoader  # the fallback when libyaml refuses a depth itself (see `loads`)

# Documented in docs/format.md ("Limits").
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_SCALAR_CHARS = 200_000
MAX_INT_DIGITS = 30
# Past this many, duplicate keys are summed up in one more line: a file of 100,000 repeated
# keys must not print 100,000 lines.
MAX_DUPLICATE_REPORTS = 20

# The codes this reader reports (`cistreaty rules`); the linter's registry collects them.
SYNTAX = Rule("Y001", "yaml-syntax", "The file is not valid YAML.",
              "The YAML parser stopped at this position. Fix the syntax there; nothing after it was checked.",
              fails="title: {en: \"Agreement\"")
DUPLICATE_KEY = Rule(
    "Y002", "duplicate-key", "A mapping has the same key twice.",
    "YAML loaders keep the last value silently, so one of the two would be lost. Remove or rename one. "
    "This also catches a party listed twice under `parties`.",
    passes="parties:\n  KG: {signed: 2025-06-05}", fails="parties:\n  KG: {signed: 2025-06-05}\n  KG: {}")
ANCHOR_ALIAS = Rule(
    "Y003", "anchor-alias", "Anchors (&x) and aliases (*x) are refused.",
    "A treaty file has no use for them, and aliases allow exponential expansion (the 'billion laughs' "
    "attack). Write the value out in full.",
    fails="signed: &s {date: 2025-06-05}\nadopted: *s")
TAB_INDENT = Rule("Y004", "tab-indent", "A tab character is used for indentation.",
                  "YAML indents with spaces only. Replace the tab with spaces.")
EMPTY_FILE = Rule("Y006", "empty-file", "The file is empty.",
                  "An instrument file is a mapping with at least `id`, `type` and `title`.")
ROOT_NOT_MAPPING = Rule(
    "Y007", "root-not-mapping", "The file's top level is not a mapping.",
    "An instrument file is a mapping of keys (`id:`, `type:`, ...), not a list or a single value.",
    passes="id: heavy-machinery", fails="- id: heavy-machinery")
IMPOSSIBLE_DATE = Rule(
    "Y008", "impossible-date", "A date that does not exist, such as 2025-02-30.",
    "Unquoted values of the form YYYY-MM-DD are dates; this one names a day that does not exist.",
    passes="signed: {date: 2025-02-28}", fails="signed: {date: 2025-02-30}")
TOO_DEEP = Rule("Y009", "too-deep", "Nesting deeper than the limit (64 levels).",
                "No instrument needs that depth; the limit protects the tools that read the file.")
TAG = Rule(
    "Y013", "tag", "A YAML tag other than the standard scalar ones.",
    "Tags such as !!python/object make some loaders run code. cistreaty never does, and refuses the "
    "file so that no other tool is tempted to.",
    passes="id: heavy-machinery", fails="id: !!python/object:os.system heavy-machinery")
TOO_MANY_NODES = Rule(
    "Y014", "too-many-nodes", "The file exceeds the node or scalar-length limit.",
    "At most 200,000 nodes and 200,000 characters per scalar; real instruments are far below both.")
NUMBER_TOO_LARGE = Rule(
    "Y015", "number-too-large", "A number with more than 30 digits.",
    "No field of an instrument takes such a number; converting it is costly and always a mistake.",
    passes="count: 3", fails="count: 1000000000000000000000000000000000")

CORE_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {CORE_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_ALLOWED_TAGS.add("!")

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
# The core schema's spellings exactly: `.iNf` is a string there too.
_SPECIAL_FLOAT = {sign + word: float(("-" if sign == "-" else "") + "inf")
                  for sign in ("", "+", "-") for word in (".inf", ".Inf", ".INF")}
_SPECIAL_FLOAT.update({word: float("nan") for word in (".nan", ".NaN", ".NAN")})
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")  # zero-padded only: 2025-6-5 stays a string
_NULL = {"", "~", "null", "Null", "NULL"}
_NOT_WORD_START = frozenset("0123456789+-.~")
# Only these two spellings are booleans: YAML 1.2's core schema also reads True/TRUE/False/FALSE,
# but a file that says `TRUE` where a boolean goes says more than the format allows (docs/format.md).
_BOOL = {"true": True, "false": False}


_SPECIAL_WORDS = frozenset(_NULL) | frozenset(_BOOL)
_QUOTED = ("'", '"')


class LoadError(Exception):
    """The file cannot be turned into a value; `diagnostics` says why and where."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0].format() if diagnostics else "load error")
        self.diagnostics = diagnostics


@dataclass
class Loaded:
    value: object
    positions: object  # the index of io/positions.py
    diagnostics: list[Diagnostic]  # findings that did not stop the load (duplicate keys)


# The position tree, parallel to the value, is described and read in `io/positions.py`.


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Fail(Exception):
    def __init__(self, code, message, mark=None, line=None, col=None):
        self.code = code
        self.message = message
        if mark is not None:
            line, col = _pos(mark)
        self.line = line or 0
        self.col = col or 0


def _scalar(event: ev.ScalarEvent):
    value = event.value
    tag = event.tag
    if tag is not None and tag not in _ALLOWED_TAGS:
        raise _Fail(TAG.code, f"tag {tag!r} is not allowed: instrument files hold plain data only", event.start_mark)
    if len(value) > MAX_SCALAR_CHARS:
        raise _Fail(TOO_MANY_NODES.code, f"scalar of {len(value)} characters exceeds the limit of {MAX_SCALAR_CHARS}", event.start_mark)
    plain = event.implicit[0] and not event.style  # libyaml says '' where PyYAML says None
    if tag is None and not plain:
        return value
    if tag == "!" or tag == CORE_TAG + "str":
        return value
    if tag is None or tag in (CORE_TAG + "int", CORE_TAG + "timestamp", CORE_TAG + "null",
                              CORE_TAG + "bool", CORE_TAG + "float"):
        return _resolve_plain(value, event)
    return value


def _resolve_plain(value: str, event):
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            digits = len(value.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                raise _Fail(NUMBER_TOO_LARGE.code, f"integer of {digits} digits exceeds the limit of {MAX_INT_DIGITS}", event.start_mark)
            return int(value)
        m = _DATE.match(value)
        if m:
            y, mo, d = m.groups()
            try:
                return dt.date(int(y), int(mo), int(d))
            except ValueError as exc:
                raise _Fail(IMPOSSIBLE_DATE.code, f"impossible date {value}: {exc}", event.start_mark) from None
        if value in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value]
        if _FLOAT.match(value):
            if len(value) > MAX_INT_DIGITS + 10:
                raise _Fail(NUMBER_TOO_LARGE.code, f"number of {len(value)} characters exceeds the limit", event.start_mark)
            return float(value)
    return value


def _build(parser, path: str):
    """Build the value and its position tree from the parser's events.

    The loop is written flat (no generator, attach inlined for scalars) because it runs once
    per node of every file and is most of lint's cost after libyaml itself.
    """
    dups: list[Diagnostic] = []
    stack: list[list] = []  # frames: [is_map, value, pos, pending_key, pending_key_pos, mark]
    root = root_pos = None
    have_root = False
    nodes = 0
    get_event = parser.get_event
    ScalarEvent, MappingStart, SequenceStart = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    MappingEnd, SequenceEnd, StreamEnd = ev.MappingEndEvent, ev.SequenceEndEvent, ev.StreamEndEvent
    frame = None
    # Whether a quoted scalar or flow collection spans lines: yaml12_forms checks those.
    spans = False
    flow_depth = flow_line = -1

    def attach(value, pos, mark):
        nonlocal root, root_pos, have_root
        if frame is None:
            root, root_pos, have_root = value, pos, True
            return
        if not frame[0]:
            frame[1].append(value)
            frame[2][2].append(pos)
            return
        if frame[3] is _NOKEY:  # this node is a key
            if isinstance(value, (dict, list)):
                raise _Fail(SYNTAX.code, "a mapping key must be a plain value, not a mapping or list", mark)
            frame[3] = value
            frame[4] = pos[:2]
            return
        key = frame[3]
        frame[3] = _NOKEY
        if key in frame[1]:
            first = frame[2][2][key]
            dups.append(Diagnostic(path, frame[4][0], frame[4][1], DUPLICATE_KEY.code,
                                   f"duplicate key {key!r} (first at line {first[0]}); the second would silently win"))
            return
        frame[1][key] = value
        frame[2][2][key] = frame[4]
        frame[2][3][key] = pos

    while True:
        event = get_event()
        cls = type(event)
        if cls is ScalarEvent:
            nodes += 1
            if event.anchor is not None or nodes > MAX_NODES:
                _refuse_node(event, nodes)
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            value = event.value
            if event.style in _QUOTED and event.end_mark.line != mark.line:
                spans = True
            # Fast path: quoted/block scalars and plain words that cannot be null, bool or number.
            if not (event.tag is None and len(value) <= MAX_SCALAR_CHARS and (
                    event.style or (value and value[0] not in _NOT_WORD_START and value not in _SPECIAL_WORDS))):
                value = _scalar(event)
            # The common cases skip the call: a plain key, a new key's value, a list item.
            if frame is not None and frame[0]:
                key = frame[3]
                if key is _NOKEY:
                    frame[3] = value
                    frame[4] = pos
                elif key not in frame[1]:
                    frame[1][key] = value
                    frame[2][2][key] = frame[4]
                    frame[2][3][key] = pos
                    frame[3] = _NOKEY
                else:
                    attach(value, pos, mark)
            elif frame is not None:
                frame[1].append(value)
                frame[2][2].append(pos)
            else:
                attach(value, pos, mark)
        elif cls is MappingStart or cls is SequenceStart:
            nodes += 1
            if event.anchor is not None or nodes > MAX_NODES:
                _refuse_node(event, nodes)
            if event.tag is not None and event.tag not in _ALLOWED_TAGS:
                raise _Fail(TAG.code, f"tag {event.tag!r} is not allowed: instrument files hold plain data only",
                            event.start_mark)
            if len(stack) >= MAX_DEPTH:
                raise _Fail(TOO_DEEP.code, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            mark = event.start_mark
            if event.flow_style and flow_depth < 0:
                flow_depth, flow_line = len(stack), mark.line
            if cls is MappingStart:
                frame = [True, {}, (mark.line + 1, mark.column + 1, {}, {}), _NOKEY, None, mark]
            else:
                frame = [False, [], (mark.line + 1, mark.column + 1, []), None, None, mark]
            stack.append(frame)
        elif cls is MappingEnd or cls is SequenceEnd:
            done = stack.pop()
            if len(stack) == flow_depth:
                spans = spans or event.end_mark.line != flow_line
                flow_depth = -1
            frame = stack[-1] if stack else None
            attach(done[1], done[2], done[5])
        elif cls is StreamEnd or event is None:
            break
        elif cls is ev.AliasEvent:
            raise _Fail(ANCHOR_ALIAS.code, f"alias *{event.anchor} is not allowed: write the value out", event.start_mark)
        elif cls is ev.DocumentStartEvent and have_root:
            raise _Fail(SYNTAX.code, "more than one YAML document in the file", event.start_mark)
    return root, root_pos, have_root, dups, spans


def _refuse_node(event, nodes: int):
    if event.anchor is not None:
        raise _Fail(ANCHOR_ALIAS.code, f"anchor &{event.anchor} is not allowed: write the value out", event.start_mark)
    raise _Fail(TOO_MANY_NODES.code, f"more than {MAX_NODES} nodes: the file exceeds the node limit", event.start_mark)


class _NoKey:
    __slots__ = ()


_NOKEY = _NoKey()


def _document(text: str, path: str):
    # Three substring scans run in C; the regex search was a measurable part of every load.
    fix = LineFix(text) if ("\x85" in text or "\u2028" in text or "\u2029" in text) else None
    try:
        *built, spans = _parse(text, path, fix, _Loader)
    except _DepthRefused as refusal:
        *built, spans = _past_refusal(text, path, fix, refusal)
    other_reading = yaml12_forms.check(text, path, spans)
    if other_reading is not None:
        raise LoadError([other_reading])
    return (*built, fix)


def parse_value(text: str, path: str = "<string>") -> tuple[object, bool]:
    """(value, whether the stream holds a document) of YAML text with any root, as `loads` reads
    it; raises LoadError as `loads` does. For conformance tests and tools, not instrument files."""
    value, _positions, have_root, _dups, _fix = _document(text, path)
    return value, have_root


def loads(text: str, path: str = "<string>", mapping: str = "an instrument file is a mapping") -> Loaded:
    """Parse YAML text into (value, positions). Raises LoadError with positioned diagnostics;
    `mapping` says what the root must be (a configuration file's reader words it for itself)."""
    value, positions, have_root, dups, fix = _document(text, path)
    if not have_root or value is None:
        raise LoadError([Diagnostic(path, 1, 1, EMPTY_FILE.code, f"file is empty: {mapping}")])
    if not isinstance(value, dict):
        kind = "list" if isinstance(value, list) else type(value).__name__
        raise LoadError([Diagnostic(path, positions[0], positions[1], ROOT_NOT_MAPPING.code,
                                    f"the file's root is a {kind}: {mapping}")])
    if fix:
        positions = fix.tree(positions)
        dups = [fix.diagnostic(d) for d in dups]
    if len(dups) > MAX_DUPLICATE_REPORTS:
        extra = len(dups) - MAX_DUPLICATE_REPORTS
        last = dups[MAX_DUPLICATE_REPORTS]
        dups = dups[:MAX_DUPLICATE_REPORTS] + [Diagnostic(
            path, last.line, last.col, DUPLICATE_KEY.code, f"{extra} more duplicate keys from here on (not listed one by one)")]
    return Loaded(value, positions, dups)


class _DepthRefused(Exception):
    """The parser itself refused the nesting before our limit could be checked on its events."""

    def __init__(self, mark):
        super().__init__()
        self.mark = mark


def _past_refusal(text: str, path: str, fix, refusal: _DepthRefused):
    """Find the first finding of a file libyaml refused for its nesting depth, as without that limit.

    libyaml >= 0.2.6 (PyYAML 6.0.4's wheels) refuses nesting past 1000 levels in its scanner, which
    reads up to 1024 characters ahead on a line: on `[[[[...` it fails before it has handed over
    the events that reach our own, lower limit, so the documented Y009 would become a Y001. The
    text before the refusal holds the same tokens with or without that limit (a simple key that
    could change them spans under 1024 characters, less than the ~1870 between our level and
    libyaml's), so libyaml parses that prefix again and our limit stops it at the same event as
    on the whole file. Only a finding strictly before the cut counts; otherwise (a libyaml with an
    even lower limit) the pure-Python parser, which has no limit, reads the whole file.
    """
    cut = refusal.mark
    at_cut = fix.point(cut.line + 1, cut.column + 1) if fix else (cut.line + 1, cut.column + 1)
    try:
        _parse(text[: cut.index], path, fix, _Loader)
    except LoadError as exc:
        first = exc.diagnostics[0]
        if (first.line, first.col) < at_cut:
            raise
    except _DepthRefused:
        pass
    return _parse(text, path, fix, _PyLoader)


def _is_depth_refusal(exc: yaml.MarkedYAMLError) -> bool:
    # libyaml 0.2.6: "exceeded maximum nesting depth" (context "while increasing flow level" or
    # "while increasing block level").
    return "nesting depth" in (exc.problem or "")


def _parse(text: str, path: str, fix, loader_class):
    parser = loader_class(text)
    try:
        return _build(parser, path)
    except _Fail as f:
        line, col = fix.point(f.line, f.col) if fix else (f.line, f.col)
        raise LoadError([Diagnostic(path, line, col, f.code, f.message)]) from None
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _PyLoader and _is_depth_refusal(exc):
            raise _DepthRefused(exc.problem_mark) from None
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (0, 0)
        if fix:
            line, col = fix.point(line, col)
        elif text and text[-1] not in "\r\n":
            # libyaml ends the stream with a line break of its own: at the end of a file without
            # one it names the line after the last, which no editor shows. The end of the text.
            line, col = min((line, col), LineFix(text).at(len(text)))
        problem = exc.problem or "syntax error"
        if _tab_at(text, line, col):
            code, message = TAB_INDENT.code, "tab character used for indentation: YAML indents with spaces"
        else:
            code, message = SYNTAX.code, f"YAML syntax error: {problem}" + (f" ({exc.context})" if exc.context else "")
        raise LoadError([Diagnostic(path, line, col, code, message)]) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise LoadError([_reader_error(exc, text, path, chars=loader_class is _PyLoader)]) from None
    finally:
        parser.dispose()


def _reader_error(exc: yaml.YAMLError, text: str, path: str, chars: bool = False) -> Diagnostic:
    """A character the YAML reader refuses (control characters, U+FFFE), at its own position.

    libyaml's reader reports a byte offset into the UTF-8 encoding (the pure-Python one a
    character index), without line or column."""
    offset = getattr(exc, "position", None)
    char = getattr(exc, "character", None)
    if not isinstance(offset, int):
        return Diagnostic(path, 1, 1, SYNTAX.code, f"YAML error: {' '.join(str(exc).split())}")
    index = offset if chars else len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line, col = LineFix(text).at(index)
    what = f"character U+{char:04X}" if isinstance(char, int) else "a character"
    reason = getattr(exc, "reason", None) or "not allowed"
    return Diagnostic(path, line, col, SYNTAX.code, f"{what} is not allowed in YAML: {reason}")


def _tab_at(text: str, line: int, col: int) -> bool:
    """Whether the error position sits in a line's indentation that contains a tab."""
    lines = text.split("\n", line)
    if not 1 <= line <= len(lines):
        return False
    row = lines[line - 1]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[col - 1: col] == "\t"
