"""The entry-into-force engine: published depositary records, the clause vocabulary, edge cases."""

import datetime as dt
from pathlib import Path

import pytest

from cistreaty.io.loader import load_file
from cistreaty.models import Event, Instrument
from cistreaty.engine.results import STATUS_WORDS
from cistreaty.engine.status import compute_status, in_force_for

D = dt.date
HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures" / "status"
CORPUS = HERE.parent / "agreements"
LATER = D(2100, 1, 1)


def load(path: Path) -> Instrument:
    result = load_file(path)
    assert result.instrument is not None, [d.format() for d in result.diagnostics]
    return result.instrument


def make(parties, count=3, delay=None, later=None, **extra) -> Instrument:
    general = {"count": count, "delay": delay or {"days": 30}}
    general.update(extra.pop("general", {}))
    eif = {"article": "12", "general": general}
    if later is not None:
        eif["later"] = {"delay": later}
    eif.update(extra.pop("eif", {}))
    return Instrument.model_validate({
        "id": "x", "type": "agreement", "title": {"en": "X"}, "text": "not-held",
        "entry_into_force": eif, "parties": parties, **extra})


def note(d, kind="notification", **kw):
    return {"type": kind, "date": d, **kw}


def signed(*events, on=D(2020, 1, 1), **kw):
    return {"signed": on, "events": list(events), **kw}


# Published depositary records (FACTS.md): the computation must give the published dates.

def test_rules_of_origin_protocol_from_the_corpus_file():
    inst = load(CORPUS / "rules-of-origin-protocol-2015.yaml")
    res = compute_status(inst, D(2026, 11, 22))
    assert res.entry_into_force == D(2017, 5, 21) == inst.entry_into_force.published.date
    assert (res.in_force, res.instruments_received, res.instruments_needed) == (True, 3, 3)
    words = {p.party: p.status for p in res.parties}
    assert words == {"AZ": "in-force", "BY": "in-force", "RU": "in-force",
                     "AM": "provisional", "KG": "provisional", "KZ": "provisional", "TJ": "provisional"}
    assert all(p.provisional_from == D(2015, 12, 29) for p in res.parties)
    assert "RU notification received 2017-04-21 (source garant-71675672)" in res.explain[-1]
    assert "2017-04-21 + 30 days = 2017-05-21" in res.explain[-1]


def test_rules_of_origin_protocol_as_of_dates_around_the_trigger():
    inst = load(CORPUS / "rules-of-origin-protocol-2015.yaml")
    before = compute_status(inst, D(2017, 4, 20))
    assert (before.entry_into_force, before.instruments_received, before.in_force) == (None, 2, False)
    assert "2 of 3 qualifying instruments received by 2017-04-20" in before.explain[-1]
    coming = compute_status(inst, D(2017, 4, 21))
    assert (coming.entry_into_force, coming.in_force) == (D(2017, 5, 21), False)
    by = coming.party("BY")
    assert (by.status, by.in_force_from) == ("provisional", D(2017, 5, 21))
    assert compute_status(inst, D(2017, 5, 21)).party("RU").status == "in-force"


def test_paris_agreement_condition_and_parties():
    res = compute_status(load(FIX / "paris-agreement.yaml"), D(2020, 1, 1))
    assert res.entry_into_force == D(2016, 11, 4)
    assert res.instruments_needed is None
    dates = {p.party: p.in_force_from for p in res.parties}
    assert dates == {"AL": D(2016, 11, 4), "DZ": D(2016, 11, 19), "BE": D(2017, 5, 6)}
    assert "the condition was met on 2016-10-05 (source untc)" in res.explain[-1]
    assert "Article 21, later parties: 2016-10-20 + 30 days = 2016-11-19" in res.party("DZ").explain[-1]


