"""`cistreaty status` over the corpus: the overview (no ID) and one party across it (`--party P`).

The work is spread over a process pool (io/corpus.map_corpus): each worker parses and computes the
instruments it is given and sends back only what is printed of each (a table row, or its JSON text),
never a model or a status object (4.5 KB pickled and ~23 KB resident per instrument, where a row
needs a few dozen bytes). The main process keeps a row per instrument, and for JSON only where its
text lies in a temporary file, so that its memory does not grow with the JSON of the corpus.
"""

from __future__ import annotations

import typer

from . import common
from .status_cmd import _console, _print_json


def _printed_row(inst, as_of, json_out):
    """(id, what the overview prints of it): its JSON text or its table row."""
    from ..engine.status import compute_status

    res = compute_status(inst, as_of)
    if json_out:
        return inst.id, _json_item(res.to_json())
    from ..render.tables import overview_row

    return inst.id, overview_row(inst, res)


def _party_item(inst, code, as_of, explain, json_out):
    """(id, what `status --party` prints of it: its JSON text or its table row), or None when the
    instrument does not name the party."""
    if code not in inst.parties:
        return None
    from ..engine.status import compute_status

    res = compute_status(inst, as_of)
    if explain:
        from ..engine.clause_quotes import add_quotes

        add_quotes(inst, res)
    if json_out:
        res.parties = [p for p in res.parties if p.party == code]
        return inst.id, _json_item(res.to_json())
    from ..render.tables import party_row

    return inst.id, party_row(inst, res, res.party(code), explain)


def _json_item(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2)


class _Spill:
    """JSON texts written to a temporary file as the workers send them, read back in the order
    printed: the corpus's JSON (77 MB at 10,000 files) never sits in memory."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile()
        self.end = 0

    def add(self, text: str) -> tuple[int, int]:
        # A lone surrogate (a "\ud800" escape in a file) is kept as it is, as json.dumps kept it.
        data = text.encode("utf-8", "surrogatepass")
        self.file.write(data)
        where = (self.end, len(data))
        self.end += len(data)
        return where

    def read(self, where: tuple[int, int]) -> str:
        self.file.seek(where[0])
        return self.file.read(where[1]).decode("utf-8", "surrogatepass")


def _gather(root, func, keep=lambda value: value) -> list[tuple[str, object]]:
    """(id, keep(what func returned)) for the first file of each id, sorted by id: the first file of an
    id wins, as everywhere (io.corpus.first_of_each). Files that do not load are named on stderr."""
    from ..io.corpus import map_corpus

    first: dict = {}

    def each(_display, item):
        ident, value = item
        if ident not in first:
            first[ident] = keep(value)

    _results, broken = map_corpus(root, func, each=each)
    common.warn_broken(broken)
    return sorted(first.items(), key=lambda item: item[0])


def _json_list(root, func) -> bool:
    """The bytes json_text(list, indent=2) prints, from items each dumped with indent=2 in a worker:
    the text is escaped item by item (safe_output changes single characters, and no "##[" can span
    the ",\n  " between items) and written a few at a time."""
    from ..textsafe import safe_output

    spill = _Spill()
    try:
        items = _gather(root, func, keep=spill.add)
        if not items:
            return False
        out: list[str] = ["["]
        size = 0
        for n, (_ident, where) in enumerate(items):
            text = safe_output(spill.read(where), "json")
            out.append(("\n  " if n == 0 else ",\n  ") + text.replace("\n", "\n  "))
            size += len(text)
            if size > 1 << 20:
                typer.echo("".join(out), nl=False)
                out, size = [], 0
        out.append("\n]")
        typer.echo("".join(out))
        return True
    finally:
        spill.file.close()


def party_across(root, code, when, explain, json_out) -> None:
    from functools import partial

    func = partial(_party_item, code=code, as_of=when, explain=explain, json_out=json_out)
    missing = f"--party: {code} is a party to no instrument in the corpus {root}"
    if json_out:
        if not _json_list(root, func):
            common.fail(missing)
        return
    rows = _gather(root, func)
    if not rows:
        common.fail(missing)
    from ..render.tables import party_view

    party_view(_console(), code, [row for _, row in rows], when, explain=explain)


def overview(root, when, json_out) -> None:
    from functools import partial

    func = partial(_printed_row, as_of=when, json_out=json_out)
    if json_out:
        if not _json_list(root, func):
            _print_json([])
        return
    from ..render.tables import overview

    overview(_console(), [row for _, row in _gather(root, func)], when)
