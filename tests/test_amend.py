"""The amendment engine: each operation applied, each way it fails, sequential semantics, consolidation."""

import datetime as dt

import pytest

from cistreaty.engine.amend import AmendmentError, ProtocolDoesNotApply, apply, consolidate
from cistreaty.models import Instrument

BASE = {
    "id": "base",
    "type": "agreement",
    "title": {"en": "Base (test data)"},
    "languages": {"authentic": ["en"]},
    "articles": [
        {"number": "1", "heading": {"en": "Terms"},
         "paragraphs": [{"en": "A Party is a state. A Party may withdraw.",
                         "items": [{"en": "the depository keeps the original;"},
                                   {"en": "the Party concerned is named."}]}]},
        {"number": "2", "paragraphs": [{"en": "The Parties cooperate."}, {"en": "The Parties exchange views."}]},
        {"number": "3", "paragraphs": [{"en": "Disputes are settled by negotiation."}]},
    ],
}


def base(**update) -> Instrument:
    return Instrument.model_validate({**BASE, **update})


def protocol(*ops, pid="proto", **extra) -> Instrument:
    return Instrument.model_validate({"id": pid, "type": "protocol", "title": {"en": "P"}, "amends": "base",
                                      "amendments": list(ops), **extra})


def article(inst: Instrument, number: str):
    return next((a for a in inst.articles if a.number == number), None)


def texts(inst: Instrument, number: str) -> list[str]:
    art = article(inst, number)
    out = []
    for p in art.paragraphs:
        out += [p.texts.get("en", "")] + [i["en"] for i in p.items or ()]
    return out


def ok(*ops):
    result = apply(base(), protocol(*ops))
    assert result.errors == []
    return result


def fails(*ops) -> AmendmentError:
    result = apply(base(), protocol(*ops))
    assert len(result.errors) == 1, result.errors
    assert result.instrument.articles == base().articles  # a failing operation changes nothing
    return result.errors[0]


# --- each operation applied ---------------------------------------------------------------

def test_substitute_whole_article_keeps_its_heading():
    r = ok({"op": "substitute", "article": "1", "paragraphs": [{"en": "New wording."}]})
    assert texts(r.instrument, "1") == ["New wording."]
    assert article(r.instrument, "1").heading == {"en": "Terms"}
    assert [(c.article, c.kind, c.index, c.protocol) for c in r.changes] == [("1", "changed", 0, "proto")]


def test_substitute_one_paragraph():
    r = ok({"op": "substitute", "article": "2", "paragraph": 2, "text": {"en": "The Parties meet."}})
    assert texts(r.instrument, "2") == ["The Parties cooperate.", "The Parties meet."]


def test_substitute_heading_only():
    r = ok({"op": "substitute", "article": "3", "heading": {"en": "Disputes"}})
    assert article(r.instrument, "3").heading == {"en": "Disputes"}
    assert texts(r.instrument, "3") == ["Disputes are settled by negotiation."]


def test_insert_article_after_another_and_at_the_start():
    r = ok({"op": "insert", "article": "2.1", "after": "2",
            "new_article": {"number": "2.1", "paragraphs": [{"en": "New."}]}},
           {"op": "insert", "article": "0.1", "after": "0",
            "new_article": {"number": "0.1", "paragraphs": [{"en": "First."}]}})
    assert [a.number for a in r.instrument.articles] == ["0.1", "1", "2", "2.1", "3"]
    assert [c.kind for c in r.changes] == ["inserted", "inserted"]


def test_insert_paragraph_at_a_place_and_at_the_end():
    r = ok({"op": "insert", "article": "2", "paragraph": 1, "text": {"en": "Zeroth."}},
           {"op": "insert", "article": "2", "text": {"en": "Last."}})
    assert texts(r.instrument, "2") == ["Zeroth.", "The Parties cooperate.", "The Parties exchange views.", "Last."]


def test_repeal_article_and_paragraph():
    r = ok({"op": "repeal", "article": "3"}, {"op": "repeal", "article": "2", "paragraph": 1})
    assert article(r.instrument, "3") is None
    assert texts(r.instrument, "2") == ["The Parties exchange views."]
    assert [(c.article, c.kind) for c in r.changes] == [("3", "repealed"), ("2", "changed")]


