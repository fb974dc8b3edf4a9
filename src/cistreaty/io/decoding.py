"""Bytes to text for every file cistreaty reads as YAML: UTF-8 only, and a hint when the bytes read
as Cyrillic text in a legacy encoding (a Russian text saved from an old editor)."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Rule
from .yamlio import LoadError

ENCODING = Rule(
    "Y005", "encoding", "The file is not UTF-8.",
    "Instrument files are UTF-8 (a byte-order mark is accepted). The position is that of the first "
    "byte that is not valid UTF-8; UTF-16 files are refused as a whole.")


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 only (a BOM is accepted and dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError([Diagnostic(path, 1, 1, ENCODING.code, "file is UTF-16: save it as UTF-8")])
    if looks_utf16(data[:256]):
        raise LoadError([Diagnostic(path, 1, 1, ENCODING.code,
                                    "file is UTF-16 (with no byte-order mark): save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        rows = re.split(rb"\r\n|\r|\n", data[: exc.start])  # the line breaks libyaml counts
        line = len(rows)
        col = len(rows[-1].decode("utf-8", "replace")) + 1
        raise LoadError([Diagnostic(path, line, col, ENCODING.code,
                                    f"invalid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8"
                                    + legacy_hint(data, path))]) from None


def looks_utf16(head: bytes) -> bool:
    """Whether the bytes read as UTF-16 text with no BOM: a NUL beside every character of the ASCII
    key names that start any instrument file (`id: ...`), which no UTF-8 text holds."""
    if len(head) < 8 or head.count(0) < len(head) // 3:
        return False
    pairs = len(head) // 2
    low = sum(head[i] == 0 for i in range(1, 2 * pairs, 2))  # little-endian: "i\0d\0"
    high = sum(head[i] == 0 for i in range(0, 2 * pairs, 2))  # big-endian: "\0i\0d"
    return max(low, high) >= pairs * 3 // 4 and min(low, high) < pairs // 4


# Single-byte Cyrillic encodings a Russian text is most often saved in, most likely first.
_FREQUENT = set("оеаинтсрвлкмдпу")
_LEGACY = (("cp1251", "Windows-1251 (CP1251)"), ("koi8_r", "KOI8-R"), ("cp866", "DOS (CP866)"))


def legacy_hint(data: bytes, path: str) -> str:
    """'; it looks like Windows-1251 ...: convert it with iconv' when the bytes read as Cyrillic
    text in a legacy encoding, else ''. Decides on the letters: the encoding under which the
    non-ASCII letters are mostly Cyrillic, and most often the frequent Russian letters, wins."""
    sample = data[:65536]
    as_utf8 = sample.decode("utf-8", "replace")
    bad = as_utf8.count("\ufffd")
    if sum(ord(c) > 127 for c in as_utf8) - bad > bad:
        return ""  # mostly UTF-8 already, with a stray byte: no legacy encoding to name
    best, best_score = None, 0.0
    for codec, name in _LEGACY:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if ord(c) > 127 and c.isalpha()]
        if len(letters) < 3:
            continue
        # Accented Latin (café) reads as Cyrillic too, but sits inside words of ASCII letters.
        mixed = len(re.findall(r"[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]", text))
        if mixed > len(letters) / 10:
            continue
        cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
        # Read the wrong way, the most frequent Russian letters turn into rare ones.
        score = len(cyrillic) / len(letters) + sum(c.lower() in _FREQUENT for c in cyrillic) / len(letters)
        if len(cyrillic) / len(letters) >= 0.9 and score > best_score:
            best, best_score = (codec, name), score
    if best is None:
        return ""
    import shlex

    iconv = {"cp1251": "CP1251", "koi8_r": "KOI8-R", "cp866": "CP866"}[best[0]]
    path = shlex.quote(path)
    return (f"; it looks like {best[1]} Cyrillic text: convert it with "
            f"`iconv -f {iconv} -t UTF-8 {path} > {path}.utf8` and rename the result")