def test_paris_agreement_condition_not_yet_met_on_an_earlier_date():
    res = compute_status(load(FIX / "paris-agreement.yaml"), D(2016, 10, 1))
    assert (res.entry_into_force, res.in_force) == (None, False)
    # The fixture records no signatures (`signatories: unknown`): BE, with nothing yet, is unknown.
    assert res.party("AL").status == "pending" and res.party("BE").status == "unknown"


def test_cybercrime_convention_first_of_next_month():
    res = compute_status(load(FIX / "cybercrime-convention.yaml"), D(2010, 1, 1))
    assert res.entry_into_force == D(2004, 7, 1)
    assert "then the first day of the next month = 2004-07-01" in res.explain[-1]
    assert compute_status(load(FIX / "cybercrime-convention.yaml"), D(2004, 3, 17)).entry_into_force is None


# The clause vocabulary and the edge cases of issue 3.

def test_month_end_and_leap_year_delays():
    parties = {"AM": signed(note(D(2024, 1, 31)))}
    assert compute_status(make(parties, 1, {"months": 1}), LATER).entry_into_force == D(2024, 2, 29)
    parties = {"AM": signed(note(D(2025, 8, 31)))}
    assert compute_status(make(parties, 1, {"months": 6}), LATER).entry_into_force == D(2026, 2, 28)


def test_same_day_rule():
    res = compute_status(make({"AM": signed(note(D(2021, 3, 3)))}, 1, {"days": 0}), D(2021, 3, 3))
    assert (res.entry_into_force, res.in_force) == (D(2021, 3, 3), True)
    assert "(the same day)" in res.explain[-1]


def test_instruments_received_the_same_day_all_count():
    parties = {"AM": signed(note(D(2021, 1, 5))), "BY": signed(note(D(2021, 2, 1))),
               "KZ": signed(note(D(2021, 2, 1))), "RU": signed(note(D(2021, 2, 2)))}
    res = compute_status(make(parties, 2, later={"days": 30}), LATER)
    assert res.trigger == D(2021, 2, 1) and res.entry_into_force == D(2021, 3, 3)
    assert res.party("BY").in_force_from == res.party("KZ").in_force_from == D(2021, 3, 3)
    assert res.party("RU").in_force_from == D(2021, 3, 4)
    assert "received the same day" in res.explain[-1]


def test_later_party_never_before_the_general_date():
    parties = {"AM": signed(note(D(2021, 1, 1))), "BY": signed(note(D(2021, 1, 2)))}
    res = compute_status(make(parties, 1, {"days": 90}, later={"days": 10}), LATER)
    assert res.entry_into_force == D(2021, 4, 1)
    assert res.party("BY").in_force_from == D(2021, 4, 1)
    assert "not before the general date" in res.party("BY").explain[-1]


def test_without_a_later_rule_the_general_delay_applies():
    parties = {"AM": signed(note(D(2021, 1, 1))), "BY": signed(note(D(2021, 6, 1)))}
    res = compute_status(make(parties, 1, {"months": 3}, general={"align": "first-of-next-month"}), LATER)
    assert res.party("BY").in_force_from == D(2021, 10, 1)


def test_named_party_condition_waits_for_that_party():
    parties = {c: signed(note(D(2021, 1, i + 1))) for i, c in enumerate(("AM", "BY", "KZ"))}
    parties["UZ"] = signed(note(D(2021, 5, 10)))
    res = compute_status(make(parties, 3, general={"requires": ["UZ"]}), LATER)
    assert res.trigger == D(2021, 5, 10) and res.entry_into_force == D(2021, 6, 9)
    assert "among them those of UZ" in res.explain[0]
    assert compute_status(make(parties, 3, general={"requires": ["UZ"]}), D(2021, 5, 1)).entry_into_force is None


def test_all_signatories():
    parties = {"AM": signed(note(D(2021, 1, 1))), "BY": signed(note(D(2021, 3, 1))),
               "KZ": {"events": [note(D(2021, 2, 1), "accession")]}}
    res = compute_status(make(parties, "all", {"days": 0}), LATER)
    assert (res.instruments_needed, res.trigger) == (2, D(2021, 3, 1))


