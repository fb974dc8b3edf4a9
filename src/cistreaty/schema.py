"""The JSON Schema of instrument files, generated from the models (draft 2020-12)."""

from __future__ import annotations

import json

from .models import Instrument

SCHEMA_FILE = "instrument.schema.json"
SCHEMA_ID = "https://github.com/cistreaty/cistreaty/schemas/instrument.schema.json"


def _close_text_maps(node) -> None:
    # pydantic leaves dict[LangCode, str] open; a typo'd language key must fail in editors too.
    if isinstance(node, dict):
        if node.get("type") == "object" and "patternProperties" in node and "properties" not in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_text_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_text_maps(value)


def instrument_schema() -> dict:
    body = Instrument.model_json_schema(by_alias=True, mode="validation")
    _close_text_maps(body)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **body}


def render_schema() -> str:
    return json.dumps(instrument_schema(), indent=2, ensure_ascii=False) + "\n"
