"""`cistreaty status` over the corpus: the overview (no ID) and one party across it (`--party P`).

The work is spread over a process pool (io/corpus.map_corpus): each worker parses and computes the
instruments it is given and sends back rows, not models.
"""

from __future__ import annotations

from dataclasses import dataclass

import typer

from . import common
from .status_cmd import _console, _print_json


@dataclass(frozen=True)
class _Row:
    """What the overview shows of an instrument: computed in the worker that parsed it."""

    id: str
    type: str
    entry_into_force: object  # the clause (small), or None


def _overview_row(inst, as_of):
    from ..engine.status import compute_status

    return _Row(inst.id, inst.type, inst.entry_into_force), compute_status(inst, as_of)


def _printed_row(inst, as_of, json_out):
    """(id, what the overview prints of it): a JSON text or the table row, never the status object
    (4.5 KB pickled and ~23 KB resident per instrument, where a row needs a few dozen bytes)."""
    row, res = _overview_row(inst, as_of)
    if json_out:
        return row.id, _json_item(res.to_json())
    from ..render.tables import overview_row

    return row.id, overview_row(row, res)


def _json_item(obj) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, indent=2)


def _print_json_items(items: list[str]) -> None:
    """The bytes json_text(list, indent=2) prints, from items each dumped with indent=2."""
    from ..textsafe import safe_output

    if not items:
        _print_json([])
        return
    body = ",\n".join("  " + item.replace("\n", "\n  ") for item in items)
    typer.echo(safe_output("[\n" + body + "\n]", "json"))


def _party_row(inst, code, as_of):
    if code not in inst.parties:
        return None
    row, res = _overview_row(inst, as_of)
    return row, res, res.party(code)


def _map(root, func, ident=lambda row: row[0].id):
    from ..io.corpus import first_of_each, map_corpus

    results, broken = map_corpus(root, func)
    first, _later = first_of_each([row for _display, row in results], key=ident)
    common.warn_broken(broken)
    return sorted(first.values(), key=ident)


def _party_json(inst, code, as_of):
    """(id, the JSON text `status --party --json` prints for it), computed in the worker."""
    found = _party_row(inst, code, as_of)
    if found is None:
        return None
    row, res, _p = found
    res.parties = [p for p in res.parties if p.party == code]
    return row.id, _json_item(res.to_json())


def party_across(root, code, when, explain, json_out) -> None:
    from functools import partial

    if json_out and not explain:
        items = _map(root, partial(_party_json, code=code, as_of=when), ident=lambda row: row[0])
        if not items:
            common.fail(f"--party: {code} is a party to no instrument in the corpus {root}")
        _print_json_items([item for _, item in items])
        return
    rows = _map(root, partial(_party_row, code=code, as_of=when))
    if not rows:
        common.fail(f"--party: {code} is a party to no instrument in the corpus {root}")
    if explain:
        from ..engine.clause_quotes import add_quotes

        for inst, res, _p in rows:
            add_quotes(inst, res)
    if json_out:
        out = []
        for _, res, _p in rows:
            res.parties = [p for p in res.parties if p.party == code]
            out.append(res.to_json())
        _print_json(out)
        return
    from ..render.tables import party_view

    party_view(_console(), code, rows, when, explain=explain)


def overview(root, when, json_out) -> None:
    from functools import partial

    rows = _map(root, partial(_printed_row, as_of=when, json_out=json_out), ident=lambda row: row[0])
    if json_out:
        _print_json_items([item for _, item in rows])
        return
    from ..render.tables import overview

    overview(_console(), [row for _, row in rows], when)
