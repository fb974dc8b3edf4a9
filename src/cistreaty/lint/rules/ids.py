"""Ids: each matches its file name, and no two files share one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Finding, Rule
from ...io.corpus import first_of_each

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

ID_FILENAME = Rule(
    "C101", "id-filename", "`id` differs from the file name.",
    "The id of `agreements/heavy-machinery.yaml` must be `heavy-machinery`, so that commands find it.",
    passes="# agreements/heavy-machinery.yaml\nid: heavy-machinery",
    fails="# agreements/heavy-machinery.yaml\nid: heavy-machines")

ID_UNIQUE = Rule(
    "C102", "id-unique", "Two files declare the same `id`.",
    "Ids are unique across the corpus; the second file is reported.",
    fails="# agreements/heavy-machinery.yaml\nid: heavy-machinery\n# agreements/heavy-machinery-copy.yaml\n"
          "id: heavy-machinery")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.id != ctx.stem:
        yield ID_FILENAME.finding(("id",), f"id {inst.id!r} differs from the file name {ctx.stem!r}")


def check_corpus(reports, known_ids: set[str]) -> Iterator[Diagnostic]:
    _, later = first_of_each([r for r in reports if r.id is not None], key=lambda r: r.id)
    for rep, first in later:
        yield ID_UNIQUE.at(rep.path, *rep.id_pos, f"id {rep.id!r} is also declared by {first.path}")
