"""Strings and comments for hand-written YAML: double-quoted with JSON escapes, which YAML reads as the
same string; comments with the characters that would end or break them replaced by spaces."""

from __future__ import annotations

import json
import re

# Characters YAML does not allow raw, or reads as line breaks, even inside a double-quoted scalar.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_COMMENT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def q(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment(text: str) -> str:
    return _COMMENT_UNSAFE.sub(" ", text)
