"""The words final clauses count with, in English and Russian: numbers, ordinals, units of time.

Pure tables and regular expressions over *folded* text (see `fold`). Every pattern here matches a
closed list of words; a number the tables do not hold is not matched, so the reader refuses the
clause instead of guessing. Russian numbers are matched in every case ("тридцать", "тридцати",
"тридцатью"; "третий", "третьего", "третьему"...), without checking that the case agrees with the
preposition: the clause's grammar is the drafters' business, its number is ours.
"""

from __future__ import annotations

import re


_FOLD = str.maketrans({"ё": "е", "\xa0": " ", "\u2009": " ", "\u202f": " ", "’": "'",
                       "–": "-", "—": "-", "‑": "-"})


def fold(text: str) -> str:
    """Lower case, ё as е, no-break and thin spaces as spaces, typographic apostrophes and dashes
    plain: the same length as `text`, so that a match in the folded text is a span of the original."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): keep it as it is
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def _alt(words) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


# ---- English --------------------------------------------------------------------------------

EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
EN_ORD_UNITS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 1)}
EN_ORD_TENS = {w: 10 * i for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2)}

_EN_U19 = _alt(k for k in EN_UNITS if k != "zero")
_EN_U9 = _alt(k for k, v in EN_UNITS.items() if 1 <= v <= 9)
_EN_2D = rf"(?:{_alt(EN_TENS)}(?:[- ]{_EN_U9})?|{_EN_U19})"
EN_CARDINAL = rf"(?:(?:one|a) hundred(?: (?:and )?{_EN_2D})?|{_EN_2D})"
_EN_ORD_2D = rf"(?:{_alt(EN_TENS)}[- ]{_alt(k for k, v in EN_ORD_UNITS.items() if v <= 9)}" \
             rf"|{_alt(EN_ORD_TENS)}|{_alt(EN_ORD_UNITS)})"
EN_ORDINAL = rf"(?:(?:one |a )?hundredth|{_EN_ORD_2D}|\d{{1,3}}(?:st|nd|rd|th))"


def en_value(words: str) -> int:
    """The value of an EN_CARDINAL or EN_ORDINAL match ("one hundred and eighty", "twenty-fifth")."""
    digits = re.match(r"\d+", words)
    if digits:
        return int(digits.group())
    total = 0
    for token in re.split(r"[- ]+", words):
        if token in ("hundred", "hundredth"):
            total = (total or 1) * 100
        elif token in ("and", "a"):
            continue
        else:
            total += {**EN_UNITS, **EN_TENS, **EN_ORD_UNITS, **EN_ORD_TENS}[token]
    return total


# ---- Russian --------------------------------------------------------------------------------

# Every case of each cardinal: nominative/accusative, genitive/prepositional, dative, instrumental.
RU_CARDINALS: dict[int, tuple[str, ...]] = {
    1: ("один", "одного", "одному", "одним", "одном", "одна", "одной", "одну", "одно"),
    2: ("два", "две", "двух", "двум", "двумя"),
    3: ("три", "трех", "трем", "тремя"),
    4: ("четыре", "четырех", "четырем", "четырьмя"),
    5: ("пять", "пяти", "пятью"), 6: ("шесть", "шести", "шестью"), 7: ("семь", "семи", "семью"),
    8: ("восемь", "восьми", "восемью"), 9: ("девять", "девяти", "девятью"),
    10: ("десять", "десяти", "десятью"),
    20: ("двадцать", "двадцати", "двадцатью"), 30: ("тридцать", "тридцати", "тридцатью"),
    40: ("сорок", "сорока"), 50: ("пятьдесят", "пятидесяти", "пятьюдесятью"),
    60: ("шестьдесят", "шестидесяти", "шестьюдесятью"), 70: ("семьдесят", "семидесяти", "семьюдесятью"),
    80: ("восемьдесят", "восьмидесяти", "восемьюдесятью"), 90: ("девяносто", "девяноста"),
    100: ("сто", "ста"),
}
for _n, _stem in zip(range(11, 20), ("один", "две", "три", "четыр", "пят", "шест", "сем", "восем", "девят")):
    RU_CARDINALS[_n] = tuple(f"{_stem}надцат{e}" for e in ("ь", "и", "ью"))
RU_CARD_WORDS = {w: n for n, forms in RU_CARDINALS.items() for w in forms}

_RU_U9 = _alt(w for w, n in RU_CARD_WORDS.items() if n <= 9)
_RU_U19 = _alt(w for w, n in RU_CARD_WORDS.items() if n <= 19)
_RU_TENS = _alt(w for w, n in RU_CARD_WORDS.items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
_RU_2D = rf"(?:{_RU_TENS}(?: {_RU_U9})?|{_RU_U19})"
RU_CARDINAL = rf"(?:(?:сто|ста)(?: {_RU_2D})?|{_RU_2D})"

RU_ORD_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
    "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19,
    "двадцат": 20, "тридцат": 30, "сороков": 40, "пятидесят": 50, "шестидесят": 60, "семидесят": 70,
    "восьмидесят": 80, "девяност": 90, "сот": 100,
}
# Adjective endings of every case and gender; "третий" declines with a soft sign.
_RU_HARD = "(?:ый|ой|ого|ому|ым|ом|ая|ую|ое|ые|ых|ыми)"
_RU_SOFT = "(?:ий|ьего|ьему|ьим|ьем|ья|ьей|ью|ье|ьи|ьих|ьими)"
_RU_ORD_WORD = rf"(?:трет{_RU_SOFT}|{_alt(s for s in RU_ORD_STEMS if s != 'трет')}{_RU_HARD})"
_RU_ORD_UNIT = rf"(?:трет{_RU_SOFT}|{_alt(s for s, n in RU_ORD_STEMS.items() if n <= 9 and s != 'трет')}{_RU_HARD})"
RU_ORDINAL = (rf"(?:{_RU_TENS} {_RU_ORD_UNIT}|{_RU_ORD_WORD}"
              r"|\d{1,3} ?-? ?(?:го|й|ый|ий|ой|ого|его|ое|ая|ую|му|м))")


def ru_value(words: str) -> int:
    """The value of an RU_CARDINAL or RU_ORDINAL match ("ста восьмидесяти", "двадцать пятого")."""
    digits = re.match(r"\d+", words)
    if digits:
        return int(digits.group())
    total = 0
    for token in words.split():
        if token in RU_CARD_WORDS:
            total += RU_CARD_WORDS[token]
            continue
        stem = max((s for s in RU_ORD_STEMS if token.startswith(s)), key=len)
        total += RU_ORD_STEMS[stem]
    return total


# Combining forms: "тридцатидневный срок", "шестимесячный", "пятилетние периоды".
RU_COMBINING = {
    "одно": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
    "девяти": 9, "десяти": 10, "двенадцати": 12, "пятнадцати": 15, "двадцати": 20, "тридцати": 30,
    "сорока": 40, "шестидесяти": 60, "девяноста": 90, "ста": 100,
}

# ---- units ----------------------------------------------------------------------------------

EN_UNIT = r"(?:calendar )?(days?|months?|years?)\b"
RU_UNIT = (r"(?:календарн\w* )?(дней|дня|дню|днями|дням|днях|день|"
           r"месяцев|месяца|месяцу|месяцем|месяцам|месяцами|месяцах|месяце|месяц|"
           r"годами|годам|годах|года|году|годом|год|лет)(?!\w)")
NOT_CALENDAR = re.compile(r"\b(?:working|business) days?\b|рабочи\w+ дн\w+")


def unit_of(word: str) -> str:
    """'days' | 'months' | 'years' for a unit word in either language."""
    if word.startswith(("day", "дн", "ден")):
        return "days"
    if word.startswith(("month", "месяц")):
        return "months"
    return "years"
