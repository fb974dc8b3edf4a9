"""An imported AKN draft as an instrument file: the contract's key order, a header, TODO comments."""

from __future__ import annotations

from ..models import Instrument
from .akn import Draft
from .emit import SCHEMA_LINE, comment
from .yamlout import lines


def emit(draft: Draft, source_name: str) -> str:
    data = dict(draft.data)
    data["sources"] = {"akn": {"title": f"Imported from {source_name} (Akoma Ntoso)",
                               **{k: v for k, v in data["sources"]["akn"].items() if k != "title"}}}
    order = {name: i for i, name in enumerate(Instrument.model_fields)}
    body = {k: data[k] for k in sorted(data, key=lambda k: order.get(k, len(order)))}
    out = [SCHEMA_LINE,
           f"# Drafted by `cistreaty import` from {comment(source_name)} (Akoma Ntoso): check it against the "
           "source; the clauses (entry into force, accession, withdrawal, duration) are not in AKN."]
    out += [f"# TODO: parties: {comment(t)}" for t in draft.todo]
    out += lines(body)
    return "\n".join(out) + "\n"
