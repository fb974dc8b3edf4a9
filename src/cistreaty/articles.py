"""Article numbers: how they order. Shared by the lint rules, the amendment engine and the diff."""

from __future__ import annotations

import re


def article_key(number: str) -> tuple:
    """Sort key for article numbers: 7 < 7.1 < 7.2 < 8; non-numeric parts sort by text."""
    key = []
    for part in re.split(r"[.\-]", number):
        key.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(key)
