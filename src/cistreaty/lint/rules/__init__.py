"""The semantic rules: one module per rule or small family, each declaring its `Rule`s and checks.

A module's `check_value(value, positions, display, source)` returns Diagnostics about the plain YAML
value (before the schema, so it also explains files that do not validate; `source` is the text it
was read from, or None); `check(inst, ctx)` yields
`Finding`s about one instrument (`ctx.stem` is its file
name without the suffix, `ctx.lookup(id)` another instrument of its folder or corpus, or None);
`check_corpus(reports, known_ids)` yields Diagnostics that need every file. A new rule is a new
module listed in MODULES; the registry (`lint/registry.py`) reads its Rules from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import (amendments, article_order, article_refs, clause_text, consent, event_order, hidden, ids,
               languages, notes, party_code, protocols, published, record, sources, text_held)

MODULES = (ids, article_order, party_code, event_order, sources, protocols, languages, article_refs,
           text_held, published, amendments, clause_text, hidden, record, consent, notes)


@dataclass(frozen=True)
class Context:
    stem: str
    lookup: Callable[[str], object]


VALUE_CHECKS = tuple(m.check_value for m in MODULES if hasattr(m, "check_value"))
FILE_CHECKS = tuple(m.check for m in MODULES if hasattr(m, "check"))
CORPUS_CHECKS = tuple(m.check_corpus for m in MODULES if hasattr(m, "check_corpus"))
