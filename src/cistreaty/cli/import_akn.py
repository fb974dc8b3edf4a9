"""`cistreaty import FILE.xml`: an Akoma Ntoso act or doc to a YAML draft (docs/akn.md)."""

from __future__ import annotations

import re

import typer

from . import common


def draft(raw: bytes, display: str, name: str, ident: str | None, kind: str | None) -> tuple[str, str]:
    """(YAML text, id). Refusals (malformed XML, a DTD, not AKN, duplicate eIds) exit 2 with the line."""
    from ..importer import akn, akn_emit, xmlsafe

    try:
        parsed = xmlsafe.parse(raw)
        result = akn.read(parsed)
    except (xmlsafe.XmlRefused, akn.NotAkn) as exc:
        common.fail(f"{display}:{exc.line}:{exc.col}: {exc.message}")
    for line, text in result.notes:
        typer.echo(f"{display}:{line}: note: {text}", err=True)
    ident = ident or result.data.get("id") or ""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        common.fail(f"{display}: the document's FRBRnumber {ident!r} is not a lowercase kebab-case id: "
                    "give one with --id")
    result.data["id"] = ident
    if kind:
        result.data["type"] = kind
    if not result.data.get("title"):
        common.fail(f"{display}: no title found (FRBRWork/FRBRname or preface/longTitle/p/docTitle)")
    return akn_emit.emit(result, name), ident
