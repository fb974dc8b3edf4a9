"""Characters that reorder or hide text (bidi controls, zero-width characters).

"1" and "1\u200b" look the same everywhere and are different article numbers; a right-to-left
override makes a reviewer read a party key or a sentence in another order than the file holds it
(Trojan Source). In a name (an id, a key, an article number, a reference to one) they are errors:
nothing legitimate needs them there. In text they are warnings: a script may need a joiner.

Runs on the plain YAML value, before the schema, so a party key or an id that also fails its
pattern is still explained. Pure: value and positions in, findings out.
"""

from __future__ import annotations

from ...diagnostics import Diagnostic, Rule
from ...textsafe import hidden_characters, may_hold_hidden, printable

IN_NAME = Rule(
    "C117", "hidden-character-in-name",
    "A bidi control or zero-width character in an id, a key or an article number.",
    "Ids, mapping keys (party codes, source keys, language codes), article numbers and "
    "references to them (`article`, `after`, `cite`, `amends`, `source`, `against`) never "
    "need right-to-left overrides, isolates, marks or zero-width characters (U+200B-U+200F, "
    "U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+061C, U+180E, U+FEFF). They make two "
    "different names look the same (`1` and `1\\u200b`) or show characters in another "
    "order than the file holds them. Remove them.",
    passes='articles:\n  - number: "1"', fails='articles:\n  - number: "1\\u200b"   # a zero-width space')
IN_TEXT = Rule(
    "C118", "hidden-character-in-text", "A bidi control or zero-width character in a text (a warning).",
    "Titles, paragraphs and notes rarely need them, and they can hide or reorder what a "
    "reviewer reads. Outputs show them as \\uNNNN. Remove them unless the script of the "
    "text needs one (a joiner in some scripts).",
    passes='title: {en: "Agreement"}', fails='title: {en: "Agree\\u202ement"}   # a right-to-left override',
    severity="warning")

# Keys whose string value names something: an id, an article, a source, a party.
NAME_KEYS = frozenset({"id", "amends", "number", "article", "after", "cite", "source", "against", "type", "op"})


def check_value(value, positions, display: str, source: str | None = None) -> list[Diagnostic]:
    """A diagnostic for each string holding such a character, on the plain YAML value. `source`:
    the text the value was read from, when known; most files hold no such character and no escape,
    so no string read from them can, and walking the value would find nothing."""
    if source is not None and not may_hold_hidden(source):
        return []
    out: list = []
    _walk(value, positions, (), out)
    return [Diagnostic(display, line, col, code, message, severity) for line, col, code, message, severity in out]


def _where(path: tuple) -> str:
    return ".".join(printable(str(p), newlines=False) for p in path) or "(top)"


def _report(text: str, line: int, col: int, path: tuple, name: bool, out: list) -> None:
    found = hidden_characters(text)
    if not found:
        return
    names = sorted({n for _, n in found})
    if name:
        out.append((line, col, IN_NAME.code, f"{_where(path)} '{printable(text, newlines=False)}': holds {', '.join(names)}, which cannot be seen: "
                                       "two names that look the same would differ", "error"))
    else:
        out.append((line, col, IN_TEXT.code, f"{_where(path)}: holds {', '.join(names)}, which cannot be seen "
                                       "or reorders what is shown", IN_TEXT.severity))


def _walk(value, pos, path: tuple, out: list) -> None:
    if isinstance(value, dict):
        keys_pos = pos[2] if isinstance(pos, tuple) and len(pos) == 4 else {}
        children = pos[3] if isinstance(pos, tuple) and len(pos) == 4 else {}
        for key, child in value.items():
            if isinstance(key, str):
                kline, kcol = keys_pos.get(key, (0, 0))
                _report(key, kline, kcol, path + (key,), True, out)
            _walk(child, children.get(key), path + (key,), out)
    elif isinstance(value, list):
        items = pos[2] if isinstance(pos, tuple) and len(pos) == 3 else []
        for i, child in enumerate(value):
            _walk(child, items[i] if i < len(items) else None, path + (i,), out)
    elif isinstance(value, str):
        line, col = (pos[0], pos[1]) if isinstance(pos, tuple) else (0, 0)
        name = bool(path) and isinstance(path[-1], str) and path[-1] in NAME_KEYS
        _report(value, line, col, path, name, out)