def test_replace_words_counts_across_paragraphs_and_items_in_order():
    r = ok({"op": "replace-words", "article": "1", "lang": "en", "words": "Party", "occurrence": 3,
            "by": "Contracting Party"})
    assert texts(r.instrument, "1") == ["A Party is a state. A Party may withdraw.",
                                        "the depository keeps the original;",
                                        "the Contracting Party concerned is named."]


def test_replace_words_all_and_whole_words_only():
    r = ok({"op": "replace-words", "article": "2", "lang": "en", "words": "Parties", "occurrence": "all",
            "by": "States"})
    assert texts(r.instrument, "2") == ["The States cooperate.", "The States exchange views."]
    # "Party" is not found inside "Parties".
    err = fails({"op": "replace-words", "article": "2", "lang": "en", "words": "Party", "by": "State"})
    assert err.loc == ("words",)


def test_replace_words_in_one_item_keeps_the_paragraph_text():
    r = ok({"op": "replace-words", "article": "1", "paragraph": 1, "item": 1, "lang": "en",
            "words": "depository", "by": "depositary"})
    assert texts(r.instrument, "1")[:2] == ["A Party is a state. A Party may withdraw.",
                                           "the depositary keeps the original;"]


def test_the_engine_is_pure():
    b, p = base(), protocol({"op": "repeal", "article": "3"})
    before = b.model_dump()
    apply(b, p)
    assert b.model_dump() == before


# --- each way it fails, with the key at fault -------------------------------------------

@pytest.mark.parametrize("op, loc, words", [
    ({"op": "substitute", "article": "9", "paragraphs": [{"en": "x"}]}, ("article",), "article 9 does not exist"),
    ({"op": "substitute", "article": "2", "paragraph": 3, "text": {"en": "x"}}, ("paragraph",),
     "article 2 has 2 paragraphs, not a paragraph 3"),
    ({"op": "repeal", "article": "9"}, ("article",), "article 9 does not exist"),
    ({"op": "repeal", "article": "3", "paragraph": 1}, ("paragraph",), "repeal the article instead"),
    ({"op": "insert", "article": "2", "after": "1", "new_article": {"number": "2", "paragraphs": [{"en": "x"}]}},
     ("article",), "article 2 already exists"),
    ({"op": "insert", "article": "5.1", "after": "5", "new_article": {"number": "5.1", "paragraphs": [{"en": "x"}]}},
     ("after",), "article 5 does not exist"),
    ({"op": "insert", "article": "3.1", "after": "3", "new_article": {"number": "3.2", "paragraphs": [{"en": "x"}]}},
     ("new_article", "number"), "numbered 3.2 but the operation says 3.1"),
    ({"op": "insert", "article": "2", "paragraph": 4, "text": {"en": "x"}}, ("paragraph",), "number 3 at most"),
    ({"op": "replace-words", "article": "3", "lang": "en", "words": "arbitration", "by": "x"}, ("words",),
     "'arbitration' is not in the en text of article 3"),
    ({"op": "replace-words", "article": "1", "lang": "en", "words": "Party", "by": "x"}, ("words",),
     "'Party' occurs 3 times in article 1: say which with `occurrence`"),
    ({"op": "replace-words", "article": "2", "lang": "en", "words": "Parties", "occurrence": 3, "by": "x"},
     ("occurrence",), "occurs 2 times in article 2, not 3"),
    ({"op": "replace-words", "article": "3", "lang": "ru", "words": "x", "by": "y"}, ("lang",), "has no 'ru' text"),
    ({"op": "replace-words", "article": "1", "paragraph": 1, "item": 5, "lang": "en", "words": "x", "by": "y"},
     ("item",), "has 2 items, not an item 5"),
    ({"op": "replace-words", "article": "1", "item": 1, "lang": "en", "words": "x", "by": "y"},
     ("item",), "`item` needs `paragraph`"),
    ({"op": "replace-words", "article": "3", "lang": "en", "words": "Disputes are settled by negotiation.",
      "by": ""}, ("by",), "empty en text"),
    ({"op": "substitute", "article": "3", "paragraph": 1, "text": {"ru": "Споры."}}, ("text",),
     "the new text lacks en"),
    ({"op": "substitute", "article": "3", "heading": {"ru": "Споры"}}, ("heading",), "the new text lacks en"),
])
def test_each_failure_names_the_key_at_fault(op, loc, words):
    err = fails(op)
    assert (err.index, err.loc) == (0, loc)
    assert err.yaml_loc == ("amendments", 0, *loc)
    assert words in err.message


