"""Plain data (dicts, lists, strings, numbers, dates) as block-style YAML, byte-for-byte deterministic.

Strings are double-quoted with JSON escapes (importer.emit.q), which YAML reads as the same string;
keys that YAML 1.1 would read as something else (`no`, `on`, `NO` ...) are quoted too.
"""

from __future__ import annotations

import datetime as dt
import re

from .emit import q

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_YAML11 = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def key(k: str) -> str:
    return k if _PLAIN_KEY.match(k) and k.lower() not in _YAML11 else q(k)


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, dt.date)):
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    return q(str(v))


def lines(value, indent: int = 0) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{key(k)}:")
                out += lines(v, indent + 2)
            else:
                out.append(f"{pad}{key(k)}: {empty(v) if isinstance(v, (dict, list)) else scalar(v)}")
    else:
        for v in value:
            if isinstance(v, (dict, list)) and v:
                inner = lines(v, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out += inner[1:]
            else:
                out.append(f"{pad}- {empty(v) if isinstance(v, (dict, list)) else scalar(v)}")
    return out


def empty(v) -> str:
    return "{}" if isinstance(v, dict) else "[]"