def test_accession_without_signature_uses_the_accession_clause():
    parties = {"AM": signed(note(D(2021, 1, 1))),
               "AZ": {"events": [note(D(2021, 6, 1), "accession")]},
               "GE": {"events": [note(D(2020, 12, 1), "accession")]}}
    inst = make(parties, 1, later={"days": 30}, accession={"article": "13", "delay": {"days": 60}})
    res = compute_status(inst, LATER)
    az, ge = res.party("AZ"), res.party("GE")
    assert (az.signed, az.status, az.in_force_from) == (None, "in-force", D(2021, 7, 31))
    assert "Article 13: 2021-06-01 + 60 days = 2021-07-31" in az.explain[-1]
    assert ge.in_force_from == res.entry_into_force == D(2020, 12, 31)  # GE's accession was the 1st


def test_withdrawal_after_entry_into_force():
    parties = {"AM": signed(note(D(2021, 1, 1)), note(D(2023, 8, 31), "withdrawal"))}
    inst = make(parties, 1, withdrawal={"article": "14", "notice": {"months": 6}})
    mid = compute_status(inst, D(2023, 9, 1)).party("AM")
    assert (mid.status, mid.in_force_from, mid.withdrawal_effective) == (
        "withdrawal-pending", D(2021, 1, 31), D(2024, 2, 29))
    assert "Article 14: 2023-08-31 + 6 months = 2024-02-29" in mid.explain[-1]
    assert compute_status(inst, D(2024, 2, 29)).party("AM").status == "withdrawn"
    assert in_force_for(inst, "AM", D(2024, 2, 28)) == D(2021, 1, 31)
    assert in_force_for(inst, "AM", D(2024, 2, 29)) is None


def test_withdrawal_before_the_general_entry_into_force():
    parties = {"AM": signed(note(D(2021, 1, 1)), note(D(2021, 2, 1), "withdrawal")),
               "BY": signed(note(D(2021, 3, 1))), "KZ": signed(note(D(2021, 4, 1)))}
    inst = make(parties, 2, withdrawal={"notice": {"months": 6}})
    res = compute_status(inst, LATER)
    assert res.trigger == D(2021, 4, 1)  # AM's instrument no longer counts
    am = res.party("AM")
    assert (am.status, am.in_force_from, am.withdrawal_effective) == ("withdrawn", None, D(2021, 8, 1))
    assert "never becomes bound" in " ".join(am.explain)


def test_provisional_application_and_a_party_that_declines_it():
    parties = {"AM": signed(note(D(2021, 1, 1))), "BY": signed(provisional_application=False)}
    inst = make(parties, 2, eif={"provisional": {"from": "signature", "delay": {"days": 60}}})
    res = compute_status(inst, D(2020, 6, 1))
    assert (res.party("AM").status, res.party("AM").provisional_from) == ("provisional", D(2020, 3, 1))
    assert (res.party("BY").status, res.party("BY").provisional_from) == ("signed", None)


def test_uncertain_signature_domestic_acts_undated_and_later_events():
    parties = {"KG": {"events": [
        {"type": "signature", "date": D(2025, 6, 5), "uncertain": True},
        {"type": "domestic-act", "date": D(2025, 12, 24), "act": "Resolution No. 827"},
        {"type": "notification"},
        note(D(2027, 1, 1)),
    ]}}
    kg = compute_status(make(parties), D(2026, 11, 22)).party("KG")
    assert (kg.status, kg.signed, kg.instrument, kg.signature_uncertain) == ("signed", D(2025, 6, 5), None, True)
    text = "\n".join(kg.explain)
    assert "uncertain" in text and "never counts" in text and "without a date" in text
    assert "after 2026-11-22: ignored" in text


