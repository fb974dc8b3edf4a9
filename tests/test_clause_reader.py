"""The clause reader over every wording it claims (docs/clauses.md), and sentences it must refuse.

Real wordings are quoted from /work/shared/sources (RECORDS.md §1, texts/, FACTS.md and the
heavy-machinery text); the others are written for the test and say so.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cistreaty.engine import clause_words as w
from cistreaty.engine.clause_reader import read_article
from cistreaty.models import (
    Accession, Authorities, Delay, FixedDuration, General, Later, Provisional, Withdrawal,
)

D = Delay


def read(text, lang):
    paras = [text] if isinstance(text, str) else text
    return read_article(paras, lang)


def data(text, lang):
    return {c.kind: c.data for c in read(text, lang).clauses}


# ---- the numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("words,value", [
    ("тридцать", 30), ("тридцати", 30), ("тридцатью", 30), ("шестьдесят", 60), ("шестидесяти", 60),
    ("шестьюдесятью", 60), ("девяносто", 90), ("девяноста", 90), ("шесть", 6), ("шести", 6), ("шестью", 6),
    ("три", 3), ("трех", 3), ("трем", 3), ("тремя", 3), ("один", 1), ("одного", 1), ("одному", 1),
    ("одним", 1), ("одном", 1), ("два", 2), ("двух", 2), ("двум", 2), ("двумя", 2), ("пятнадцати", 15),
    ("сорока пяти", 45), ("ста восьмидесяти", 180), ("сто двадцать", 120),
])
def test_russian_cardinals_in_every_case(words, value):
    import re
    assert re.fullmatch(w.RU_CARDINAL, words)
    assert w.ru_value(words) == value


@pytest.mark.parametrize("words,value", [
    ("третий", 3), ("третьего", 3), ("третьему", 3), ("третьим", 3), ("третьем", 3), ("третья", 3),
    ("третьей", 3), ("третью", 3), ("третье", 3), ("пятого", 5), ("пятому", 5), ("пятым", 5), ("пятом", 5),
    ("пятой", 5), ("пятую", 5), ("второго", 2), ("десятого", 10), ("тридцатый", 30), ("тридцатого", 30),
    ("двадцать пятого", 25), ("последнего", None), ("3-го", 3), ("30-й", 30),
])
def test_russian_ordinals_in_every_case(words, value):
    import re
    matched = re.fullmatch(w.RU_ORDINAL, words)
    if value is None:
        assert not matched
    else:
        assert matched and w.ru_value(words) == value


@pytest.mark.parametrize("words,value", [
    ("thirty", 30), ("sixty", 60), ("twenty-five", 25), ("one hundred and eighty", 180), ("six", 6),
    ("third", 3), ("fifth", 5), ("twentieth", 20), ("thirtieth", 30), ("twenty-first", 21), ("3rd", 3),
    ("fiftieth", 50), ("hundredth", 100),
])
def test_english_numbers(words, value):
    import re
    assert re.fullmatch(f"{w.EN_CARDINAL}|{w.EN_ORDINAL}", words)
    assert w.en_value(words) == value


# ---- entry into force, in both languages ---------------------------------------------------

HEAVY_12 = ["The Agreement enters into force 30 days after the depository receives the third notification "
            "of the completion of procedures.",
            "For Parties that complete the procedures later, the Agreement enters into force 30 days from the "
            "date of receipt of the relevant notifications."]
ASHGABAT_2014 = [  # texts/rules-of-origin-2009-agreement-amending-protocol-2014-ashgabat.ru.PARTIAL.txt
    "Настоящий Протокол временно применяется через 60 дней с даты подписания и вступает в силу по истечении "
    "30 дней с даты получения депозитарием третьего уведомления о выполнении подписавшими его Сторонами "
    "внутригосударственных процедур, необходимых для его вступления в силу.",
    "Для Сторон, выполнивших внутригосударственные процедуры позднее, настоящий Протокол вступает в силу по "
    "истечении 30 дней с даты получения депозитарием соответствующих документов."]
TASHKENT_2017 = [  # texts/road-carriers-2006-agreement-amending-protocol-2017-tashkent.ru.PARTIAL.txt
    "Настоящий Протокол вступает в силу с даты получения депозитарием третьего уведомления о выполнении "
    "подписавшими его Сторонами внутригосударственных процедур, необходимых для его вступления в силу.",
    "Для Сторон, выполнивших внутригосударственные процедуры позднее, настоящий Протокол вступает в силу с "
    "даты получения депозитарием соответствующих документов."]
REGISTRATION_2011 = (  # texts/unified-registration-third-country-nationals-2011-agreement.ru.PARTIAL.txt
    "Настоящее Соглашение временно применяется с даты подписания и вступает в силу по истечении 30 дней с "
    "даты получения депозитарием третьего уведомления о выполнении подписавшими его Сторонами "
    "внутригосударственных процедур, необходимых для его вступления в силу.")
# Council of Europe form (FACTS.md, CETS 185 wording without its "including" condition; written for the test).
COE = ["This Convention shall enter into force on the first day of the month following the expiration of a "
       "period of three months after the date on which five member States of the Council of Europe have "
       "expressed their consent to be bound by the Convention.",
       "In respect of any signatory State which subsequently expresses its consent to be bound by it, the "
       "Convention shall enter into force on the first day of the month following the expiration of a period "
       "of three months after the date of the deposit of its instrument of ratification, acceptance or approval.",
       "In respect of any acceding State, the Convention shall enter into force on the first day of the month "
       "following the expiration of a period of three months after the date of deposit of the instrument of "
       "accession."]
UN = ("This Agreement shall enter into force on the thirtieth day after the date of deposit of the twentieth "
      "instrument of ratification, acceptance, approval or accession.")  # UN form, written for the test

ALL_TYPES = ["ratification", "acceptance", "approval", "accession"]


@pytest.mark.parametrize("text,lang,expected", [
    (HEAVY_12, "en", {"general": General(count=3, instruments=["notification"], delay=D(days=30)),
                      "later": Later(delay=D(days=30))}),
    (ASHGABAT_2014, "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=30)),
                           "later": Later(delay=D(days=30)),
                           "provisional": Provisional(**{"from": "signature", "delay": D(days=60)})}),
    (TASHKENT_2017, "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=0)),
                           "later": Later(delay=D(days=0))}),
    (REGISTRATION_2011, "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=30)),
                               "provisional": Provisional(**{"from": "signature", "delay": D(days=0)})}),
    (COE, "en", {"general": General(count=5, delay=D(months=3), align="first-of-next-month"),
                 "later": Later(delay=D(months=3), align="first-of-next-month"),
                 "accession": Accession(delay=D(months=3), align="first-of-next-month")}),
    (UN, "en", {"general": General(count=20, instruments=ALL_TYPES, delay=D(days=30))}),
    # RECORDS.md §1 variants, and the forms written out for the test:
    ("Настоящее Соглашение вступает в силу с даты получения депозитарием третьего (письменного) уведомления.",
     "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=0))}),
    ("Настоящая Конвенция вступает в силу с даты сдачи на хранение депозитарию третьего письменного уведомления.",
     "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=0))}),
    ("Настоящее Соглашение вступает в силу со дня сдачи на хранение депозитарию третьего уведомления.",
     "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=0))}),
    ("Настоящее Соглашение вступает в силу по истечении 5 календарных дней после дня получения депозитарием "
     "по дипломатическим каналам последнего письменного уведомления.",
     "ru", {"general": General(count="all", instruments=["notification"], delay=D(days=5))}),
    ("Настоящее Соглашение вступает в силу по истечении тридцати дней с даты получения депозитарием "
     "третьего уведомления.", "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=30))}),
    ("Настоящее Соглашение вступает в силу через тридцать дней после получения депозитарием пятого уведомления.",
     "ru", {"general": General(count=5, instruments=["notification"], delay=D(days=30))}),
    ("Настоящее Соглашение вступает в силу на тридцатый день после получения депозитарием второго уведомления.",
     "ru", {"general": General(count=2, instruments=["notification"], delay=D(days=30))}),
    ("Настоящее Соглашение вступает в силу по истечении шестидесяти дней с даты получения депозитарием "
     "двадцать пятого уведомления.", "ru",
     {"general": General(count=25, instruments=["notification"], delay=D(days=60))}),
    ("Настоящее Соглашение вступает в силу по истечении ста восьмидесяти дней с даты получения депозитарием "
     "3-го уведомления.", "ru", {"general": General(count=3, instruments=["notification"], delay=D(days=180))}),
    ("Настоящее Соглашение вступает в силу по истечении трех месяцев с даты сдачи на хранение депозитарию "
     "третьей ратификационной грамоты.", "ru",
     {"general": General(count=3, instruments=["ratification"], delay=D(months=3))}),
    ("Настоящее Соглашение вступает в силу в первый день месяца, следующего за истечением трехмесячного "
     "периода с даты получения депозитарием пятого уведомления.", "ru",
     {"general": General(count=5, instruments=["notification"], delay=D(months=3), align="first-of-next-month")}),
    ("Для присоединяющегося государства настоящее Соглашение вступает в силу по истечении 30 дней с даты "
     "получения депозитарием документа о присоединении.", "ru", {"accession": Accession(delay=D(days=30))}),
    ("This Agreement shall enter into force thirty (30) days after the date of receipt by the depositary of "
     "the third notification.", "en", {"general": General(count=3, instruments=["notification"], delay=D(days=30))}),
    ("This Agreement shall enter into force on the date of receipt by the depositary of the last written "
     "notification.", "en", {"general": General(count="all", instruments=["notification"], delay=D(days=0))}),
    ("The Agreement enters into force 30 days after the date of receipt by the depositary of the third "
     "instrument of ratification.", "en",
     {"general": General(count=3, instruments=["ratification"], delay=D(days=30))}),
    ("This Agreement shall enter into force six months after the date of deposit of the tenth instrument of "
     "ratification or accession.", "en",
     {"general": General(count=10, instruments=["ratification", "accession"], delay=D(months=6))}),
    ("For the acceding state, the Agreement enters into force 30 days after the depository receives the "
     "document of accession.", "en", {"accession": Accession(delay=D(days=30))}),
    ("For each State ratifying or acceding to this Agreement after the deposit of the twentieth instrument, "
     "the Agreement shall enter into force on the thirtieth day after the deposit of its instrument.", "en",
     {"later": Later(delay=D(days=30))}),
    ("This Protocol shall be applied provisionally from the date of its signature.", "en",
     {"provisional": Provisional(**{"from": "signature"})}),
    ("This Protocol shall be applied provisionally 60 days after the date of signature.", "en",
     {"provisional": Provisional(**{"from": "signature", "delay": D(days=60)})}),
])
def test_entry_into_force_wordings(text, lang, expected):
    assert data(text, lang) == expected


def test_the_words_of_each_value_are_kept():
    r = read(HEAVY_12, "en")
    general = r.of("general")
    assert general.field("count").text == "the third notification"
    assert general.field("delay").text == "30 days after"
    assert general.field("instruments").text == "notification"
    assert general.words.text == HEAVY_12[0]
    assert (general.words.paragraph, general.words.start, general.words.end) == (0, 0, len(HEAVY_12[0]))
    later = r.of("later")
    assert later.words.paragraph == 1 and later.field("delay").text == "30 days from"
    ru = read(ASHGABAT_2014, "ru")
    assert ru.of("general").field("count").text == "третьего уведомления"
    assert ru.of("provisional").field("delay").text == "60 дней с"


# ---- accession, withdrawal, duration, authorities -------------------------------------------

@pytest.mark.parametrize("text,lang,expected", [
    ("The Agreement is concluded for an indefinite period, and each Party has the right to withdraw from it by "
     "notifying the depository six months in advance.", "en",
     {"duration": "indefinite", "withdrawal": Withdrawal(notice=D(months=6))}),
    ("Настоящее Соглашение заключается на неопределенный срок. Каждая из Сторон вправе выйти из него, направив "
     "письменное уведомление депозитарию не позднее чем за шесть месяцев до даты выхода.", "ru",
     {"duration": "indefinite", "withdrawal": Withdrawal(notice=D(months=6))}),
    ("Выход из настоящего Соглашения вступает в силу по истечении шести месяцев с даты получения депозитарием "
     "уведомления.", "ru", {"withdrawal": Withdrawal(notice=D(months=6))}),
    ("Any Party may withdraw from this Agreement by written notification to the depositary. Such withdrawal "
     "shall take effect upon expiry of one year from the date of receipt of the notification.", "en",
     {"withdrawal": Withdrawal(notice=D(years=1))}),
    ("Настоящее Соглашение заключается сроком на пять лет и автоматически продлевается на последующие "
     "пятилетние периоды, если ни одна из Сторон не уведомит депозитарий о своем намерении выйти из него.",
     "ru", {"duration": FixedDuration(years=5, renew_years=5)}),
    ("Настоящее Соглашение заключается сроком на 5 лет и автоматически продлевается на последующие 5-летние "
     "периоды.", "ru", {"duration": FixedDuration(years=5, renew_years=5)}),
    ("Настоящее Соглашение действует в течение десяти лет.", "ru", {"duration": FixedDuration(years=10)}),
    ("This Agreement is concluded for a period of five years and shall be automatically extended for "
     "successive five-year periods.", "en", {"duration": FixedDuration(years=5, renew_years=5)}),
    ("This Agreement shall remain in force for ten years and shall be extended automatically for periods of "
     "two years unless a Party notifies the depositary.", "en", {"duration": FixedDuration(years=10, renew_years=2)}),
    ("Each Party notifies the depository of changes in the list of authorized bodies within 30 days.", "en",
     {"authorities": Authorities(notify_changes=D(days=30))}),
    ("Каждая Сторона в течение тридцати дней уведомляет депозитарий об изменениях в перечне уполномоченных "
     "органов.", "ru", {"authorities": Authorities(notify_changes=D(days=30))}),
])
def test_final_clause_wordings(text, lang, expected):
    assert data(text, lang) == expected


# ---- what must give nothing ---------------------------------------------------------------

@pytest.mark.parametrize("text,lang,reason", [
    ("Настоящее Соглашение вступает в силу по истечении 30 дней с даты получения депозитарием третьего и "
     "пятого уведомления.", "ru", "two different counts"),
    ("The Agreement enters into force 30 days after the depository receives the third notification; it enters "
     "into force 60 days after the depository receives the third notification.", "en", "two different"),
    ("Настоящее Соглашение вступает в силу по истечении 30 с даты получения депозитарием третьего уведомления.",
     "ru", "a period with no unit: '30 с'"),
    ("The Agreement enters into force 30 after the depository receives the third notification.", "en",
     "a period with no unit"),
    ("Настоящее Соглашение вступает в силу по истечении 30 дней с даты получения депозитарием сто первого "
     "уведомления.", "ru", "an ordinal beyond those the reader knows"),
    ("The Agreement enters into force 30 days after the depository receives the hundred and first notification.",
     "en", "an ordinal beyond those the reader knows"),
    ("The Agreement enters into force 30 days after the depository receives the umpteenth notification.",
     "en", "the count is not read"),
    ("Созишнома пас аз 30 рӯз мавриди амал қарор мегирад.", "tg", "reads English and Russian, not 'tg'"),
    ("Созишнома ҳамчун 30 рӯз пас аз гирифтани огоҳиномаи сеюм мавриди амал қарор мегирад.", "ru",
     "not Russian"),
    ("This Agreement shall enter into force thirty (31) days after the date of receipt of the third notification.",
     "en", "the words and the figures of a number differ"),
    ("Настоящее Соглашение вступает в силу по истечении 30 рабочих дней с даты получения депозитарием "
     "третьего уведомления.", "ru", "working days"),
    ("Настоящее Соглашение вступает в силу после сдачи на хранение депозитарию третьего уведомления.", "ru",
     "no period is read"),
    ("Настоящее Соглашение вступает в силу с даты его подписания.", "ru", "no count"),
    # FACTS.md: CETS 185 and the Paris Agreement count states with a condition the data cannot hold.
    ("This Convention shall enter into force on the first day of the month following the expiration of a "
     "period of three months after the date on which five States, including at least three member States of "
     "the Council of Europe, have expressed their consent to be bound.", "en", "further condition"),
    ("This Agreement shall enter into force on the thirtieth day after the date on which at least 55 Parties "
     "accounting in total for at least an estimated 55 per cent of the total global greenhouse gas emissions "
     "have deposited their instruments of ratification, acceptance, approval or accession.", "en",
     "further condition"),
    # texts/plant-quarantine-2016-agreement.ru.PARTIAL.txt: one rule for CIS states, another for the rest.
    (["Для государств - участников СНГ настоящее Соглашение вступает в силу по истечении 30 дней с даты "
      "получения депозитарием документа о присоединении.",
      "Для государства, не являющегося участником СНГ, настоящее Соглашение вступает в силу по истечении 30 "
      "дней с даты получения депозитарием последнего уведомления о согласии подписавших его или "
      "присоединившихся к нему государств на такое присоединение."], "ru", "some states only"),
    ("Each Party may denounce this Convention by means of a notification addressed to the Secretary General. "
     "Such denunciation shall become effective on the first day of the month following the expiration of a "
     "period of three months after the date of receipt of the notification.", "en", "first day of a month"),
    ("This Protocol shall be applied provisionally from the date of receipt of the second notification.", "en",
     "other than signature"),
    ("Настоящее Соглашение заключается сроком на пять лет и может быть продлено по решению Сторон.", "ru",
     "renewal"),
    ("This Agreement is concluded for an indefinite period and for a period of five years.", "en",
     "both an indefinite and a fixed duration"),
])
def test_refused_wordings_give_nothing_and_say_why(text, lang, reason):
    r = read(text, lang)
    assert r.clauses == ()
    assert any(reason in x.reason for x in r.refusals), r.refusals


@pytest.mark.parametrize("text,lang", [
    ("The Agreement is open for accession by any CIS states.", "en"),
    ("Amendments to the Agreement may be made by mutual consent of the Parties.", "en"),
    ("The Parties designate their authorized bodies.", "en"),
    ("Стороны осуществляют сотрудничество через свои уполномоченные органы.", "ru"),
    ("Настоящее Соглашение подписано 5 июня 2025 года в одном подлинном экземпляре.", "ru"),
    ("", "en"),
])
def test_sentences_without_a_clause_give_nothing(text, lang):
    r = read(text, lang)
    assert r.clauses == () and r.refusals == ()


def test_numbers_the_data_cannot_hold_are_refused():
    for text, lang in (("The Agreement enters into force 30 days after the depository receives the 0th "
                        "notification.", "en"),
                       ("This Agreement is concluded for a period of 0 years.", "en"),
                       ("Настоящее Соглашение вступает в силу по истечении 100001 дней с даты получения "
                        "депозитарием третьего уведомления.", "ru")):
        r = read(text, lang)
        assert r.clauses == () and r.refusals, text


_WORDS = ("enters into force", "shall enter into force", "вступает в силу", "временно применяется", "30", "0",
          "thirty", "тридцати", "days", "дней", "months", "месяцев", "years", "лет", "after", "from the date of",
          "с даты", "по истечении", "третьего", "third", "last", "последнего", "notification", "уведомления",
          "instrument of", "ratification", "acceptance", "or", "и", "for", "Для", "later", "позднее", "acceding",
          "присоединяющегося", "withdraw", "выйти", "indefinite period", "сроком на", "пять", "продлевается",
          "automatically extended", "на последующие", "пятилетние периоды", "(30)", "(31)", "within", "в течение",
          "authorized bodies", "изменениях", "first day of the month following the expiration of a period of",
          "в первый день месяца, следующего за истечением", ",", ".", ";", "-", "ҳ", "İ", "\u00a0")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join), max_size=3),
       st.sampled_from(["en", "ru", "tg"]))
def test_any_jumble_of_clause_words_reads_or_refuses_without_raising(paragraphs, lang):
    r = read_article(paragraphs, lang)
    for c in r.clauses:  # whatever is read quotes words that are really there
        assert paragraphs[c.words.paragraph][c.words.start:c.words.end] == c.words.text
        for _, words in c.fields:
            assert paragraphs[words.paragraph][words.start:words.end] == words.text


@pytest.mark.parametrize("text,lang", [
    ("Настоящее Соглашение вступает в силу по истечении 100001 дней с даты получения депозитарием третьего "
     "уведомления.", "ru"),
    ("Настоящее Соглашение вступает в силу по истечении тысячи дней с даты получения депозитарием третьего "
     "уведомления.", "ru"),
    ("This Agreement shall enter into force upon the expiry of a thousand days from the date of receipt of the "
     "third notification.", "en"),
])
def test_a_period_not_understood_is_never_read_as_the_same_day(text, lang):
    r = read(text, lang)
    assert r.clauses == () and any("period" in x.reason for x in r.refusals), r


@pytest.mark.parametrize("number", [f for n in (30, 6, 3, 1, 2, 45) for f in w.RU_CARDINALS.get(n, ())] + [
    "сорока пяти", "сорок пять"])
def test_every_case_of_a_russian_period_reads_in_a_clause(number):
    value = w.ru_value(number)
    text = (f"Настоящее Соглашение вступает в силу по истечении {number} дней с даты получения депозитарием "
            "третьего уведомления.")
    assert data(text, "ru") == {"general": General(count=3, instruments=["notification"], delay=D(days=value))}


@pytest.mark.parametrize("ordinal,value", [
    ("третьего", 3), ("третьему", 3), ("третьем", 3), ("пятого", 5), ("пятому", 5), ("пятом", 5),
    ("седьмого", 7), ("десятого", 10), ("двадцать пятого", 25), ("3-го", 3)])
def test_every_case_of_a_russian_count_reads_in_a_clause(ordinal, value):
    text = f"Настоящее Соглашение вступает в силу с даты получения депозитарием {ordinal} уведомления."
    assert data(text, "ru")["general"].count == value
