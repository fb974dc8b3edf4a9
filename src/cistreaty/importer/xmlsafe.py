"""XML parsed without trusting it: no DTD, hence no entity of any kind, is ever read or expanded.

Built on the standard library's expat rather than a new dependency: a document type declaration is
refused the moment the parser meets it, before any declaration inside it is processed, so neither
external entities (XXE: `<!ENTITY x SYSTEM "file:///etc/passwd">`, an `http://` DTD) nor nested
internal ones ("billion laughs") can take effect; expat is never given a handler that would fetch
anything, and parameter entities are off. This is what defusedxml's `forbid_dtd=True` does. An
entity reference other than the five XML predefines is then simply undefined: a well-formedness
error. Every element keeps the line and column where it starts, for messages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

MAX_DEPTH = 200


class XmlRefused(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class Parsed:
    def __init__(self, root: ET.Element, positions: dict):
        self.root = root
        self.positions = positions  # element -> (line, column), both 1-based

    def where(self, el: ET.Element) -> tuple[int, int]:
        return self.positions.get(el, (0, 0))


def parse(data: bytes) -> Parsed:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    positions: dict = {}
    depth = 0

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse(message: str):
        raise XmlRefused(*here(), message)

    def start(name, attrs):
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            refuse(f"elements nested more than {MAX_DEPTH} deep")
        el = builder.start(_qname(name), {_qname(k): v for k, v in attrs.items()})
        positions[el] = here()

    def end(name):
        nonlocal depth
        depth -= 1
        builder.end(_qname(name))

    def doctype(name, system_id, public_id, has_internal_subset):
        refuse("a document type declaration (<!DOCTYPE ...>) is not accepted: DTDs and the entities "
               "they declare are never read, so nothing can be fetched or expanded")

    def entity_decl(*args):
        refuse("an entity declaration is not accepted")

    def external_entity(*args):
        refuse("an external entity is not accepted")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity_decl
    parser.UnparsedEntityDeclHandler = entity_decl
    parser.ExternalEntityRefHandler = external_entity
    parser.ordered_attributes = False
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlRefused(exc.lineno, exc.offset + 1, f"malformed XML: {expat.ErrorString(exc.code)}") from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise XmlRefused(*here(), "elements nested too deep") from None
    return Parsed(builder.close(), positions)


def _qname(name: str) -> str:
    return "{" + name if "}" in name else name
