"""The clause vocabulary: which instruments count, which events a party's consent is made of.

`models.py` declares the fields of the file format with these words; the engines and the lint
rules read them from here, so that they need not load the models to know the vocabulary.
"""

from __future__ import annotations

# The instruments that can count towards entry into force (DESIGN.md default).
CONSENT_TYPES: tuple[str, ...] = ("notification", "ratification", "acceptance", "approval", "accession")
CONSENT_OR_SUCCESSION: tuple[str, ...] = CONSENT_TYPES + ("succession",)
