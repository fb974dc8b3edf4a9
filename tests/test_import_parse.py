"""The importer's pure parts: date forms, state names, paragraphs and items, the signature block,
messages with line numbers, YAML quoting. Texts here are written for the tests, not real instruments."""

from __future__ import annotations

import datetime as dt

import pytest

from cistreaty.importer import dates, emit, parse, parties
from cistreaty.io.loader import load_text

D = dt.date(2025, 6, 5)


@pytest.mark.parametrize("line,place", [
    ("Dushanbe, June 5, 2025", "Dushanbe"),
    ("Dushanbe, June 5th, 2025", "Dushanbe"),
    ("5 June 2025", None),
    ("5th of June, 2025", None),
    ("05.06.2025", None),
    ("Dushanbe, 05.06.2025", "Dushanbe"),
    ("2025-06-05", None),
    ("Душанбе, 5 июня 2025 года", "Душанбе"),
    ("г. Душанбе, «5» июня 2025 г.", "Душанбе"),
    ("5 июня 2025 года, город Душанбе", "Душанбе"),
])
def test_place_and_date_forms(line, place):
    assert dates.place_and_date(line) == (place, D)


@pytest.mark.parametrize("line", [
    "June 2025",                      # no day: dateutil would take today's
    "31.02.2025",                     # no such day
    "based on the Agreement dated December 23, 1993,",  # a sentence, not a place and date line
    "Dushanbe, June 5, 2025 and Minsk, June 6, 2025",
])
def test_not_a_place_and_date_line(line):
    assert dates.place_and_date(line) is None


@pytest.mark.parametrize("word,month", [
    ("январь", 1), ("января", 1), ("январе", 1), ("январю", 1), ("январём", 1), ("марта", 3), ("марте", 3),
    ("май", 5), ("мая", 5), ("мае", 5), ("августа", 8), ("сентября", 9), ("декабрь", 12),
])
def test_russian_month_cases(word, month):
    assert dates.RU_MONTHS[word] == month


def test_russian_date_in_a_sentence():
    found = dates.find_dates("Совершено в городе Бишкеке 26 октября 2023 года в одном экземпляре.")
    assert [f.date for f in found] == [dt.date(2023, 10, 26)]
    assert dates.parse_date("26 ОКТЯБРЯ 2023 г.") == dt.date(2023, 10, 26)


@pytest.mark.parametrize("line,code", [
    ("On behalf of the Government of the Republic of Azerbaijan", "AZ"),
    ("On behalf of the Government of Turkmenistan", "TM"),
    ("For the Government of the Kyrgyz Republic", "KG"),
    ("For the Government of Japan", "JP"),  # any state by its short English name
    ("За Правительство Республики Азербайджан", "AZ"),
    ("За Правительство Азербайджанской Республики", "AZ"),
    ("За Правительство Российской Федерации", "RU"),
    ("За Правительство Кыргызской Республики", "KG"),
    ("За Правительство Туркменистана", "TM"),
    ("За Правительство Украины", "UA"),
    ("За Российскую Федерацию", "RU"),
    ("За Республику Беларусь", "BY"),
])
def test_signature_block_names(line, code):
    assert parties.is_block_line(line)
    assert parties.code_for(parties.state_name(line)) == code


def _doc(*body: str) -> str:
    return "\n".join(["Agreement on Testing", "", "Minsk, 5 June 2025", "", "The Parties agreed as follows:",
                      "", *body]) + "\n"


def test_heading_line_only_when_text_follows():
    p = parse.parse(_doc("Article 1", "Definitions", "Words mean things.", "Article 2", "Closing words"))
    assert [(a.number, a.heading) for a in p.articles] == [("1", "Definitions"), ("2", None)]
    assert [x.text for x in p.articles[1].paragraphs] == ["Closing words"]


def test_article_line_forms():
    p = parse.parse(_doc("Article 1.", "One.", "ARTICLE 2 - Scope", "Two.", "Article 3. The Parties agree.",
                         "Article 4 of the Charter applies.", "Статья 5", "Пять."))
    assert [(a.number, a.heading) for a in p.articles] == [("1", None), ("2", "Scope"), ("3", None), ("5", None)]
    assert [x.text for x in p.articles[2].paragraphs] == ["The Parties agree.", "Article 4 of the Charter applies."]


def test_items_follow_a_colon_and_stop_after_the_full_stop():
    p = parse.parse(_doc("Article 1", "The Parties:", "exchange data;", "train staff; and", "meet.",
                         "Another paragraph.", "A note:", "Not a list."))
    paras = p.articles[0].paragraphs
    assert [x.text for x in paras[0].items] == ["exchange data;", "train staff; and", "meet."]
    assert [x.text for x in paras[1:]] == ["Another paragraph.", "A note:", "Not a list."]
    assert all(not x.items for x in paras[1:])


def test_wrapped_lines_are_joined_and_keep_their_first_line_number():
    p = parse.parse(_doc("Article 1", "The Parties shall", "cooperate.", "", "Next."))
    assert [(x.line, x.text) for x in p.articles[0].paragraphs] == [(8, "The Parties shall cooperate."),
                                                                   (11, "Next.")]


