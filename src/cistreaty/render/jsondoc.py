"""The instrument as normalised data for other programs: the model, plus the computed status."""

from __future__ import annotations

import json

from ..textsafe import json_text
from . import status_section
from .view import View


def _status(status):
    if status is None:
        return None
    data = status.to_json()
    # Accept either a dict or an already serialised string from the status engine.
    return json.loads(data) if isinstance(data, (str, bytes)) else data


def data(view: View) -> dict:
    out = view.instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    if view.selected is not None:
        out["articles"] = [a for a in out.get("articles", []) if a["number"] in view.selected]
    notes = {a.number: list(a.notes) for a in view.articles if a.notes}
    if notes:
        out["article_notes"] = notes
    if view.not_applied:
        out["not_applied"] = [{"protocol": ident, "status": word} for ident, word in view.not_applied]
    out["status"] = _status(view.status)
    # The "Status" section as the other formats lay it out: status line, per-party rows, notes' texts.
    out["status_section"] = status_section.to_json(view.status_section)
    return out


def dumps(value) -> str:
    return json_text(value, sort_keys=True, indent=2) + "\n"


def document(view: View) -> str:
    return dumps(data(view))


def corpus(views: list[View], as_of: str) -> str:
    return dumps({"as_of": as_of, "instruments": [data(v) for v in views]})


def index(entries: list[tuple[View, str]], as_of: str) -> str:
    return dumps({"as_of": as_of, "instruments": [
        {"id": v.id, "type": v.instrument.type, "title": v.instrument.title, "file": href,
         "status": v.status_summary} for v, href in entries]})
