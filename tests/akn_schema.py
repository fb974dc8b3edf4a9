"""The official Akoma Ntoso 3.0 schema (vendored under tests/schemas/akn, see its NOTICE), loaded once."""

from __future__ import annotations

import functools
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "akn"
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN, "cis": "urn:cistreaty:akn:1"}


@functools.lru_cache(maxsize=1)
def schema():
    from lxml import etree

    # The schema imports ./xml.xsd by a relative path: resolved from the vendored folder, never fetched.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "akomantoso30.xsd"), parser))


def parse(text: str):
    from lxml import etree

    return etree.fromstring(text.encode("utf-8"), etree.XMLParser(no_network=True, resolve_entities=False))


def errors(text: str) -> list[str]:
    """Schema violations of an AKN document, empty when it is valid."""
    s = schema()
    doc = parse(text)
    if s.validate(doc):
        return []
    return [f"{e.line}: {e.message}" for e in s.error_log]
