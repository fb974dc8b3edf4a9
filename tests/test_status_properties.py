"""Properties of the engine over generated clauses and events (issue 3)."""

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cistreaty.models import Instrument
from cistreaty.engine.status import compute_status

D = dt.date
CODES = ("AM", "AZ", "BY", "KG", "KZ", "RU", "TJ")
day = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))
delay = st.one_of(st.builds(lambda n: {"days": n}, st.integers(0, 400)),
                  st.builds(lambda n: {"months": n}, st.integers(0, 36)),
                  st.builds(lambda n: {"years": n}, st.integers(1, 3)))
align = st.sampled_from([None, "first-of-next-month"])


@st.composite
def instruments(draw, withdrawals=True):
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=len(CODES), unique=True))
    parties = {}
    for code in codes:
        party = {}
        if draw(st.booleans()):
            party["signed"] = draw(day)
        events = []
        kind = draw(st.sampled_from([None, "notification", "ratification", "accession"]))
        if kind:
            events.append({"type": kind, "date": draw(day)})
            if withdrawals and draw(st.integers(0, 4)) == 0:
                events.append({"type": "withdrawal", "date": draw(day)})
        party["events"] = events
        parties[code] = party
    general = {"count": draw(st.one_of(st.integers(1, 4), st.just("all"))),
               "delay": draw(delay), "align": draw(align)}
    eif = {"general": general, "later": {"delay": draw(delay), "align": draw(align)}}
    extra = {}
    if draw(st.booleans()):
        extra["accession"] = {"delay": draw(delay), "align": draw(align)}
    if withdrawals:
        extra["withdrawal"] = {"notice": draw(delay)}
    return Instrument.model_validate({"id": "x", "type": "agreement", "title": {"en": "X"}, "text": "not-held",
                                      "entry_into_force": eif, "parties": parties, **extra})


def _inf(d):
    return d if d is not None else D.max


def _shifted(inst, code, days):
    party = inst.parties[code]
    events = [e.model_copy(update={"date": e.date + dt.timedelta(days=days)})
              if e.type != "withdrawal" else e for e in party.events]
    parties = dict(inst.parties)
    parties[code] = party.model_copy(update={"events": events})
    return inst.model_copy(update={"parties": parties})


@settings(max_examples=300, deadline=None)
@given(instruments(withdrawals=False), st.data())
def test_a_later_instrument_never_gives_an_earlier_date(inst, data):
    with_consent = [c for c, p in inst.parties.items() if p.events]
    assume(with_consent)
    code = data.draw(st.sampled_from(with_consent))
    days = data.draw(st.integers(0, 800))
    as_of = data.draw(day)
    before = compute_status(inst, as_of)
    after = compute_status(_shifted(inst, code, days), as_of)
    assert _inf(after.entry_into_force) >= _inf(before.entry_into_force)
    assert _inf(after.party(code).in_force_from) >= _inf(before.party(code).in_force_from)


@settings(max_examples=300, deadline=None)
@given(instruments(), day)
def test_a_party_is_never_bound_before_the_general_date(inst, as_of):
    res = compute_status(inst, as_of)
    for p in res.parties:
        if p.in_force_from is not None:
            assert res.entry_into_force is not None and p.in_force_from >= res.entry_into_force
        if p.status == "in-force":
            assert p.in_force_from <= as_of


@settings(max_examples=300, deadline=None)
@given(instruments(withdrawals=False), day, day)
def test_an_earlier_as_of_never_puts_more_parties_in_force(inst, a, b):
    early, late = min(a, b), max(a, b)
    bound_early = {p.party for p in compute_status(inst, early).parties if p.status == "in-force"}
    bound_late = {p.party for p in compute_status(inst, late).parties if p.status == "in-force"}
    assert bound_early <= bound_late
    assert compute_status(inst, late).in_force or not compute_status(inst, early).in_force


@settings(max_examples=300, deadline=None)
@given(instruments(), day)
def test_nothing_is_in_force_before_the_nth_instrument(inst, as_of):
    res = compute_status(inst, as_of)
    if res.entry_into_force is None:
        assert all(p.in_force_from is None for p in res.parties)
        return
    general = inst.entry_into_force.general
    received = sorted(e.date for p in inst.parties.values() for e in p.events
                      if e.type in general.instruments and e.date <= as_of)
    needed = res.instruments_needed
    assert needed and len(received) >= needed
    assert res.trigger >= received[needed - 1]
    assert res.entry_into_force >= res.trigger
    assert all(p.in_force_from >= received[needed - 1] for p in res.parties if p.in_force_from)