def test_a_failure_does_not_stop_the_following_operations():
    r = apply(base(), protocol({"op": "repeal", "article": "9"}, {"op": "repeal", "article": "3"}))
    assert [e.index for e in r.errors] == [0]
    assert article(r.instrument, "3") is None


# --- sequential semantics -----------------------------------------------------------------

def test_two_operations_on_one_article_apply_in_order():
    # The second operation finds words only the first one wrote, and its paragraph number
    # counts the paragraph the first one inserted.
    r = ok({"op": "insert", "article": "2", "paragraph": 1, "text": {"en": "The Parties agree."}},
           {"op": "replace-words", "article": "2", "paragraph": 1, "lang": "en", "words": "agree", "by": "consent"})
    assert texts(r.instrument, "2") == ["The Parties consent.", "The Parties cooperate.",
                                        "The Parties exchange views."]
    reversed_ = apply(base(), protocol(*reversed(protocol(
        {"op": "insert", "article": "2", "paragraph": 1, "text": {"en": "The Parties agree."}},
        {"op": "replace-words", "article": "2", "paragraph": 1, "lang": "en", "words": "agree",
         "by": "consent"}).model_dump(mode="json", exclude_none=True)["amendments"])))
    assert [e.loc for e in reversed_.errors] == [("words",)]


def test_an_article_repealed_after_being_changed():
    r = ok({"op": "substitute", "article": "3", "heading": {"en": "Disputes"}}, {"op": "repeal", "article": "3"})
    assert article(r.instrument, "3") is None
    assert [c.kind for c in r.changes] == ["changed", "repealed"]


# --- consolidation ------------------------------------------------------------------------

CLAUSE = {"general": {"count": 2, "instruments": ["notification"], "delay": {"days": 30}},
          "later": {"delay": {"days": 30}}}


def notified(**dates):
    return {code: {"signed": "2026-01-01", "events": [{"type": "notification", "date": d}]}
            for code, d in dates.items()}


def dated(data):
    # Instrument files carry real dates; the strings above are for reading.
    for party in data.get("parties", {}).values():
        party["signed"] = dt.date.fromisoformat(party["signed"])
        for e in party["events"]:
            e["date"] = dt.date.fromisoformat(e["date"])
    return data


def in_force_protocol(pid, ops, **dates):
    data = dated({"parties": notified(**dates)})
    return protocol(*ops, pid=pid, entry_into_force=CLAUSE, signed={"date": dt.date(2026, 1, 1)}, **data)


# First in force: KG and TJ from 2026-03-03 (TJ's notification + 30 days), BY from 2026-07-01.
FIRST = in_force_protocol("first", [{"op": "replace-words", "article": "3", "lang": "en", "words": "negotiation",
                                     "by": "negotiation and mediation", "cite": "1"}],
                          KG="2026-01-10", TJ="2026-02-01", BY="2026-06-01")
# Later in force (2026-05-01), and only applicable after FIRST: it changes FIRST's words.
SECOND = in_force_protocol("second", [{"op": "replace-words", "article": "3", "lang": "en", "words": "mediation",
                                       "by": "conciliation", "cite": "2"}],
                           KG="2026-03-01", TJ="2026-04-01")


def consolidated(as_of, party=None, protocols=(SECOND, FIRST)):
    inst, notes = consolidate(base(), list(protocols), dt.date.fromisoformat(as_of), party)
    return texts(inst, "3")[0], notes


def test_consolidation_applies_protocols_in_order_of_entry_into_force():
    text, notes = consolidated("2026-06-01")
    assert text == "Disputes are settled by negotiation and conciliation."
    assert notes == {"3": ["Amended by first (Article 1 of the protocol), in force from 2026-03-03",
                           "Amended by second (Article 2 of the protocol), in force from 2026-05-01"]}


