"""C114 amendment-applies: every operation of a protocol applies cleanly to the text it amends.

Lives beside the amendment engine rather than in file_rules because it needs a second file,
the amended instrument, which `lookup` supplies from the protocol's own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..models import Instrument

Finding = tuple[tuple, str, str]


def check(inst: Instrument, lookup: Callable[[str], Instrument | None]) -> Iterator[Finding]:
    if inst.type != "protocol" or not inst.amends or not inst.amendments:
        return
    base = lookup(inst.amends)
    # A missing base is C108's finding; a base whose text is not held cannot be checked.
    if base is None or base.text == "not-held":
        return
    from ..engine.amend import apply

    for err in apply(base, inst).errors:
        yield (err.yaml_loc, "C114", message(err, base.id))


def message(err, base_id: str) -> str:
    """The C114 wording, shared with `cistreaty diff` so both say the same thing."""
    return f"amendment {err.index + 1} does not apply to {base_id}: {err.message}"
