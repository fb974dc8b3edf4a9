"""C130-C136: what the status engine needs the party data to mean (docs/status.md).

Pure: an Instrument in, (loc, code, message) findings out. One function per rule, each beside its
code, name, summary and explanation (`RULES`), so each moves whole into a module of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `cistreaty rules` reads RULES without loading pydantic
    from ..models import Instrument

Finding = tuple[tuple, str, str]
KEY = "<key>"  # as file_rules.KEY: the finding points at the mapping key

# The consent a party gives by signing first; without a signature the same act is an accession.
_AFTER_SIGNATURE = ("ratification", "acceptance", "approval")
_CONSENT = ("notification", "ratification", "acceptance", "approval", "accession", "succession",
            "formal-confirmation")

RULES = (
    ("C130", "record-declared", "A corpus file does not say how far its party data runs (`record:`).",
     "Every instrument file of the corpus declares `record:` — the depositary's record as of a date, the "
     "complete record, or no depositary record found — so that `status` never claims more than the sources "
     "say (docs/format.md). Checked only for files in the corpus folder; example and test files elsewhere "
     "may leave it out, and then mean what they always meant."),
    ("C131", "second-consent", "A second instrument of consent from the same party, with no withdrawal between.",
     "A party is bound by its first qualifying instrument; a second one (KG notifying twice) changes nothing, "
     "and the engine counts the first for the general date and for the party's own date alike. Record the "
     "second as a note on the first, or a withdrawal between them if there was one."),
    ("C132", "consent-without-signature", "A ratification, acceptance or approval by a party that never signed.",
     "A state that did not sign becomes a party by accession. Record `signed:` (or a `signature` event) if it "
     "signed, or record the instrument as an `accession`. Not checked when `record.signatories` is "
     "`unknown`: the sources do not say who signed."),
    ("C133", "uncounted-instrument", "An instrument type the entry-into-force clause does not count.",
     "The clause's `general.instruments` lists the types that count (a formal confirmation counts where "
     "ratification does; an accession always counts for the party itself). An instrument of another type is "
     "ignored by the computation: record the type the depositary received, or the clause's list."),
    ("C134", "record-before-signature", "`record.as_of` is before the instrument was signed.",
     "A depositary's record cannot run to a date before the signature: the date is mistyped, or belongs "
     "to another instrument's record."),
    ("C135", "note-language", "A reservation or declaration text is in a language the file does not hold.",
     "The `text` of a reservation, declaration, objection, territorial application or designation is given "
     "per language, like titles; each language must be one the file holds (`languages.authentic` and "
     "`languages.held`)."),
    ("C136", "objection-target", "An objection that names no party with a reservation or declaration.",
     "An objection answers a reservation or declaration: `against` names the party that made it, and that "
     "party's events record it."),
)


def _signature(party):
    if party.signed is not None:
        return party.signed
    dates = [e.date for e in party.events if e.type == "signature" and e.date is not None]
    return min(dates) if dates else None


def check_record_declared(inst: Instrument) -> Iterator[Finding]:
    # Reported for every file; lint keeps it only for files in the corpus (cli/lint_cmd.py).
    if inst.record is None:
        yield (("id",), "C130", "no `record:`: say whether the party data is a depositary's record as of a "
                                "date, the complete record, or no depositary record was found")


def check_second_consent(inst: Instrument) -> Iterator[Finding]:
    for code, party in inst.parties.items():
        dated = sorted((e.date, i, e) for i, e in enumerate(party.events)
                       if e.date is not None and e.type in _CONSENT + ("withdrawal",))
        first = None
        for _, i, e in dated:
            if e.type == "withdrawal":
                first = None
            elif first is None:
                first = e
            else:
                yield (("parties", code, "events", i, "type"), "C131",
                       f"{code} {e.type} of {e.date} is a second instrument of consent with no withdrawal "
                       f"since its {first.type} of {first.date}, which is the one that counts")


def check_consent_without_signature(inst: Instrument) -> Iterator[Finding]:
    if inst.record is not None and inst.record.signatories == "unknown":
        return
    for code, party in inst.parties.items():
        if _signature(party) is not None:
            continue
        for i, e in enumerate(party.events):
            if e.type in _AFTER_SIGNATURE:
                yield (("parties", code, "events", i, "type"), "C132",
                       f"{code} gives a {e.type} but never signed: a state that did not sign accedes "
                       "(record it as an accession, or record its signature)")


def check_uncounted_instrument(inst: Instrument) -> Iterator[Finding]:
    eif = inst.entry_into_force
    if eif is None:
        return
    counted = set(eif.general.instruments) | {"accession"}
    if "ratification" in counted:
        counted.add("formal-confirmation")
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            if e.type in _CONSENT and e.type not in counted:
                yield (("parties", code, "events", i, "type"), "C133",
                       f"{code} {e.type}: the entry-into-force clause counts only "
                       f"{', '.join(sorted(counted))}; this instrument is ignored")


def check_record_before_signature(inst: Instrument) -> Iterator[Finding]:
    rec = inst.record
    if rec is None or rec.as_of is None:
        return
    signed = inst.signed.date if inst.signed and inst.signed.date else None
    if signed is None:
        dates = [d for d in (_signature(p) for p in inst.parties.values()) if d is not None]
        signed = min(dates) if dates else None
    if signed is not None and rec.as_of < signed:
        yield (("record", "as_of"), "C134", f"the record runs to {rec.as_of}, before the signature on {signed}")


def check_note_language(inst: Instrument) -> Iterator[Finding]:
    if inst.languages is None:
        return
    held = set(inst.languages.authentic) | set(inst.languages.held or ())
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            for lang in (e.text or {}):
                if lang not in held:
                    yield (("parties", code, "events", i, "text", lang, KEY), "C135",
                           f"{code} {e.type} text in {lang!r}, a language the file does not hold "
                           f"(held: {', '.join(sorted(held))})")


def check_objection_target(inst: Instrument) -> Iterator[Finding]:
    reserving = {code for code, party in inst.parties.items()
                 if any(e.type in ("reservation", "declaration") for e in party.events)}
    for code, party in inst.parties.items():
        for i, e in enumerate(party.events):
            if e.type != "objection":
                continue
            if e.against is None:
                yield (("parties", code, "events", i, "type"), "C136",
                       f"{code} objection names no party: say which reservation it answers with `against`")
            elif e.against not in reserving:
                yield (("parties", code, "events", i, "against"), "C136",
                       f"{code} objects to {e.against}, which has no reservation or declaration in this file")


CHECKS = (
    check_record_declared,
    check_second_consent,
    check_consent_without_signature,
    check_uncounted_instrument,
    check_record_before_signature,
    check_note_language,
    check_objection_target,
)


def check(inst: Instrument) -> Iterator[Finding]:
    for rule in CHECKS:
        yield from rule(inst)