def test_assumed_events_are_marked_and_count():
    inst = load(CORPUS / "heavy-machinery.yaml")
    assumed = [(c, Event(type="notification", date=D(2026, 3, d))) for c, d in (("KZ", 1), ("KG", 5), ("TJ", 10))]
    res = compute_status(inst, D(2026, 11, 22), assumed)
    assert res.entry_into_force == D(2026, 4, 9) and res.in_force
    assert "(assumed, --assume)" in res.explain[-1]
    assert res.to_json()["assumed"][0] == {"party": "KZ", "type": "notification", "date": "2026-03-01"}
    assert "assumed" not in compute_status(inst, D(2026, 11, 22)).to_json()


def test_fixed_duration_with_renewal_reports_the_current_expiry():
    parties = {"AM": signed(note(D(2010, 1, 1)))}
    inst = make(parties, 1, {"days": 0}, duration={"years": 5, "renew_years": 5})
    assert compute_status(inst, D(2022, 6, 1)).expiry == D(2025, 1, 1)
    assert compute_status(inst, D(2012, 6, 1)).expiry == D(2015, 1, 1)
    assert compute_status(inst, D(9999, 12, 31)).expiry is None  # beyond the calendar, said so
    fixed = make(parties, 1, {"days": 0}, duration={"years": 5})
    gone = compute_status(fixed, D(2016, 1, 1))
    assert (gone.expiry, gone.in_force) == (D(2015, 1, 1), False)
    assert gone.party("AM").status == "expired"  # never "in-force" under an ended instrument
    assert compute_status(fixed, D(2014, 1, 1)).party("AM").status == "in-force"
    assert in_force_for(fixed, None, D(2016, 1, 1)) is None
    assert in_force_for(fixed, None, D(2014, 1, 1)) == D(2010, 1, 1)


def test_no_clause_recorded():
    inst = Instrument.model_validate({"id": "x", "type": "agreement", "title": {"en": "X"}, "text": "not-held",
                                      "parties": {"RU": {"signed": D(2018, 11, 2)}}})
    res = compute_status(inst, D(2026, 1, 1))
    assert (res.in_force, res.entry_into_force, res.instruments_needed) == (None, None, None)  # unknown, not "not in force"
    assert res.party("RU").status == "signed"


def test_json_keys_and_types_are_the_design_contract():
    res = compute_status(load(CORPUS / "rules-of-origin-protocol-2015.yaml"), D(2026, 11, 22))
    out = res.to_json()
    # DESIGN's keys first, in its order; keys are only ever added after them.
    assert list(out) == ["id", "as_of", "in_force", "entry_into_force", "instruments_received",
                         "instruments_needed", "record_as_of", "parties", "record_basis",
                         "entry_into_force_basis", "footnotes"]
    party = out["parties"][1]
    assert list(party) == ["party", "status", "signed", "instrument", "in_force_from", "provisional_from",
                           "withdrawal_effective", "explain", "signature_uncertain", "waiting_on", "footnotes"]
    assert party["instrument"] == {"type": "notification", "date": "2016-12-06", "source": "garant-71675672"}
    assert all(p["status"] in STATUS_WORDS for p in out["parties"])


def test_in_force_for_generally_and_per_party():
    inst = load(CORPUS / "rules-of-origin-protocol-2015.yaml")
    assert in_force_for(inst, None, D(2017, 5, 20)) is None
    assert in_force_for(inst, None, D(2017, 5, 21)) == D(2017, 5, 21)
    assert in_force_for(inst, "BY", D(2020, 1, 1)) == D(2017, 5, 21)
    assert in_force_for(inst, "KZ", D(2020, 1, 1)) is None  # provisional only
    assert in_force_for(inst, "US", D(2020, 1, 1)) is None


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_corpus_file_computes(path):
    res = compute_status(load(path), D(2026, 11, 22))
    assert all(p.status in STATUS_WORDS for p in res.parties)