def test_a_protocol_not_yet_in_force_changes_nothing():
    text, notes = consolidated("2026-03-02")
    assert (text, notes) == ("Disputes are settled by negotiation.", {})
    text, _ = consolidated("2026-04-30")
    assert text == "Disputes are settled by negotiation and mediation."


def test_consolidation_for_a_party_counts_only_what_is_in_force_for_it():
    assert consolidated("2026-06-01", "KG")[0] == "Disputes are settled by negotiation and conciliation."
    # BY is a party to the first protocol only, from 2026-07-01.
    assert consolidated("2026-06-01", "BY") == ("Disputes are settled by negotiation.", {})
    text, notes = consolidated("2026-07-01", "BY")
    assert text == "Disputes are settled by negotiation and mediation."
    assert notes == {"3": ["Amended by first (Article 1 of the protocol), in force for BY from 2026-07-01"]}
    # A state party to neither.
    assert consolidated("2027-01-01", "KZ")[0] == "Disputes are settled by negotiation."


def test_consolidation_notes_inserted_and_repealed_articles():
    p = in_force_protocol("third", [
        {"op": "insert", "article": "3.1", "after": "3", "new_article": {"number": "3.1", "paragraphs": [{"en": "x"}]}},
        {"op": "repeal", "article": "2"}], KG="2026-01-10", TJ="2026-02-01")
    inst, notes = consolidate(base(), [p], dt.date(2026, 6, 1), "TJ")
    assert [a.number for a in inst.articles] == ["1", "3", "3.1"]
    assert notes == {"3.1": ["Inserted by third, in force for TJ from 2026-03-03"],
                     "2": ["Repealed by third, in force for TJ from 2026-03-03"]}


def test_a_protocol_in_force_that_does_not_apply_is_an_error_not_a_skip():
    broken = in_force_protocol("broken", [{"op": "repeal", "article": "9"}], KG="2026-01-10", TJ="2026-02-01")
    with pytest.raises(ProtocolDoesNotApply) as info:
        consolidate(base(), [broken], dt.date(2026, 6, 1))
    assert info.value.protocol == "broken" and info.value.errors[0].loc == ("article",)


def test_protocols_of_other_instruments_are_ignored():
    other = in_force_protocol("other", [{"op": "repeal", "article": "3"}], KG="2026-01-10", TJ="2026-02-01")
    other = other.model_copy(update={"amends": "something-else"})
    assert consolidated("2026-06-01", protocols=[other])[0] == "Disputes are settled by negotiation."


# --- the article index (apply is O(operations + articles)) --------------------------------

def test_many_inserts_and_repeals_keep_reading_order():
    """A list replayed by hand and the engine's index agree on every article's place."""
    import random

    rng = random.Random(7)
    expected = ["1", "2", "3"]
    ops = []
    for k in range(300):
        if rng.random() < 0.6 or len(expected) < 2:
            after = rng.choice(["0", *expected])
            number = f"n{k}"
            ops.append({"op": "insert", "article": number, "after": after,
                        "new_article": {"number": number, "paragraphs": [{"en": f"New {k}."}]}})
            expected.insert(0 if after == "0" else expected.index(after) + 1, number)
        else:
            gone = rng.choice(expected)
            ops.append({"op": "repeal", "article": gone})
            expected.remove(gone)
    ops.append({"op": "repeal", "article": "n0"})  # already repealed or not: both are answered
    result = apply(base(), protocol(*ops))
    if "n0" in expected:
        expected.remove("n0")
        assert result.errors == []
    else:
        assert [e.index for e in result.errors] == [len(ops) - 1]
    assert [a.number for a in result.instrument.articles] == expected


def test_a_repeated_base_number_means_the_first_then_the_next():
    arts = [{"number": "1", "paragraphs": [{"en": "First."}]}, {"number": "1", "paragraphs": [{"en": "Second."}]}]
    result = apply(base(articles=arts), protocol({"op": "repeal", "article": "1"},
                                                 {"op": "replace-words", "article": "1", "lang": "en",
                                                  "words": "Second", "by": "Other"}))
    assert result.errors == []
    assert [p.texts["en"] for a in result.instrument.articles for p in a.paragraphs] == ["Other."]