def test_every_line_left_out_is_reported_with_its_line_number():
    text = "\n".join(["Breaking news", "VK X OK WhatsApp Telegram", "Agreement on Testing", "Unofficial translation",
                      "Minsk, 5 June 2025", "We agree:", "Article 1", "Share", "Text.", "Done at Minsk on 5 June 2025.",
                      "For the Government of Japan", "(signature)", "This line belongs nowhere in particular.",
                      "Read also:", "Other news"])
    p = parse.parse(text)
    assert [(m.line, m.kind) for m in p.messages] == [
        (1, "note"), (4, "warning"), (8, "note"), (13, "warning"), (14, "note")]
    assert p.messages[0].text == "lines 1-2 left out (before the title)"
    assert p.messages[-1].text == "lines 14-15 left out (page matter from 'Read also:' on)"


def test_block_with_one_signature_per_state_records_signatories():
    p = parse.parse(_doc("Article 1", "Text.", "Done at Minsk on 5 June 2025.",
                         "For the Government of Japan", "(signature)",
                         "For the Government of Mongolia", "________"))
    assert p.unattributable is None
    assert [(s.code, parse.shows_signature(s)) for s in p.signatories] == [("JP", True), ("MN", False)]
    inst = load_text(emit.emit(p, ident="x", type_="agreement", lang="en", source_name="t.txt"), "x").instrument
    assert {c: v.signed for c, v in inst.parties.items()} == {"JP": D}


@pytest.mark.parametrize("block,why", [
    (["For the Government of Japan", "For the Government of Mongolia", "Signature", "Signature"], "cannot be matched"),
    (["For the Government of Japan", "For the Government of Mongolia"], "shows no signatures"),
])
def test_block_that_does_not_say_who_signed(block, why):
    p = parse.parse(_doc("Article 1", "Text.", "Done at Minsk on 5 June 2025.", *block))
    assert why in p.unattributable
    yaml_text = emit.emit(p, ident="x", type_="agreement", lang="en", source_name="t.txt")
    assert load_text(yaml_text, "x").instrument.parties == {}
    assert "#   JP  Japan (line" in yaml_text and "#   MN  Mongolia (line" in yaml_text


def test_date_and_place_from_the_closing_formula_when_no_place_date_line():
    p = parse.parse("Соглашение о тестах\nСтороны согласились:\nСтатья 1\nТекст.\n"
                    "Совершено в городе Ашхабаде 5 июня 2025 года.\n")
    assert (p.place, p.date, p.lang) == ("Ашхабад", D, "ru")


@pytest.mark.parametrize("tricky", ['say "no"', "back\\slash", "tab\there", "line\u2028sep", "nel\x85x",
                                    "# not a comment", "key: value", "- dash", "*star", "&amp", "'single'"])
def test_strings_load_back_unchanged(tricky):
    p = parse.Parsed("en", title=f"Agreement {tricky}")
    p.articles = [parse.Art(1, "1", heading=tricky, paragraphs=[parse.Para(1, tricky)])]
    p.closing = tricky
    result = load_text(emit.emit(p, ident="x", type_="agreement", lang="en", source_name=f"a {tricky}"), "x")
    assert result.diagnostics == []
    inst = result.instrument
    assert inst.title["en"] == f"Agreement {tricky}" and inst.closing["en"] == tricky
    assert inst.articles[0].heading["en"] == tricky and inst.articles[0].paragraphs[0].texts["en"] == tricky


def test_text_without_articles_keeps_its_closing_and_says_so():
    p = parse.parse("Decision on the Year of Testing\nThe Council decided:\nto hold it;\nto fund it.\n"
                    "Done at Minsk on 5 June 2025.\nFor the Republic of Belarus\n(signature)\n")
    assert parse.instrument_type(p.title) == "decision" and p.articles == []
    assert [(x.text, [i.text for i in x.items]) for x in p.preamble] == [
        ("The Council decided:", ["to hold it;", "to fund it."])]
    assert p.closing == "Done at Minsk on 5 June 2025." and p.date == D
    assert [s.code for s in p.signatories] == ["BY"]
    assert [(m.line, m.kind) for m in p.messages] == [(2, "warning")]
    assert "no article line" in p.messages[0].text


def test_place_names_are_capitalised_words():
    assert dates.place_and_date("Done at Minsk on 5 June 2025.") is None
    assert dates.place_and_date("Nur-Sultan, 5 June 2025") == ("Nur-Sultan", D)
    assert dates.place_and_date("Санкт-Петербург, 5 июня 2025 г.") == ("Санкт-Петербург", D)


def test_title_word_set_apart_from_the_rest_of_the_title():
    p = parse.parse("СОГЛАШЕНИЕ\n\nо сотрудничестве в области тестов\n\nСтороны согласились:\n\nСтатья 1\n\nТекст.\n")
    assert p.title == "Соглашение о сотрудничестве в области тестов"
    assert [x.text for x in p.preamble] == ["Стороны согласились:"]


def test_an_impossible_date_of_signature_is_reported_not_taken():
    text = "Agreement on Testing\n\nMinsk, 31 February 2025\n\nThe Parties agreed:\n\nArticle 1\n\nOne.\n"
    p = parse.parse(text)
    assert p.date is None
    assert [(m.line, m.kind) for m in p.messages if "not a real date" in m.text] == [(3, "warning")]
    assert "'31 February 2025' is not a real date" in next(m.text for m in p.messages if m.line == 3)
