"""Tables that degrade, never lose: the one layout every terminal table goes through.

A column is either *whole* (party names, ids, ISO dates, status words: never cut, never wrapped) or
*free text* (wraps at word boundaries). The widths are computed here, not left to rich, because rich
shrinks any column, `no_wrap` or not, once a table is too wide, and so cut dates to `2015-1…` and
dropped a Party column to nothing. Columns with nothing in them are left out. When the whole columns
plus a readable width for the free text do not fit the terminal, each row is printed as a block of
"label: value" lines instead of a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

# A free-text column narrower than this is harder to read than a stacked block.
MIN_FREE = 24
# Cells that say nothing: a column of only these is left out.
EMPTY = {"", "—"}


@dataclass
class Column:
    header: str
    free: bool = False  # free text, wrapped at word boundaries; otherwise kept whole
    style: str = ""


def _plain(cell) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _as_text(cell) -> Text:
    return cell if isinstance(cell, Text) else Text(str(cell))


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def kept_columns(columns, rows):
    """Indexes of the columns with something in them."""
    return [i for i in range(len(columns)) if any(_plain(row[i]).strip() not in EMPTY for row in rows)]


def table_widths(columns, rows, width: int) -> list[int] | None:
    """A width per column so that the table fits `width`, or None when it cannot fit readably.

    Headers are kept on one line when that fits, else wrapped between their words."""
    # A roomy free column first, with one-line headers, then with wrapped ones, then the narrowest.
    return (_widths(columns, rows, width, False, 2 * MIN_FREE) or _widths(columns, rows, width, True, 2 * MIN_FREE)
            or _widths(columns, rows, width, True, MIN_FREE))


def _widths(columns, rows, width: int, wrap_headers: bool, least_free: int) -> list[int] | None:
    whole, free = [], []
    for i, col in enumerate(columns):
        cells = [_as_text(row[i]) for row in rows]
        natural = max([c.cell_len for c in cells] + [len(col.header)])
        if col.free:
            words = max([_longest_word(c.plain) for c in cells] + [_longest_word(col.header)])
            free.append((i, natural, max(min(least_free, natural), words)))
        else:
            # A header may wrap between its words ("Provisional / from"); the cells never do.
            header = _longest_word(col.header) if wrap_headers else len(col.header)
            whole.append((i, max([c.cell_len for c in cells] + [header])))
    widths = [0] * len(columns)
    for i, w in whole:
        widths[i] = w
    room = width - sum(w for _, w in whole) - 3 * (len(columns) - 1)
    if room < sum(least for _, _, least in free):
        return None
    # Free columns share what is left, none beyond its natural width.
    pending = sorted(free, key=lambda f: f[1])
    while pending:
        share = room // len(pending)
        i, natural, least = pending.pop(0)
        widths[i] = max(least, min(natural, share))
        room -= widths[i]
    if any(w <= 0 for w in widths):
        return None
    return widths


def grid(columns: list[Column], rows: list[list], width: int, title: Text | str | None = None,
         block_head: int = 0) -> list:
    """Renderables for rows under columns, fit to `width`: a table, or stacked label: value blocks.

    `block_head` is the column whose value heads each block when the rows are stacked.
    """
    keep = kept_columns(columns, rows) if rows else list(range(len(columns)))
    columns = [columns[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    head = keep.index(block_head) if block_head in keep else 0
    out = []
    if title is not None:
        out.append(_as_text(title) if isinstance(title, Text) else Text(title, style="italic"))
    widths = table_widths(columns, rows, width)
    if widths is None:
        out.extend(stacked(columns, rows, width, head))
        return out
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for col, w in zip(columns, widths):
        table.add_column(col.header, width=w, no_wrap=False, overflow="fold", style=col.style or None)
    for row in rows:
        table.add_row(*(_as_text(c) for c in row))
    out.append(table)
    return out


def stacked(columns, rows, width: int, head: int = 0) -> list:
    """One block per row: the head value on its own line, then "label: value" lines, wrapped."""
    out = []
    labels = [c.header for i, c in enumerate(columns) if i != head]
    pad = max((len(label) for label in labels), default=0) + 4  # "  " + label + ": "
    for n, row in enumerate(rows):
        if n:
            out.append(Text(""))
        out.append(_wrapped(_as_text(row[head]).copy(), width, 0, bold=True))
        for i, col in enumerate(columns):
            if i == head or _plain(row[i]).strip() in EMPTY:
                continue
            line = Text(f"  {col.header}:".ljust(pad))
            line.append_text(_as_text(row[i]))
            out.append(_wrapped(line, width, pad))
    return out


def _wrapped(text: Text, width: int, indent: int, bold: bool = False) -> Text:
    """Text wrapped at word boundaries to `width`, continuation lines indented by `indent`."""
    if bold:
        text.stylize("bold")
    if text.cell_len <= width:
        return text
    plain = text.plain
    lines, start = [], 0
    limit = width
    while len(plain) - start > limit:
        cut = plain.rfind(" ", start + 1, start + limit + 1)
        if cut <= start or (start == 0 and cut <= indent):
            # One word longer than the room: it is kept whole past it rather than cut.
            cut = plain.find(" ", start + limit)
            if cut == -1:
                break
        lines.append((start, cut))
        start = cut + 1
        limit = width - indent
    lines.append((start, len(plain)))
    out = Text()
    for k, (a, b) in enumerate(lines):
        if k:
            out.append("\n" + " " * indent)
        out.append_text(text[a:b])
    return out


def wrap(text: Text | str, width: int, indent: int = 0) -> Text:
    """Free text wrapped at word boundaries with a hanging indent (ids and dates are never split)."""
    return _wrapped(_as_text(text).copy(), width, indent)
