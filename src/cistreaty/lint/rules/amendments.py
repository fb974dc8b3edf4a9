"""Every operation of a protocol applies cleanly to the text it amends.

It needs a second file, the amended instrument, which `ctx.lookup` supplies from the protocol's
own folder (or the corpus).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Finding, Rule

if TYPE_CHECKING:
    from ...models import Instrument
    from . import Context

RULE = Rule(
    "C114", "amendment-applies", "An operation of a protocol does not apply to the text it amends.",
    "Each entry of a protocol's `amendments` is applied in order to the amended instrument (the file "
    "named by `amends:` in the same folder), each to the text the previous ones left. The position is "
    "that of the operation's key at fault: an article, paragraph or item that does not exist, words not "
    "found, words found several times without `occurrence`, an occurrence beyond the count, a new article "
    "whose number exists, a language the text does not hold. Skipped when the amended text is not held. "
    "See docs/amendments.md.",
    passes="amends: heavy-machinery\namendments:\n  - {op: repeal, article: \"9\"}   # Article 9 exists",
    fails="amends: heavy-machinery\namendments:\n  - {op: repeal, article: \"99\"}  # no Article 99")


def check(inst: Instrument, ctx: Context) -> Iterator[Finding]:
    if inst.type != "protocol" or not inst.amends or not inst.amendments:
        return
    base = ctx.lookup(inst.amends)
    # A missing base is the amends-target rule's finding; a base whose text is not held cannot be checked.
    if base is None or base.text == "not-held":
        return
    # Imported here, not at the top: the amendment engine builds pydantic models, and the registry
    # imports every rule module for its metadata (`cistreaty rules`, SARIF, configuration checks),
    # which a fully cached lint run reads without loading the models.
    from ...engine.amend import apply

    for err in apply(base, inst).errors:
        yield RULE.finding(err.yaml_loc, message(err, base.id))


def message(err, base_id: str) -> str:
    """The wording of this rule, shared with `cistreaty diff` so both say the same thing."""
    return f"amendment {err.index + 1} does not apply to {base_id}: {err.message}"
